"""Scoring: the questionnaire, asking leads to answer it, the ranking, and the scorecard in use."""
