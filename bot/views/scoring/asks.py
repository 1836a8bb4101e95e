"""Block Kit for asks: who was asked, who answered, and the DM a lead receives."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement

from bot.views.blocks import build_reply_blocks, context, section, sections_from_lines
from bot.views.format import day, escape, person
from bot.views.scoring.questionnaire import OPEN_QUESTIONNAIRE
from commands.replies import AskSent, AskStatus, ScoreInvitation
from domain.language import tr, trn


@build_reply_blocks.register
def _asked(body: AskSent) -> list[Block]:
    lines = []
    got = [lead for lead in body.asked if lead not in body.will_follow]
    if got:
        lines.append(
            tr(
                ":incoming_envelope: Asked {leads} to score *{partner}*; they have a DM with the questionnaire.",
                leads=", ".join(person(lead) for lead in got),
                partner=escape(body.partner),
            )
        )
    if body.will_follow:
        lines.append(
            tr(
                ":hourglass_flowing_sand: The DM to {leads} will follow: Slack could not take it yet, "
                "it is sent again shortly.",
                leads=", ".join(person(lead) for lead in body.will_follow),
            )
        )
    if body.already_waiting:
        lines.append(tr("Already waiting for {leads}.", leads=", ".join(person(lead) for lead in body.already_waiting)))
    if body.not_sent:
        missed = "; ".join(f"{person(lead)} ({escape(why)})" for lead, why in body.not_sent)
        lines.append(tr(":warning: Could not DM {leads}. They were not asked; ask them again later.", leads=missed))
    shows = tr("`/partner ask {partner}` shows who has answered.", partner=escape(body.partner))
    return [section("\n".join(lines)), context(shows)]


@build_reply_blocks.register
def _status(body: AskStatus) -> list[Block]:
    if not body.requests:
        return [
            section(
                tr(
                    "Nobody has been asked to score *{partner}* yet: `/partner ask {partner} @lead`.",
                    partner=escape(body.partner),
                )
            )
        ]
    lines = []
    for request in body.requests:
        if request.answered_at:
            state = tr(":white_check_mark: answered {day}", day=day(request.answered_at.date()))
        else:
            reminded = tr(", reminded {day}", day=day(request.reminded_at.date())) if request.reminded_at else ""
            state = tr(":hourglass: waiting since {day}{reminded}", day=day(request.asked_at.date()), reminded=reminded)
        lines.append(f"{person(request.lead)} — {state}")
    return [section(tr("*Questionnaire for {partner}*", partner=escape(body.partner))), *sections_from_lines(lines)]


@build_reply_blocks.register
def _invitation(body: ScoreInvitation) -> list[Block]:
    if body.reminder:
        text = tr(
            ":wave: A reminder: {who} asked you to score *{partner}*. It takes a few minutes.",
            who=person(body.asked_by),
            partner=escape(body.partner),
        )
    else:
        text = trn(
            ":wave: {who} asks you to score *{partner}* as a partner: {count} question, each 1–5, and an optional "
            "comment. Your answers are combined with other leads' into the partner's score.",
            ":wave: {who} asks you to score *{partner}* as a partner: {count} questions, each 1–5, and an optional "
            "comment. Your answers are combined with other leads' into the partner's score.",
            body.criteria,
            who=person(body.asked_by),
            partner=escape(body.partner),
        )
    button = ButtonElement(
        text=tr("Answer questionnaire"), action_id=OPEN_QUESTIONNAIRE, value=body.partner[:2000], style="primary"
    )
    return [section(text), ActionsBlock(elements=[button])]
