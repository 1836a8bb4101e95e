"""The ranking by score, with each partner's movement since an earlier moment and why it moved."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.scorecard import Scorecard
from domain.scoring import DEFAULT_WINDOW_DAYS, Change, Submission, biggest_change, partner_score

BIG_MOVE = 2


@dataclass(frozen=True)
class Ranked:
    partner: str
    place: int
    score: float
    raters: int
    movement: int | None
    """Places gained since then (negative: lost); None for a partner not ranked then."""
    reason: Change | None = None


def places(
    portfolio: Mapping[str, Sequence[Submission]], scorecard: Scorecard, *, now: datetime, window_days: int
) -> list[tuple[str, float, int]]:
    scored = []
    for partner, submissions in portfolio.items():
        score = partner_score(submissions, scorecard, now=now, window_days=window_days)
        if score is not None:
            scored.append((partner, score.score, score.raters))
    return sorted(scored, key=lambda item: (-round(item[1], 6), item[0].casefold()))


def rank(
    portfolio: Mapping[str, Sequence[Submission]],
    scorecard: Scorecard,
    *,
    now: datetime,
    then: datetime,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[Ranked]:
    """Partners by score now; movement against the ranking at `then`, with a reason for big moves."""
    before = {
        name: index
        for index, (name, _, _) in enumerate(places(portfolio, scorecard, now=then, window_days=window_days), 1)
    }
    ranked = []
    for index, (name, score, raters) in enumerate(places(portfolio, scorecard, now=now, window_days=window_days), 1):
        movement = before[name] - index if name in before else None
        reason = None
        if movement is not None and abs(movement) >= BIG_MOVE:
            reason = biggest_change(portfolio[name], scorecard, since=then, now=now, window_days=window_days)
        ranked.append(Ranked(name, index, score, raters, movement, reason))
    return ranked
