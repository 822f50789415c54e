"""Discord: the bot client, the slash commands (a cog) and command sync."""
