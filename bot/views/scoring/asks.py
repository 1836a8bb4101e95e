"""Block Kit for asks: who was asked, who answered, and the DM a lead receives."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement

from bot.views.blocks import build_reply_blocks, context, section, sections_from_lines
from bot.views.format import day, escape, person
from bot.views.scoring.questionnaire import OPEN_QUESTIONNAIRE
from commands.replies import AskSent, AskStatus, ScoreInvitation


@build_reply_blocks.register
def _asked(body: AskSent) -> list[Block]:
    lines = []
    got = [lead for lead in body.asked if lead not in body.will_follow]
    if got:
        lines.append(
            f":incoming_envelope: Asked {', '.join(person(lead) for lead in got)} "
            f"to score *{escape(body.partner)}*; they have a DM with the questionnaire."
        )
    if body.will_follow:
        lines.append(
            f":hourglass_flowing_sand: The DM to {', '.join(person(lead) for lead in body.will_follow)} "
            "will follow: Slack could not take it yet, it is sent again shortly."
        )
    if body.already_waiting:
        lines.append(f"Already waiting for {', '.join(person(lead) for lead in body.already_waiting)}.")
    if body.not_sent:
        missed = "; ".join(f"{person(lead)} ({escape(why)})" for lead, why in body.not_sent)
        lines.append(f":warning: Could not DM {missed}. They were not asked; ask them again later.")
    return [section("\n".join(lines)), context(f"`/partner ask {escape(body.partner)}` shows who has answered.")]


@build_reply_blocks.register
def _status(body: AskStatus) -> list[Block]:
    if not body.requests:
        return [
            section(
                f"Nobody has been asked to score *{escape(body.partner)}* yet: "
                f"`/partner ask {escape(body.partner)} @lead`."
            )
        ]
    lines = []
    for request in body.requests:
        if request.answered_at:
            state = f":white_check_mark: answered {day(request.answered_at.date())}"
        else:
            reminded = f", reminded {day(request.reminded_at.date())}" if request.reminded_at else ""
            state = f":hourglass: waiting since {day(request.asked_at.date())}{reminded}"
        lines.append(f"{person(request.lead)} — {state}")
    return [section(f"*Questionnaire for {escape(body.partner)}*"), *sections_from_lines(lines)]


@build_reply_blocks.register
def _invitation(body: ScoreInvitation) -> list[Block]:
    if body.reminder:
        text = (
            f":wave: A reminder: {person(body.asked_by)} asked you to score *{escape(body.partner)}*. "
            "It takes a few minutes."
        )
    else:
        text = (
            f":wave: {person(body.asked_by)} asks you to score *{escape(body.partner)}* as a partner: "
            f"{body.criteria} questions, each 1–5, and an optional comment. "
            "Your answers are combined with other leads' into the partner's score."
        )
    button = ButtonElement(
        text="Answer questionnaire", action_id=OPEN_QUESTIONNAIRE, value=body.partner[:2000], style="primary"
    )
    return [section(text), ActionsBlock(elements=[button])]
