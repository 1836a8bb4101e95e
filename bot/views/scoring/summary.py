"""A partner's score in a line or two: on the card, after answering, in the digest."""

from __future__ import annotations

from bot.views.format import escape
from commands.replies import ScoreSummary


def points(score: float) -> str:
    return f"{score:.0f}"


def trend(summary: ScoreSummary) -> str:
    if summary.previous is None:
        return "first score"
    delta = summary.score - summary.previous
    if abs(delta) < 0.5:
        return f"unchanged from {points(summary.previous)}"
    return f"{'▲' if delta > 0 else '▼'}{abs(delta):.0f} from {points(summary.previous)}"


def score_lines(summary: ScoreSummary) -> list[str]:
    raters = "1 rater" if summary.raters == 1 else f"{summary.raters} raters"
    strongest = ", ".join(f"{escape(title)} ({mean:.1f})" for title, mean in summary.strongest)
    weakest = ", ".join(f"{escape(title)} ({mean:.1f})" for title, mean in summary.weakest)
    return [
        f"*Score:* {points(summary.score)}/100 · {raters} · {trend(summary)}",
        f"Strongest: {strongest} · Weakest: {weakest}",
    ]
