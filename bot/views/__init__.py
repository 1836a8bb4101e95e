"""Pure Block Kit builders: reply data in, Slack blocks out."""
