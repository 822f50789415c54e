"""Slack: the Web API client, the bolt app, how Slack reaches the bot, its limits and tokens."""

from bot.adapters.slack.platform import SLACK

__all__ = ["SLACK"]
