"""Slack and the outside world: bolt App, listeners, Block Kit, console, CLI."""
