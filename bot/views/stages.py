"""Block Kit for the journey's design: a change with the journey after it, a stage's checklist, a step done."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, section
from bot.views.format import escape
from commands.replies.stages import ChecklistProgress, ChecklistView, JourneyChanged, StepChecked


def progress_lines(progress: ChecklistProgress) -> list[str]:
    lines = [f"*Checklist — {escape(progress.stage)}:* {progress.done}/{len(progress.steps)} done"]
    lines += [f"{'☑' if done else '☐'} {escape(text)}" for text, done in progress.steps]
    return lines


def open_steps_line(stage: str, steps: tuple[str, ...]) -> str:
    listed = "; ".join(escape(step) for step in steps)
    return f":warning: Still open in {escape(stage)}'s checklist: {listed}"


@build_reply_blocks.register
def _changed(body: JourneyChanged) -> list[Block]:
    return [section(":white_check_mark: " + escape(body.summary)), *build_reply_blocks(body.overview)]


@build_reply_blocks.register
def _checklist(body: ChecklistView) -> list[Block]:
    blocks: list[Block] = []
    if body.summary:
        blocks.append(section(":white_check_mark: " + escape(body.summary)))
    if not body.steps:
        hint = f'`/partner stages checklist {escape(body.stage_key)} add "…"` adds a step.'
        return [*blocks, section(f"{escape(body.stage)} has no checklist yet. {hint}")]
    lines = [f"*Checklist — {escape(body.stage)}*"]
    lines += [f"{number}. {escape(step)}" for number, step in enumerate(body.steps, start=1)]
    blocks.append(section("\n".join(lines)))
    blocks.append(context('`/partner check NAME "step"` ticks a step for a partner (by its words or number).'))
    return blocks


@build_reply_blocks.register
def _checked(body: StepChecked) -> list[Block]:
    return [
        section(f":white_check_mark: {escape(body.partner)}: “{escape(body.step)}” done."),
        section("\n".join(progress_lines(body.progress))),
    ]
