"""Block Kit for touchpoints: one logged, the card's recent ones, and the journey map's section."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, section
from bot.views.format import clip, day, escape, person
from commands.replies.touchpoints import StageTouchpoints, TouchpointLine, TouchpointLogged


def touchpoint_lines(touchpoints: tuple[TouchpointLine, ...]) -> list[str]:
    return [
        f"{day(t.on_date)} · {escape(t.kind)}" + (f" · “{escape(clip(t.note, 200))}”" if t.note else "")
        + f" · by {person(t.by)}"
        for t in touchpoints
    ]


def _counted(pairs: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{escape(kind)} {count}" for kind, count in pairs)


def map_touchpoint_blocks(stages: tuple[StageTouchpoints, ...]) -> list[Block]:
    if not stages:
        return [context("No touchpoints logged yet: `/partner log NAME meeting \"…\"`.")]
    lines = ["*Touchpoints by stage* (and the kinds logged before partners moved on)"]
    for stage in stages:
        before = f" — before moves: {_counted(stage.before_moves)}" if stage.before_moves else ""
        lines.append(f"*{escape(stage.stage)}:* {_counted(stage.by_kind)}{before}")
    return [section("\n".join(lines))]


@build_reply_blocks.register
def _logged(body: TouchpointLogged) -> list[Block]:
    note = f" · “{escape(body.note)}”" if body.note else ""
    article = "an" if body.kind[0] in "aeiou" else "a"
    what = f"{article} {escape(body.kind)} with *{escape(body.partner)}*"
    return [
        section(f":memo: Logged {what} on {day(body.on_date)}{note}"),
        context(f"in {escape(body.stage)} · by {person(body.by)}"),
    ]
