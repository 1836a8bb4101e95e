"""Block Kit for touchpoints: one logged, the card's recent ones, and the journey map's section."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, section
from bot.views.format import clip, day, escape, person
from commands.replies.touchpoints import StageTouchpoints, TouchpointLine, TouchpointLogged
from domain.language import tr


def touchpoint_lines(touchpoints: tuple[TouchpointLine, ...]) -> list[str]:
    return [
        f"{day(t.on_date)} · {escape(t.kind)}"
        + (tr(" · “{note}”", note=escape(clip(t.note, 200))) if t.note else "")
        + " · "
        + tr("by {who}", who=person(t.by))
        for t in touchpoints
    ]


def _counted(pairs: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{escape(kind)} {count}" for kind, count in pairs)


def map_touchpoint_blocks(stages: tuple[StageTouchpoints, ...]) -> list[Block]:
    if not stages:
        return [context(tr('No touchpoints logged yet: `/partner log NAME meeting "…"`.'))]
    lines = [tr("*Touchpoints by stage* (and the kinds logged before partners moved on)")]
    for stage in stages:
        before = tr(" — before moves: {kinds}", kinds=_counted(stage.before_moves)) if stage.before_moves else ""
        lines.append(f"*{escape(stage.stage)}:* {_counted(stage.by_kind)}{before}")
    return [section("\n".join(lines))]


@build_reply_blocks.register
def _logged(body: TouchpointLogged) -> list[Block]:
    note = tr(" · “{note}”", note=escape(body.note)) if body.note else ""
    logged = {"kind": escape(body.kind), "partner": escape(body.partner), "day": day(body.on_date), "note": note}
    if body.kind[0] in "aeiou":
        text = tr(":memo: Logged an {kind} with *{partner}* on {day}{note}", **logged)
    else:
        text = tr(":memo: Logged a {kind} with *{partner}* on {day}{note}", **logged)
    return [
        section(text),
        context(tr("in {stage} · by {who}", stage=escape(body.stage), who=person(body.by))),
    ]
