"""Operating the bot: logging, health, the doctor, the settings reference."""
