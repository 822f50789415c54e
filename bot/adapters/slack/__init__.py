"""Slack: the Web API client, the bolt app and how Slack reaches the bot."""
