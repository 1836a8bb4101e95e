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
from domain.language import tr, trn


def move_line(card: PartnerCard) -> list[str]:
    lines = []
    for move in card.moves:
        step = (
            f"{escape(move.from_stage)} → {escape(move.to_stage)}"
            if move.from_stage
            else tr("registered in {stage}", stage=escape(move.to_stage))
        )
        note = tr(" · “{note}”", note=escape(clip(move.note, 200))) if move.note else ""
        lines.append(
            tr("{when} · {step} · by {who}{note}", when=moment(move.when), step=step, who=person(move.by), note=note)
        )
    return lines


def build_partner_card(card: PartnerCard) -> list[Block]:
    stalled = tr(" · :hourglass: *stalled*") if card.stalled else ""
    archived = tr(" · :file_cabinet: archived") if card.archived else ""
    profile = [
        (tr("Owner"), person(card.owner) if card.owner else "—"),
        (tr("Type"), escape(card.type or "—")),
        (tr("Size"), escape(card.size or "—")),
        (tr("Segment"), escape(card.segment or "—")),
        (tr("Alliance"), escape(card.alliance or "—")),
        (tr("Source"), escape(card.source or "—")),
    ]
    blocks: list[Block] = []
    if card.headline:
        blocks.append(section(":white_check_mark: " + escape(card.headline)))
    blocks += [
        header(card.name),
        section(
            tr(
                "*Stage:* {stage} · {days} (since {since}){stalled}{archived}",
                stage=escape(card.stage),
                days=days(card.days_in_stage),
                since=day(card.stage_since),
                stalled=stalled,
                archived=archived,
            )
        ),
        SectionBlock(fields=[MarkdownTextObject(text=f"*{label}*\n{value}") for label, value in profile]),
    ]
    if card.notes:
        blocks.append(section(tr("*Notes*") + "\n" + escape(clip(card.notes, 2000))))
    if card.score is not None:
        blocks.append(section("\n".join(score_lines(card.score))))
    if card.feedback is not None:
        blocks.append(section("\n".join(feedback_lines(card.feedback))))
    if card.alliances is not None:
        blocks.append(section("\n".join(alliance_card_lines(card.alliances))))
    if card.kpis is not None and card.kpis.totals:
        blocks.append(section(kpi_line(card.kpis)))
    if card.targets:
        blocks.append(section(tr("*Targets*") + "\n" + "\n".join(target_lines(card.targets))))
    if card.checklist is not None:
        blocks.append(section("\n".join(progress_lines(card.checklist))))
    if card.touchpoints:
        blocks.append(section(tr("*Touchpoints*") + "\n" + "\n".join(touchpoint_lines(card.touchpoints))))
    if not card.archived:
        blocks.append(card_buttons(card.name))
    history = move_line(card)
    if history:
        blocks += [DividerBlock(), context(tr("*Recent moves*") + "\n" + "\n".join(history))]
    if card.edits:
        blocks.append(context(tr("*Profile changes*") + "\n" + "\n".join(edit_lines(card.edits))))
    return blocks


build_reply_blocks.register(PartnerCard, build_partner_card)


@build_reply_blocks.register
def _moved(body: StageMoved) -> list[Block]:
    move = {
        "partner": escape(body.partner),
        "from_stage": escape(body.from_stage),
        "to_stage": escape(body.to_stage),
        "days": days(body.days_in_previous),
    }
    if body.backwards:
        text = tr(
            ":arrow_backward: *{partner}* moved *back* {from_stage} → {to_stage} (after {days} in {from_stage}).\n"
            "This is a step backwards in the journey.",
            **move,
        )
    else:
        text = tr(":arrow_forward: *{partner}* moved {from_stage} → {to_stage} (after {days} in {from_stage}).", **move)
    blocks: list[Block] = [section(text)]
    notes = [tr("by {who}", who=person(body.by))] + ([tr("“{note}”", note=escape(body.note))] if body.note else [])
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
        stalled = tr(" :hourglass: stalled") if row.stalled else ""
        lines.append(f"• *{escape(row.name)}* — {' · '.join(extras)}{stalled}")
    if more and group.total > len(group.rows):
        hidden = group.total - len(group.rows)
        lines.append(
            trn(
                "_…and {count} more: `/partner list {stage}`_",
                "_…and {count} more: `/partner list {stage}`_",
                hidden,
                stage=group.stage_key,
            )
        )
    return lines


@build_reply_blocks.register
def _listing(body: PartnerListing) -> list[Block]:
    if body.total == 0:
        if body.stage_filter:
            return [
                section(
                    tr(
                        "No {stage} partners yet. `/partner list` shows all stages.",
                        stage=escape(body.stage_filter.lower()),
                    )
                )
            ]
        return [section(tr("No partners yet. `/partner add NAME` registers one."))]
    title = (
        tr("{stage} partners ({count})", stage=body.stage_filter, count=body.total)
        if body.stage_filter
        else tr("Partners ({count})", count=body.total)
    )
    blocks: list[Block] = [header(title)]
    for group in body.groups:
        blocks += sections_from_lines(group_lines(group, more=body.page is None))
    paging = page_blocks(body.page)
    if len(blocks) + len(paging) >= MAX_BLOCKS:
        blocks = blocks[: MAX_BLOCKS - 1 - len(paging)]
    blocks.append(
        context(tr("Showing {shown} of {total}, longest in their stage first.", shown=body.shown, total=body.total))
    )
    return blocks + paging


@build_reply_blocks.register
def _journey(body: JourneyOverview) -> list[Block]:
    lines = []
    for number, stage in enumerate(body.stages, start=1):
        threshold = (
            tr("stalled after {days}", days=days(stage.stall_threshold_days))
            if stage.stall_threshold_days
            else tr("never stalls")
        )
        partners = trn("{count} partner", "{count} partners", stage.partners)
        aliases = ", ".join(escape(a) for a in stage.aliases[:4])
        lines.append(
            f"*{number}. {escape(stage.name)}* (`{escape(stage.key)}`) — {partners}\n"
            f"{escape(stage.description)}\n"
            + tr("_{threshold}; also: {aliases}_", threshold=threshold, aliases=aliases)
        )
    blocks: list[Block] = [header(tr("Partner journey")), *sections_from_lines(lines)]
    if body.archived:
        blocks.append(
            context(
                trn(
                    "{count} archived partner(s) not counted.",
                    "{count} archived partner(s) not counted.",
                    body.archived,
                )
            )
        )
    return blocks
