"""The digest names the first partners that reached the end goal and says how many more did."""

from __future__ import annotations

from bot.views.digest import build_digest_blocks
from commands.replies import WeeklyDigest


def _digest(names: tuple[str, ...], total: int) -> WeeklyDigest:
    return WeeklyDigest(
        title="16 Nov – 23 Nov 2026", quiet=False, new_partners=0, stage_moves=1, feedback=0, kpis_this_week={},
        kpis_week_before={}, ranking=(), funnel=(), stalled=0, reached_goal=names, trend=(), reached_goal_total=total,
    )


def test_the_digest_says_how_many_more_reached_the_end_goal() -> None:
    text = str(build_digest_blocks(_digest(("Acme", "Globex"), 12)))
    assert "Reached the end goal: *Acme*, *Globex* and 10 more" in text


def test_the_digest_names_everyone_when_all_are_shown() -> None:
    text = str(build_digest_blocks(_digest(("Acme",), 1)))
    assert "Reached the end goal: *Acme*" in text and "more" not in text.split("end goal")[1].split("}")[0]
