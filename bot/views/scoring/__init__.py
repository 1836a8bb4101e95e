"""Block Kit for scoring: the questionnaire modal, results, explanations, the ranking, asks."""
