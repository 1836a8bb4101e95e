"""Block Kit for the journey's design: a change with the journey after it, a stage's checklist, a step done."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, section
from bot.views.format import escape
from commands.replies.stages import ChecklistProgress, ChecklistView, JourneyChanged, StepChecked
from domain.language import tr


def progress_lines(progress: ChecklistProgress) -> list[str]:
    lines = [
        tr(
            "*Checklist — {stage}:* {done}/{total} done",
            stage=escape(progress.stage),
            done=progress.done,
            total=len(progress.steps),
        )
    ]
    lines += [f"{'☑' if done else '☐'} {escape(text)}" for text, done in progress.steps]
    return lines


def open_steps_line(stage: str, steps: tuple[str, ...]) -> str:
    listed = "; ".join(escape(step) for step in steps)
    return tr(":warning: Still open in {stage}'s checklist: {steps}", stage=escape(stage), steps=listed)


@build_reply_blocks.register
def _changed(body: JourneyChanged) -> list[Block]:
    return [section(":white_check_mark: " + escape(body.summary)), *build_reply_blocks(body.overview)]


@build_reply_blocks.register
def _checklist(body: ChecklistView) -> list[Block]:
    blocks: list[Block] = []
    if body.summary:
        blocks.append(section(":white_check_mark: " + escape(body.summary)))
    if not body.steps:
        none = tr(
            '{stage} has no checklist yet. `/partner stages checklist {key} add "…"` adds a step.',
            stage=escape(body.stage),
            key=escape(body.stage_key),
        )
        return [*blocks, section(none)]
    lines = [tr("*Checklist — {stage}*", stage=escape(body.stage))]
    lines += [f"{number}. {escape(step)}" for number, step in enumerate(body.steps, start=1)]
    blocks.append(section("\n".join(lines)))
    blocks.append(context(tr('`/partner check NAME "step"` ticks a step for a partner (by its words or number).')))
    return blocks


@build_reply_blocks.register
def _checked(body: StepChecked) -> list[Block]:
    return [
        section(
            tr(":white_check_mark: {partner}: “{step}” done.", partner=escape(body.partner), step=escape(body.step))
        ),
        section("\n".join(progress_lines(body.progress))),
    ]
