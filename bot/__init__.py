"""Conference Flashback: weekly conference flashbacks and /paper lookups for Slack and Discord."""

__version__ = "0.1.0"
