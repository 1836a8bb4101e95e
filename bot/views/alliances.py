"""Block Kit for alliances: one alliance with its links and advice, the list, a type explained, the matrix."""

from __future__ import annotations

from decimal import Decimal

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, header, section, sections_from_lines
from bot.views.format import clip, day, escape
from bot.views.numbers import amount, decimal_one, percent, ratio_percent
from commands.replies.alliances import (
    AllianceAdvice,
    AllianceListing,
    AllianceMatrix,
    AllianceTypeView,
    AllianceView,
    ExportReady,
    FlowRecorded,
    LinkLine,
    MatrixRow,
)
from domain.language import N_, tr, trn

NO_DATA = "—"


def link_text(link: LinkLine) -> str:
    us = tr("us")
    source = escape(link.source) if link.source else us
    to = f"{us} → {escape(link.to)}" if link.to and link.source else escape(link.to) if link.to else us
    clients = trn("{count} client", "{count} clients", link.clients)
    value = tr(" worth {amount}", amount=amount(link.value)) if link.value else ""
    bonuses = tr(" · bonuses {amount}", amount=amount(link.bonuses)) if link.bonuses else ""
    return f"• {source} → {to}: {clients}{value}{bonuses}"


def advice_lines(advice: tuple[str, ...]) -> list[str]:
    return [f"• {escape(item[0].upper() + item[1:])}" for item in advice]


def alliance_card_lines(held: AllianceAdvice) -> list[str]:
    """The partner card's alliance lines: where it belongs, and what to work on now."""
    lines = [tr("*Alliances:* {names}", names=" · ".join(escape(name) for name in held.alliances))]
    if held.advice:
        lines += [tr("*Recommendations now*"), *advice_lines(held.advice)]
    return lines


@build_reply_blocks.register
def _alliance(body: AllianceView) -> list[Block]:
    blocks: list[Block] = []
    if body.headline:
        blocks.append(section(":white_check_mark: " + escape(body.headline)))
    blocks.append(header(body.name))
    order = tr(" (in chain order)") if body.ordered else ""
    members = [f"{m.position}. *{escape(m.partner)}* · {escape(m.stage)}" for m in body.members]
    summary = tr(
        "*Type:* {type} · {partners} + us (the hub){order} · {links}",
        type=escape(body.type_name),
        partners=trn("{count} partner(s)", "{count} partner(s)", len(body.members)),
        order=order,
        links=trn("{count} link(s)", "{count} link(s)", len(body.links)),
    )
    empty = tr("_No members yet: `/partner alliance add NAME PARTNER`._")
    blocks.append(section(summary + "\n" + ("\n".join(members) if members else empty)))
    if body.links:
        links = "\n".join(map(link_text, body.links))
        blocks.append(section(tr("*Links* (clients passed · bonuses paid)") + "\n" + links))
    if body.advice:
        blocks.append(section(tr("*Recommendations now*") + "\n" + "\n".join(advice_lines(body.advice))))
    else:
        blocks.append(context(tr("No weakness of this type shows in the numbers yet.")))
    blocks.append(context(tr("`/partner alliance type {type}` explains the type.", type=body.type_key)))
    return blocks


@build_reply_blocks.register
def _listing(body: AllianceListing) -> list[Block]:
    if not body.total:
        return [
            section(tr('No alliances yet. `/partner alliance new "Logistics chain" type=chain members="Acme, Globex"`'))
        ]
    lines = [
        f"• *{escape(name)}* · {escape(kind)} · " + trn("{count} partner(s)", "{count} partner(s)", n)
        for name, kind, n in body.rows
    ]
    blocks: list[Block] = [header(tr("Alliances ({count})", count=body.total)), *sections_from_lines(lines)]
    if body.total > len(body.rows):
        blocks.append(context(tr("Showing {shown} of {total}, by name.", shown=len(body.rows), total=body.total)))
    return blocks


