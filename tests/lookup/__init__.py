"""Tests of bot/lookup/."""
