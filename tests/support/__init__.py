"""Helpers the tests share: databases, small corpora, services, bot processes."""
