"""Tests of bot/schedule/."""
