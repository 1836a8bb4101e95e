"""What a user can ask: parse `/partner …` text, run it, return a Reply. Never calls Slack."""
