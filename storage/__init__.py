"""Tables, queries, sessions and migrations. Knows nothing of Slack or commands."""
