"""Chat commands, platform-neutral: parsing, running, the replies adapters render."""
