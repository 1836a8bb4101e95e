"""A partner's score in a line or two: on the card, after answering, in the digest."""

from __future__ import annotations

from bot.views.format import escape
from bot.views.numbers import decimal_one
from commands.replies import ScoreSummary
from domain.language import tr, trn


def points(score: float) -> str:
    return f"{score:.0f}"


def trend(summary: ScoreSummary) -> str:
    if summary.previous is None:
        return tr("first score")
    delta = summary.score - summary.previous
    if abs(delta) < 0.5:
        return tr("unchanged from {points}", points=points(summary.previous))
    change = ("▲" if delta > 0 else "▼") + points(abs(delta))
    return tr("{change} from {points}", change=change, points=points(summary.previous))


def score_lines(summary: ScoreSummary) -> list[str]:
    raters = trn("{count} rater", "{count} raters", summary.raters)
    strongest = ", ".join(f"{escape(title)} ({decimal_one(mean)})" for title, mean in summary.strongest)
    weakest = ", ".join(f"{escape(title)} ({decimal_one(mean)})" for title, mean in summary.weakest)
    return [
        tr(
            "*Score:* {points}/100 · {raters} · {trend}",
            points=points(summary.score),
            raters=raters,
            trend=trend(summary),
        ),
        tr("Strongest: {strongest} · Weakest: {weakest}", strongest=strongest, weakest=weakest),
    ]
