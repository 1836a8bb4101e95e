"""Partner scores from questionnaire answers: per rater, combined over raters, explained and ranked.

Each answer is 1–5; a rater's score is the weighted mean of their latest answers mapped to 0–100
(all 5s → 100, all 1s → 0). A partner's score is the mean of its raters' latest scores within a
window (default 90 days). Nothing here reads the clock: `now` is always given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.scorecard import Scorecard

DEFAULT_WINDOW_DAYS = 90
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Submission:
    """One rater's answers to the whole questionnaire, at one moment."""

    rater: str
    submitted_at: datetime
    answers: Mapping[str, int]


@dataclass(frozen=True)
class PartnerScore:
    score: float
    raters: int
    per_rater: Mapping[str, float]
    criterion_means: Mapping[str, float]
    criterion_points: Mapping[str, float]
    """Each criterion's share of `score`: the mean over raters of its weight share × answer (they add up)."""


@dataclass(frozen=True)
class Contribution:
    key: str
    title: str
    weight_share: float
    mean_answer: float
    points: float


@dataclass(frozen=True)
class Change:
    """The biggest weighted change in one criterion between two moments, and whose answer moved."""

    title: str
    before: int
    after: int
    rater: str


def to_percent(mean_answer: float) -> float:
    return (mean_answer - 1) / 4 * 100


def rater_score(answers: Mapping[str, int], scorecard: Scorecard) -> float | None:
    """Weighted mean over the scorecard's criteria this rater answered, as 0–100.

    Answers given against an older scorecard count for the criteria it shares with the current one,
    but only while they cover at least MIN_COVERAGE of its weight; otherwise the rater has no score.
    """
    weighted = [(c.weight, answers[c.key]) for c in scorecard.criteria if c.key in answers]
    total_weight = sum(weight for weight, _ in weighted)
    if not weighted or total_weight < MIN_COVERAGE * scorecard.total_weight:
        return None
    percent = to_percent(sum(weight * answer for weight, answer in weighted) / total_weight)
    return min(100.0, max(0.0, percent))  # float rounding can otherwise give 100.00000000000003 for all 5s


def latest_per_rater(
    submissions: Iterable[Submission], *, now: datetime, window_days: int = DEFAULT_WINDOW_DAYS
) -> dict[str, Submission]:
    """Each rater's newest submission made in (now − window, now]."""
    oldest = now - timedelta(days=window_days)
    latest: dict[str, Submission] = {}
    for submission in submissions:
        if not oldest < submission.submitted_at <= now:
            continue
        current = latest.get(submission.rater)
        if current is None or submission.submitted_at > current.submitted_at:
            latest[submission.rater] = submission
    return latest


def partner_score(
    submissions: Iterable[Submission], scorecard: Scorecard, *, now: datetime, window_days: int = DEFAULT_WINDOW_DAYS
) -> PartnerScore | None:
    """The mean of the raters' latest scores; None when nobody rated within the window."""
    latest = latest_per_rater(submissions, now=now, window_days=window_days)
    per_rater = {
        rater: score
        for rater, submission in latest.items()
        if (score := rater_score(submission.answers, scorecard)) is not None
    }
    if not per_rater:
        return None
    counted = [submission for rater, submission in latest.items() if rater in per_rater]
    means = {}
    points: dict[str, float] = {}
    for criterion in scorecard.criteria:
        answers = [s.answers[criterion.key] for s in counted if criterion.key in s.answers]
        if answers:
            means[criterion.key] = sum(answers) / len(answers)
    for submission in counted:  # per rater, so points add up even when raters answered different scorecards
        answered = [c for c in scorecard.criteria if c.key in submission.answers]
        weight = sum(c.weight for c in answered)
        for c in answered:
            share = c.weight / weight * to_percent(submission.answers[c.key]) / len(counted)
            points[c.key] = points.get(c.key, 0.0) + share
    return PartnerScore(sum(per_rater.values()) / len(per_rater), len(per_rater), per_rater, means, points)


def previous_score(
    submissions: Sequence[Submission], scorecard: Scorecard, *, now: datetime, window_days: int = DEFAULT_WINDOW_DAYS
) -> PartnerScore | None:
    """The score as it stood just before the most recent submission up to `now` (for the trend)."""
    known = [s for s in submissions if s.submitted_at <= now]
    if not known:
        return None
    newest = max(submission.submitted_at for submission in known)
    earlier = [s for s in known if s.submitted_at < newest]
    return partner_score(earlier, scorecard, now=newest - timedelta(microseconds=1), window_days=window_days)


def contributions(score: PartnerScore, scorecard: Scorecard) -> list[Contribution]:
    """Each criterion's share of the score: weight share × its mean answer on the 0–100 scale.

    The points are the per-rater shares averaged, so they add up to the score even when some
    raters answered an older scorecard without every criterion.
    """
    answered = [c for c in scorecard.criteria if c.key in score.criterion_means]
    total = sum(c.weight for c in answered)
    return [
        Contribution(
            c.key,
            c.title,
            c.weight / total,
            score.criterion_means[c.key],
            score.criterion_points[c.key],
        )
        for c in answered
    ]


def strongest_and_weakest(
    score: PartnerScore, scorecard: Scorecard, count: int = 2
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The `count` best and worst criteria by mean answer (ties broken by weight, then order)."""
    order = {c.key: index for index, c in enumerate(scorecard.criteria)}
    rated = [(c, score.criterion_means[c.key]) for c in scorecard.criteria if c.key in score.criterion_means]
    best = sorted(rated, key=lambda item: (-item[1], -item[0].weight, order[item[0].key]))[:count]
    worst = sorted(rated, key=lambda item: (item[1], -item[0].weight, order[item[0].key]))[:count]
    return [(c.title, mean) for c, mean in best], [(c.title, mean) for c, mean in worst]


def biggest_change(
    submissions: Sequence[Submission],
    scorecard: Scorecard,
    *,
    since: datetime,
    now: datetime,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> Change | None:
    """Which rater's answer on which criterion moved the most (by weight) between `since` and `now`."""
    before = latest_per_rater(submissions, now=since, window_days=window_days)
    after = latest_per_rater(submissions, now=now, window_days=window_days)
    best: tuple[float, Change] | None = None
    for rater, submission in after.items():
        previous = before.get(rater)
        if previous is None or previous.submitted_at == submission.submitted_at:
            continue
        for criterion in scorecard.criteria:
            old, new = previous.answers.get(criterion.key), submission.answers.get(criterion.key)
            if old is None or new is None or old == new:
                continue
            weight = criterion.weight * abs(new - old)
            if best is None or weight > best[0]:
                best = (weight, Change(criterion.title, old, new, rater))
    return best[1] if best else None


def last_change(submissions: Sequence[Submission], key: str, title: str) -> Change | None:
    """The most recent time a rater changed their answer on one criterion, and from what to what."""
    previous: dict[str, int] = {}
    change = None
    for submission in sorted(submissions, key=lambda s: s.submitted_at):
        answer = submission.answers.get(key)
        if answer is None:
            continue
        before = previous.get(submission.rater)
        if before is not None and before != answer:
            change = Change(title, before, answer, submission.rater)
        previous[submission.rater] = answer
    return change
