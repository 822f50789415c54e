"""The finders: each looks for one way reports name works."""
