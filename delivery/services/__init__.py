"""The delivery services: what the settings page, the API, the bot and the jobs share."""
