"""The whole bot as processes, images and compose files."""
