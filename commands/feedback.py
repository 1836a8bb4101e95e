"""`/partner feedback`: record what a partner told us, by command or through the feedback form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlmodel import Session

from commands.context import Invocation
from commands.grammar import joined, pair_fields, word_tokens
from commands.registry.lookup import require_active_partner, stage_title
from commands.replies import Choice, FeedbackForm, FeedbackRecorded, FeedbackSummary, FormRejected, Reply
from commands.tokens import ParseError, Token
from domain import feedback as rules
from domain.errors import InvalidField, PartnerbotError
from domain.language import N_, tr, trn
from domain.partner import clean_value
from storage.feedback import add_feedback, partner_feedback
from storage.tables import Partner

MAX_TEXT = 2000
MAX_OTHER = 200
TOP_PAIN_POINTS = 3
T = TypeVar("T")


@dataclass(frozen=True)
class FeedbackInput:
    """One answer, checked: at least one of scores, pain points or text."""

    csat: int | None = None
    nps: int | None = None
    text: str | None = None
    pain_points: tuple[str, ...] = ()
    other_pain: str | None = None


def check_text(raw: str | None, limit: int, what: str) -> str | None:
    text = (raw or "").strip()
    if len(text) > limit:
        raise InvalidField(
            trn("The {what} is {count} character; the limit is {limit}.",
                "The {what} is {count} characters; the limit is {limit}.", len(text), what=tr(what), limit=limit)
        )
    return clean_value("notes", text) if text else None


def checked_input(
    *,
    csat: str | None,
    nps: str | None,
    text: str | None,
    pains: str | None,
    other: str | None,
    invocation: Invocation,
) -> FeedbackInput:
    """Every field checked before anything is stored; raises the first problem found."""
    answer = FeedbackInput(
        csat=rules.csat(csat) if csat else None,
        nps=rules.nps(nps) if nps else None,
        text=check_text(text, MAX_TEXT, N_("feedback text")),
        pain_points=rules.pain_points(pains or "", invocation.pain_points),
        other_pain=check_text(other, MAX_OTHER, N_("other pain point")),
    )
    if "other" in answer.pain_points and not answer.other_pain:
        raise InvalidField(tr('You picked the pain point "other": say what it is with other="…".'))
    if answer.csat is None and answer.nps is None and answer.text is None and not answer.pain_points:
        raise InvalidField(
            tr('Give a score, a pain point or a comment, e.g. `/partner feedback Acme csat=4 "Docs were hard"`.')
        )
    return answer


def feedback_summary(session: Session, partner: Partner, invocation: Invocation) -> FeedbackSummary | None:
    answers = partner_feedback(session=session, partner=partner)
    if not answers:
        return None
    latest = answers[0]
    latest_nps = next((answer.nps for answer in answers if answer.nps is not None), None)
    return FeedbackSummary(
        responses=len(answers),
        latest_when=latest.recorded_at.astimezone(invocation.timezone),
        latest_stage=stage_title(invocation, latest.stage),
        latest_by=latest.recorded_by,
        latest_text=latest.text,
        latest_csat=latest.csat,
        latest_nps=latest.nps,
        average_csat=rules.average(answer.csat for answer in answers if answer.csat is not None),
        nps_class=rules.nps_class(latest_nps) if latest_nps is not None else None,
        top_pain_points=tuple(
            (count.pain_point, count.count)
            for count in rules.top_pain_points((answer.pain_point_list for answer in answers), TOP_PAIN_POINTS)
        ),
    )


def record(invocation: Invocation, name: str, answer: FeedbackInput) -> Reply:
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, name)
        add_feedback(
            session=uow.session,
            partner=partner,
            csat=answer.csat,
            nps=answer.nps,
            text=answer.text,
            pain_points=answer.pain_points,
            other_pain=answer.other_pain,
            now=invocation.now,
            user=invocation.user_id,
        )
        uow.commit()
        summary = feedback_summary(uow.session, partner, invocation)
    assert summary is not None
    return Reply(
        FeedbackRecorded(
            partner.name, summary.latest_stage, answer.csat, answer.nps, answer.text, answer.pain_points, summary
        ),
        public=True,
    )


def feedback_form(invocation: Invocation, name: str) -> Reply:
    """The feedback form, for a partner that exists (checked first, so a typo gets a reply, not a form)."""
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, name)
    choices = tuple(Choice(point, rules.pain_point_label(point)) for point in invocation.pain_points)
    return Reply(modal=FeedbackForm(partner.name, choices))


def _checked(errors: dict[str, str], key: str, raw: str | None, check: Callable[[str], T]) -> T | None:
    """`check(raw)` for a filled-in field; a refusal is noted under `key` instead of raised."""
    if not raw:
        return None
    try:
        return check(raw)
    except PartnerbotError as error:
        errors[key] = error.message
        return None


def submit_feedback_form(partner: str, values: dict[str, str | None], invocation: Invocation) -> Reply:
    """The feedback modal's submission; raises FormRejected with an error per bad field."""
    errors: dict[str, str] = {}
    csat = _checked(errors, "csat", values.get("csat"), rules.csat)
    nps = _checked(errors, "nps", values.get("nps"), rules.nps)
    pains = _checked(
        errors, "pain_points", values.get("pain_points"), lambda raw: rules.pain_points(raw, invocation.pain_points)
    )
    text = _checked(errors, "text", values.get("text"), lambda raw: check_text(raw, MAX_TEXT, N_("feedback text")))
    other = _checked(
        errors, "other_pain", values.get("other_pain"), lambda raw: check_text(raw, MAX_OTHER, N_("other pain point"))
    )
    if pains and "other" in pains and not other and "other_pain" not in errors:
        errors["other_pain"] = tr("You picked “other”: say what the pain point is.")
    if not errors and csat is None and nps is None and text is None and not pains:
        errors["text"] = tr("Give a score, a pain point or a comment.")
    if errors:
        raise FormRejected(errors)
    try:
        return record(invocation, partner, FeedbackInput(csat, nps, text, pains or (), other))
    except PartnerbotError as error:
        raise FormRejected({"text": error.message}) from None


