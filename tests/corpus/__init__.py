"""Tests of bot/corpus/ (and the catalog it builds)."""