@build_reply_blocks.register
def _type(body: AllianceTypeView) -> list[Block]:
    kind = body.structure
    strengths = "\n".join(f"• *{escape(tr(p.title))}*: {escape(tr(p.detail))}" for p in kind.strengths)
    weaknesses = "\n".join(
        f"• *{escape(tr(w.title))}*: {escape(tr(w.detail))} → _{escape(tr(w.recommendation))}_"
        for w in kind.weaknesses
    )
    return [
        header(tr("Alliance type: {type}", type=tr(kind.name))),
        section(
            escape(tr(kind.how_it_works))
            + "\n"
            + tr("*Clients:* {flow}", flow=escape(tr(kind.client_flow)))
            + "\n"
            + tr("*Bonuses:* {flow}", flow=escape(tr(kind.bonus_flow)))
        ),
        section(tr("*Example:* {example}", example=escape(tr(kind.example)))),
        section(tr("*Strengths*") + "\n" + strengths),
        section(tr("*Weaknesses* → what to do") + "\n" + weaknesses),
        context(
            tr(
                "Also called: {aliases} · your alliances of this type: {count}",
                aliases=escape(", ".join(kind.aliases[:6])),
                count=body.alliances,
            )
        ),
    ]


def _cell(value: Decimal | None, kind: str) -> str:
    if value is None:
        return NO_DATA
    if kind == "percent":
        return percent(value)
    if kind == "roi":
        return ratio_percent(value)
    if kind == "one":
        return decimal_one(value)
    return amount(value.quantize(Decimal(1)))


MATRIX_COLUMNS = (
    N_("Type"),
    N_("Alliances"),
    N_("Partners"),
    N_("Score"),
    N_("Lead→deal"),
    N_("Revenue"),
    N_("Bonuses"),
    "ROI",
    N_("Days"),
    "CSAT",
)


def matrix_cells(r: MatrixRow) -> tuple[str, ...]:
    """One row of the matrix as text; counts are counts, every measured figure without data is "—"."""
    return (
        clip(r.type_name, 18),
        str(r.alliances),
        str(r.members),
        _cell(r.median_score, "whole"),
        _cell(r.conversion, "percent"),
        _cell(r.revenue, "whole"),
        _cell(r.bonuses, "whole"),
        _cell(r.roi, "roi"),
        _cell(r.median_days_to_goal, "whole"),
        _cell(r.average_csat, "one"),
    )


def matrix_table(body: AllianceMatrix) -> str:
    rows = [tuple(tr(column) for column in MATRIX_COLUMNS), *(matrix_cells(r) for r in body.rows)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(MATRIX_COLUMNS))]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
        for row in rows
    ]
    return "```\n" + escape("\n".join(lines)) + "\n```"


@build_reply_blocks.register
def _matrix(body: AllianceMatrix) -> list[Block]:
    return [
        header(tr("Alliance matrix")),
        section(matrix_table(body)),
        context(
            tr(
                "Per type, from your own data: alliances, member partners, median score, lead → deal, revenue, "
                "bonuses paid, ROI (bonuses count as cost), median days from discovery to the end goal, average CSAT."
                " — means no data yet."
            )
        ),
    ]


@build_reply_blocks.register
def _flow(body: FlowRecorded) -> list[Block]:
    value = f" · {amount(body.value)}" if body.value is not None else ""
    where = tr(" · in {alliance}", alliance=escape(body.alliance)) if body.alliance else ""
    reason = tr(" · “{note}”", note=escape(body.reason)) if body.reason else ""
    return [section(f":white_check_mark: {escape(body.text)}{value}{where}{reason} ({day(body.on_date)})")]


@build_reply_blocks.register
def _export(body: ExportReady) -> list[Block]:
    files = ", ".join(f"`{escape(name)}`" for name in body.files)
    exported = trn(
        ":white_check_mark: Exported {count} partner(s): {files}",
        ":white_check_mark: Exported {count} partner(s): {files}",
        body.partners,
        files=files,
    )
    return [section(exported)]