@dataclass(frozen=True)
class Feedback:
    name: str
    fields: tuple[tuple[str, str], ...] = ()
    text: str | None = None


FEEDBACK_KEYS = {
    "csat": "csat",
    "satisfaction": "csat",
    "nps": "nps",
    "recommend": "nps",
    "text": "text",
    "comment": "text",
    "pain": "pain_points",
    "pains": "pain_points",
    "pain_points": "pain_points",
    "problems": "pain_points",
    "other": "other_pain",
}


def parse_feedback(tokens: list[Token]) -> Feedback:
    usage = '`/partner feedback NAME [csat=1-5] [nps=0-10] [pain=tooling,payouts] ["text"]`'
    words = word_tokens(tokens)
    if not words:
        raise ParseError(tr("Which partner? Usage: {usage}", usage=usage))
    fields = []
    for key, value in pair_fields(tokens, "feedback"):
        if key not in FEEDBACK_KEYS:
            raise ParseError(tr("'{key}=' is not a feedback field. Usage: {usage}", key=key, usage=usage))
        fields.append((FEEDBACK_KEYS[key], value))
    return Feedback(words[0].text, tuple(fields), joined(words[1:]) or None)


def feedback(command: Feedback, invocation: Invocation) -> Reply:
    """With only a name, the feedback form; otherwise the answer given on the command line."""
    if not command.fields and command.text is None:
        return feedback_form(invocation, command.name)
    fields = dict(command.fields)
    answer = checked_input(
        csat=fields.get("csat"),
        nps=fields.get("nps"),
        text=fields.get("text", command.text),
        pains=fields.get("pain_points"),
        other=fields.get("other_pain"),
        invocation=invocation,
    )
    return record(invocation, command.name, answer)
