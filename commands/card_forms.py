"""The partner card's buttons: each opens its form, and each form's submission runs the same command as the
text would (`advance`, `log`, `kpi`, `set`/`rename`), so a form and a command can never disagree."""

from __future__ import annotations

from commands.context import Invocation
from commands.feedback import feedback_form
from commands.kpis import record as record_kpis
from commands.profile import edit_profile
from commands.registry.lookup import require_active_partner
from commands.registry.parse import Advance
from commands.registry.partners import advance
from commands.replies import Choice, FormRejected, Reply
from commands.replies.card_forms import CardForm, FormField
from commands.scoring.questionnaire import score_form
from commands.touchpoints import Log, log
from domain import kpis as catalog
from domain.errors import PartnerbotError
from domain.language import N_, tr
from domain.partner import MAX_NAME_LENGTH, PARTNER_SIZES, PARTNER_SOURCES, PARTNER_TYPES, choice_label
from domain.touchpoints import TOUCHPOINT_KINDS

CARD_ACTIONS = ("advance", "log", "feedback", "kpi", "score", "edit")
DATE_HINT = N_("2026-11-20, 20.11.2026 or yesterday; empty for today")


def _choices(values: tuple[str, ...]) -> tuple[Choice, ...]:
    return tuple(Choice(value, choice_label(value)) for value in values)


def _advance_form(invocation: Invocation, name: str) -> CardForm:
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, name)
        stages = tuple(Choice(s.key, s.name) for s in invocation.journey.stages if s.key != partner.stage)
    fields = (
        FormField("stage", tr("Move to"), "select", stages, optional=False),
        FormField("note", tr("Note"), "multiline", max_length=1000),
    )
    return CardForm("advance", partner.name, tr("Advance {partner}", partner=partner.name), tr("Move"), fields)


def _log_form(name: str) -> CardForm:
    fields = (
        FormField("kind", tr("Touchpoint"), "select", _choices(TOUCHPOINT_KINDS), optional=False),
        FormField("note", tr("What happened"), "multiline", max_length=1000),
        FormField("on", tr("Date"), hint=tr(DATE_HINT), max_length=20),
    )
    return CardForm("log", name, tr("Log: {partner}", partner=name), tr("Log"), fields)


def _kpi_form(name: str) -> CardForm:
    fields = tuple(FormField(item.key, tr(item.title), max_length=30) for item in catalog.METRICS)
    on = FormField("on", tr("Date"), hint=tr(DATE_HINT))
    return CardForm("kpi", name, tr("KPIs: {partner}", partner=name), tr("Record"), (*fields, on))


def _edit_form(invocation: Invocation, name: str) -> CardForm:
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, name)
    fields = (
        FormField("name", tr("Name"), initial=partner.name, optional=False, max_length=MAX_NAME_LENGTH),
        FormField("type", tr("Type"), "select", _choices(PARTNER_TYPES), partner.type),
        FormField("size", tr("Size"), "select", _choices(PARTNER_SIZES), partner.size),
        FormField("segment", tr("Segment / specialization"), initial=partner.segment, max_length=80),
        FormField("owner", tr("Owner"), "user", initial=partner.owner),
        FormField("source", tr("Source"), "select", _choices(PARTNER_SOURCES), partner.source),
        FormField("notes", tr("Notes"), "multiline", initial=partner.notes, max_length=1000),
    )
    return CardForm("edit", partner.name, tr("Edit {partner}", partner=partner.name), tr("Save"), fields)


def open_card_form(action: str, name: str, invocation: Invocation) -> Reply:
    if action == "feedback":
        return feedback_form(invocation, name)
    if action == "score":
        return score_form(invocation, name)
    forms = {
        "advance": lambda: _advance_form(invocation, name),
        "log": lambda: _log_form(name),
        "kpi": lambda: _kpi_form(name),
        "edit": lambda: _edit_form(invocation, name),
    }
    if action not in forms:
        raise PartnerbotError(tr("Unknown card button '{action}'.", action=action))
    if action in ("log", "kpi"):
        with invocation.unit_of_work() as uow:  # a partner archived since the card was shown gets a reply, not a form
            require_active_partner(uow.session, invocation, name)
    return Reply(modal=forms[action]())


def _run(kind: str, name: str, values: dict[str, str | None], invocation: Invocation) -> Reply:
    text = {key: (value or "").strip() for key, value in values.items()}
    if kind == "advance":
        return advance(Advance.to(name, text.get("stage", ""), text.get("note") or None), invocation)
    if kind == "log":
        return log(Log(name, text.get("kind", ""), text.get("note") or None, text.get("on") or None), invocation)
    if kind == "kpi":
        pairs = tuple((item.key, text[item.key]) for item in catalog.METRICS if text.get(item.key))
        if not pairs:
            raise FormRejected({"leads": tr("Give at least one figure.")})
        return record_kpis(invocation, name, pairs + ((("on", text["on"]),) if text.get("on") else ()))
    fields = tuple((key, text.get(key, "")) for key in ("type", "size", "segment", "owner", "source", "notes"))
    return edit_profile(name, text.get("name") or name, fields, invocation)


FIRST_FIELD = {"advance": "stage", "log": "kind", "kpi": "leads", "edit": "name"}


def submit_card_form(kind: str, name: str, values: dict[str, str | None], invocation: Invocation) -> Reply:
    """A card form's submission; a refusal is shown on the form (on its first field) and changes nothing."""
    try:
        return _run(kind, name, values, invocation)
    except PartnerbotError as error:
        raise FormRejected({FIRST_FIELD.get(kind, "name"): error.message}) from None
