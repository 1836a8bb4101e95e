"""`/partner settings`: named workspace and member settings, each key owned by its feature."""
