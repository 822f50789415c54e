"""Tests of bot/adapters/."""
