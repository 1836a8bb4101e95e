"""Block Kit for the registry: the partner card, a move, the partner list, the journey."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, DividerBlock, MarkdownTextObject, SectionBlock

from bot.views.alliances import alliance_card_lines
from bot.views.blocks import (
    MAX_BLOCKS,
    build_reply_blocks,
    context,
    header,
    section,
    sections_from_lines,
)
from bot.views.card_forms import card_buttons
from bot.views.feedback import feedback_lines
from bot.views.format import clip, day, days, escape, moment, person
from bot.views.kpis import kpi_line
from bot.views.paging import page_blocks
from bot.views.profile import edit_lines
from bot.views.scoring.summary import score_lines
from bot.views.stages import open_steps_line, progress_lines
from bot.views.targets import target_lines
from bot.views.touchpoints import touchpoint_lines
from commands.replies import (
    JourneyOverview,
    PartnerCard,
    PartnerListing,
    StageGroup,
    StageMoved,
)


def move_line(card: PartnerCard) -> list[str]:
    lines = []
    for move in card.moves:
        step = (
            f"{escape(move.from_stage)} → {escape(move.to_stage)}"
            if move.from_stage
            else (f"registered in {escape(move.to_stage)}")
        )
        note = f" · “{escape(clip(move.note, 200))}”" if move.note else ""
        lines.append(f"{moment(move.when)} · {step} · by {person(move.by)}{note}")
    return lines


def build_partner_card(card: PartnerCard) -> list[Block]:
    stalled = " · :hourglass: *stalled*" if card.stalled else ""
    archived = " · :file_cabinet: archived" if card.archived else ""
    profile = [
        ("Owner", person(card.owner) if card.owner else "—"),
        ("Type", escape(card.type or "—")),
        ("Size", escape(card.size or "—")),
        ("Segment", escape(card.segment or "—")),
        ("Alliance", escape(card.alliance or "—")),
        ("Source", escape(card.source or "—")),
    ]
    blocks: list[Block] = []
    if card.headline:
        blocks.append(section(":white_check_mark: " + escape(card.headline)))
    blocks += [
        header(card.name),
        section(
            f"*Stage:* {escape(card.stage)} · {days(card.days_in_stage)} (since {day(card.stage_since)})"
            f"{stalled}{archived}"
        ),
        SectionBlock(fields=[MarkdownTextObject(text=f"*{label}*\n{value}") for label, value in profile]),
    ]
    if card.notes:
        blocks.append(section("*Notes*\n" + escape(clip(card.notes, 2000))))
    if card.score is not None:
        blocks.append(section("\n".join(score_lines(card.score))))
    if card.feedback is not None:
        blocks.append(section("\n".join(feedback_lines(card.feedback))))
    if card.alliances is not None:
        blocks.append(section("\n".join(alliance_card_lines(card.alliances))))
    if card.kpis is not None and card.kpis.totals:
        blocks.append(section(kpi_line(card.kpis)))
    if card.targets:
        blocks.append(section("*Targets*\n" + "\n".join(target_lines(card.targets))))
    if card.checklist is not None:
        blocks.append(section("\n".join(progress_lines(card.checklist))))
    if card.touchpoints:
        blocks.append(section("*Touchpoints*\n" + "\n".join(touchpoint_lines(card.touchpoints))))
    if not card.archived:
        blocks.append(card_buttons(card.name))
    history = move_line(card)
    if history:
        blocks += [DividerBlock(), context("*Recent moves*\n" + "\n".join(history))]
    if card.edits:
        blocks.append(context("*Profile changes*\n" + "\n".join(edit_lines(card.edits))))
    return blocks


build_reply_blocks.register(PartnerCard, build_partner_card)


@build_reply_blocks.register
def _moved(body: StageMoved) -> list[Block]:
    name = f"*{escape(body.partner)}*"
    after = f"after {days(body.days_in_previous)} in {escape(body.from_stage)}"
    if body.backwards:
        text = f":arrow_backward: {name} moved *back* {escape(body.from_stage)} → {escape(body.to_stage)} ({after})."
        text += "\nThis is a step backwards in the journey."
    else:
        text = f":arrow_forward: {name} moved {escape(body.from_stage)} → {escape(body.to_stage)} ({after})."
    blocks: list[Block] = [section(text)]
    notes = [f"by {person(body.by)}"] + ([f"“{escape(body.note)}”"] if body.note else [])
    blocks.append(context(" · ".join(notes)))
    if body.open_steps:
        blocks.append(context(open_steps_line(body.from_stage, body.open_steps)))
    return blocks


def group_lines(group: StageGroup, *, more: bool = True) -> list[str]:
    lines = [f"*{escape(group.stage)}* · {group.total}"]
    for row in group.rows:
        extras = [days(row.days_in_stage)]
        if row.owner:
            extras.append(person(row.owner))
        if row.type:
            extras.append(escape(row.type))
        stalled = " :hourglass: stalled" if row.stalled else ""
        lines.append(f"• *{escape(row.name)}* — {' · '.join(extras)}{stalled}")
    if more and group.total > len(group.rows):
        lines.append(f"_…and {group.total - len(group.rows)} more: `/partner list {group.stage_key}`_")
    return lines


@build_reply_blocks.register
def _listing(body: PartnerListing) -> list[Block]:
    title = f"{body.stage_filter} partners" if body.stage_filter else "Partners"
    if body.total == 0:
        hint = "`/partner add NAME` registers one." if not body.stage_filter else "`/partner list` shows all stages."
        return [section(f"No {title.lower()} yet. {hint}")]
    blocks: list[Block] = [header(f"{title} ({body.total})")]
    for group in body.groups:
        blocks += sections_from_lines(group_lines(group, more=body.page is None))
    paging = page_blocks(body.page)
    if len(blocks) + len(paging) >= MAX_BLOCKS:
        blocks = blocks[: MAX_BLOCKS - 1 - len(paging)]
    blocks.append(context(f"Showing {body.shown} of {body.total}, longest in their stage first."))
    return blocks + paging


@build_reply_blocks.register
def _journey(body: JourneyOverview) -> list[Block]:
    lines = []
    for number, stage in enumerate(body.stages, start=1):
        threshold = (
            f"stalled after {days(stage.stall_threshold_days)}" if stage.stall_threshold_days else "never stalls"
        )
        partners = "1 partner" if stage.partners == 1 else f"{stage.partners} partners"
        aliases = ", ".join(escape(a) for a in stage.aliases[:4])
        lines.append(
            f"*{number}. {escape(stage.name)}* (`{escape(stage.key)}`) — {partners}\n"
            f"{escape(stage.description)}\n_{threshold}; also: {aliases}_"
        )
    blocks: list[Block] = [header("Partner journey"), *sections_from_lines(lines)]
    if body.archived:
        blocks.append(context(f"{body.archived} archived partner(s) not counted."))
    return blocks
