"""The verb table: one entry per verb drives dispatch and the help text, so they cannot drift."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from commands import (
    breakdowns,
    checklists,
    digest,
    feedback,
    journey_map,
    kpis,
    profile,
    retention,
    targets,
    touchpoints,
)
from commands.alliances import flows as alliance_flows
from commands.alliances import parse as alliance_parse
from commands.alliances import structures as alliance_structures
from commands.context import Invocation
from commands.grammar import joined
from commands.registry import listing
from commands.registry import parse as registry_grammar
from commands.registry import partners as registry
from commands.replies import HelpSheet, Reply, VerbHelp, reply_or_refusal
from commands.scoring import asks, ranking
from commands.scoring import parse as scoring_grammar
from commands.scoring import questionnaire as scoring
from commands.spreadsheet import sharing
from commands.stages import design as stages_design
from commands.stages import parse as stages_grammar
from commands.stalls import paged as stalls_paged
from commands.tokens import ParseError, Token, tokenize
from domain.words import closest, fold


@dataclass(frozen=True)
class Verb:
    name: str
    usage: str
    summary: str
    examples: tuple[str, ...]
    parse: Callable[[list[Token]], Any]
    run: Callable[[Any, Invocation], Reply]
    aliases: tuple[str, ...] = ()

    def help(self) -> VerbHelp:
        return VerbHelp(f"/partner {self.usage}", self.summary, tuple(f"/partner {e}" for e in self.examples))


@dataclass(frozen=True)
class Help:
    topic: str | None = None


def parse_help(tokens: list[Token]) -> Help:
    return Help(joined(tokens) or None)


def show_help(command: Help, invocation: Invocation) -> Reply:
    sheet = tuple(verb.help() for verb in VERBS.values())
    if command.topic is None:
        return Reply(HelpSheet(sheet))
    return Reply(HelpSheet(sheet, focus=find_verb(command.topic).help()))


VERBS: dict[str, Verb] = {
    verb.name: verb
    for verb in (
        Verb(
            "help",
            "help [VERB]",
            "These commands, or one in detail.",
            ("help advance",),
            parse_help,
            show_help,
            aliases=("?", "pomoc", "помощь"),
        ),
        Verb(
            "add",
            'add NAME [type=… size=… segment=… owner=@user alliance=… notes="…"]',
            "Register a partner; with no name, open the registration form.",
            ("add Acme", 'add "Globex Corporation" type=reseller segment=fintech owner=@bob', "add"),
            registry_grammar.parse_add,
            registry.add,
            aliases=("new", "register", "dodaj", "добавить"),
        ),
        Verb(
            "advance",
            'advance NAME [STAGE] ["note"]',
            "Move a partner to a stage, or to the next one when no stage is given.",
            ("advance Acme support", 'advance Acme "kick-off call done"', "advance Acme"),
            registry_grammar.parse_advance,
            registry.advance,
            aliases=("move", "next"),
        ),
        Verb(
            "show",
            "show NAME",
            "A partner's card: stage, days in stage, owner, profile and recent moves.",
            ("show Acme",),
            registry_grammar.parse_show,
            registry.show,
            aliases=("card", "info", "pokaż", "показать"),
        ),
        Verb(
            "set",
            'set NAME type=… size=… segment=… owner=@user source=… alliance=… notes="…"',
            "Change a partner's profile (an empty value clears a field); kept in its history, shown by `show`.",
            ("set Acme type=reseller size=large segment=retail owner=@anna source=referral", 'set Acme notes=""'),
            profile.parse_set,
            profile.set_profile,
            aliases=("edit", "zmień", "изменить"),
        ),
        Verb(
            "rename",
            'rename NAME "NEW NAME"',
            "Give a partner a new name; its history, figures and alliances stay with it.",
            ('rename Acme "Acme Group"',),
            profile.parse_rename,
            profile.rename,
            aliases=("zmień-nazwę", "переименовать"),
        ),
        Verb(
            "log",
            'log NAME KIND ["note"] [on=DATE]',
            "Log a touchpoint — call, meeting, webinar, training, event, email, co-marketing, other — in the"
            " partner's stage; it counts as activity.",
            ('log Acme meeting "QBR with their CTO"', "log Acme webinar on=2026-11-20"),
            touchpoints.parse_log,
            touchpoints.log,
            aliases=("touch", "touchpoint", "kontakt", "контакт"),
        ),
        Verb(
            "list",
            "list [STAGE] [owner=@user] [type=TYPE] [page N]",
            "Partners grouped by stage, longest-waiting first, a page at a time.",
            ("list", "list discovery owner=@anna type=reseller", "list onboarding page 2"),
            listing.parse_list,
            listing.list_partners,
            aliases=("ls", "lista", "список"),
        ),
        Verb(
            "stages",
            'stages [add "NAME" after STAGE days=N | rename STAGE "NAME" | remove STAGE [move-to=STAGE] | order STAGE…'
            ' | describe STAGE "text" | alias STAGE "a, b" | template method|default'
            ' | checklist STAGE [add|remove "step"]]',
            "The journey: each stage, what it means, and how many partners are in it; design your own stages and"
            " their checklists.",
            (
                "stages",
                'stages add "Pilot" after onboarding days=30',
                'stages rename support "Growth"',
                "stages remove attraction move-to=discovery",
                "stages template method",
                'stages checklist onboarding add "Sales training done"',
            ),
            stages_grammar.parse_stages,
            stages_design.run_stages,
            aliases=("journey", "etapy", "этапы"),
        ),
        Verb(
            "check",
            'check NAME "step"',
            "Tick a step of the checklist of the partner's stage (by its words or its number).",
            ('check Acme "Sales training done"', "check Acme 2"),
            checklists.parse_check,
            checklists.check,
            aliases=("done", "tick", "odhacz", "отметить"),
        ),
        Verb(
            "feedback",
            'feedback NAME [csat=1-5] [nps=0-10] [pain=tooling,payouts] ["text"]',
            "Record what a partner told us; with only a name, open the feedback form.",
            ('feedback Acme csat=4 nps=9 "Docs were hard to find"', "feedback Acme"),
            feedback.parse_feedback,
            feedback.feedback,
            aliases=("fb", "opinia", "отзыв"),
        ),
        Verb(
            "kpi",
            "kpi NAME [leads=… mql=… sql=… deals=… revenue=… cost=…] [on=DATE] | kpi NAME undo",
            "Record a partner's figures (revenue takes 5000, 5 000, 5k, 1.2m or 5000,50), undo your last"
            " entry, or with only a name see this month, last month and all time.",
            ("kpi Acme leads=10 mql=6 sql=4 deals=2 revenue=5k cost=800", "kpi Acme", "kpi Acme undo"),
            kpis.parse_kpi,
            kpis.kpi,
            aliases=("metrics",),
        ),
        Verb(
            "kpis",
            "kpis [by type|size|segment|source|owner|stage|alliance] [type=… size=… source=… owner=@user …]",
            "The program dashboard: partners acquired and active, totals, conversion, top partners by revenue;"
            " `by GROUP` breaks it down per group (table and chart), field=value keeps only those partners.",
            ("kpis", "kpis by type", "kpis type=reseller", "kpis by source size=large"),
            breakdowns.parse_kpis,
            breakdowns.kpis,
            aliases=("dashboard", "program"),
        ),
        Verb(
            "target",
            "target [NAME] metric=AMOUNT… [per=month|quarter|year] | target [NAME]",
            "Targets for the program or one partner (revenue, leads, deals…); the card, `kpis` and the digest show"
            " actual against target and whether it is on track. `revenue=none` clears one.",
            ("target revenue=500k per=quarter", "target Acme leads=20 per=month", "target"),
            targets.parse_target,
            targets.target,
            aliases=("targets", "plan", "план"),
        ),
        Verb(
            "company-sales",
            "company-sales YYYY-MM AMOUNT",
            "The company's total sales for a month, so `kpis` can show partner-sourced revenue as a share of it.",
            ("company-sales 2026-11 3.2m",),
            targets.parse_company_sales,
            targets.company_sales,
            aliases=("sales", "sprzedaż", "продажи"),
        ),
        Verb(
            "retention",
            "retention [days=N]",
            "Partners active this quarter that were active last quarter, and those who went quiet (no activity"
            " for N days, 45 by default) with their owners.",
            ("retention", "retention days=30"),
            retention.parse_retention,
            retention.retention,
            aliases=("retained", "quiet", "retencja", "удержание"),
        ),
        Verb(
            "score",
            "score NAME [why]",
            "Answer the scoring questionnaire for a partner; `why` explains its score criterion by criterion.",
            ("score Acme", "score Acme why"),
            scoring_grammar.parse_score,
            scoring.score,
            aliases=("rate", "ocena", "оценка"),
        ),
        Verb(
            "ask",
            "ask NAME @lead … | ask NAME",
            "Ask leads by DM to answer the questionnaire; with no leads, see who has answered.",
            ("ask Acme @anna @piotr", "ask Acme"),
            scoring_grammar.parse_ask,
            asks.ask,
            aliases=("request",),
        ),
        Verb(
            "rank",
            "rank [STAGE or TYPE] [stage=STAGE] [type=TYPE] [owner=@user] [page N]",
            "Partners by score, with places gained or lost since last week and why, a page at a time.",
            ("rank", "rank stage=support", "rank reseller page 2"),
            ranking.parse_rank,
            ranking.rank,
            aliases=("ranking", "top", "рейтинг"),
        ),
        Verb(
            "stalled",
            "stalled [owner=@user] [type=TYPE] [stage=STAGE] [page N] | stalled set STAGE DAYS | stalled reasons"
            " | stalled notify channel|dm|both",
            "Partners stuck longer than their stage allows (with snoozes), most overdue first, a page at a time;"
            " change a stage's threshold; see why partners get stuck; or say where the daily summary goes.",
            ("stalled", "stalled owner=@me", "stalled set onboarding 45", "stalled reasons", "stalled notify both"),
            stalls_paged.parse,
            stalls_paged.stalled,
            aliases=("stuck", "zastój", "застряли"),
        ),
        Verb(
            "digest",
            "digest [#channel] [DAY HH:MM] | digest off | digest on | digest now",
            "Where and when the weekly digest goes (workspace time zone); `now` posts one here at once.",
            ("digest #partners mon 09:00", "digest", "digest off", "digest now"),
            digest.parse_digest,
            digest.configure,
            aliases=("weekly", "raport", "дайджест"),
        ),
        Verb(
            "map",
            "map",
            "The journey map: per stage, partners, median and longest days, CSAT, NPS and top pain points.",
            ("map",),
            journey_map.parse_map,
            journey_map.show_map,
            aliases=("mapa", "карта"),
        ),
        Verb(
            "alliance",
            'alliance new NAME type=TYPE members="A, B" | add|remove NAME PARTNER… | show NAME | list'
            " | type TYPE | matrix",
            "Alliance structures: partners around us as the hub, their links, clients and bonuses; a type explained;"
            " the matrix of types from our own numbers.",
            (
                'alliance new "Logistics chain" type=chain members="Acme, Globex, Initech"',
                'alliance add "Logistics chain" Hooli',
                'alliance show "Logistics chain"',
                "alliance type toast",
                "alliance matrix",
            ),
            alliance_parse.parse_alliance,
            alliance_structures.alliance,
            aliases=("alliances", "sojusz", "sojusze", "альянс", "альянсы"),
        ),
        Verb(
            "handover",
            'handover FROM → TO client="…" [value=12k] [waited=2d] [alliance=NAME] [on=DATE]',
            "Record a client passed along a link (a partner, or `us` for the company, on each side).",
            ('handover Acme → Globex client="Foo LLC" value=12k', 'handover Acme -> us client="Bar"'),
            alliance_parse.parse_handover,
            alliance_flows.handover,
            aliases=("hand-over", "pass", "przekazanie", "передача"),
        ),
        Verb(
            "bonus",
            'bonus PARTNER AMOUNT ["reason"] [on=DATE]',
            "Record a bonus the company paid a partner; it counts as cost in ROI.",
            ('bonus Acme 1.2k "Q3 referrals"',),
            alliance_parse.parse_bonus,
            alliance_flows.bonus,
            aliases=("premia", "бонус"),
        ),
        Verb(
            "export",
            "export [history] [sep=;]",
            "The partners as a spreadsheet (CSV) sent to you as a DM file; `history` adds stage moves, feedback and"
            " KPI entries; `sep=;` for Excel in Polish or Russian.",
            ("export", "export history sep=;"),
            sharing.parse_export,
            sharing.export,
            aliases=("eksport", "экспорт", "csv"),
        ),
        Verb(
            "archive",
            "archive NAME",
            "Hide a partner from lists and jobs; its history is kept.",
            ("archive Acme",),
            registry_grammar.parse_archive,
            registry.archive,
        ),
        Verb(
            "restore",
            "restore NAME",
            "Bring an archived partner back.",
            ("restore Acme",),
            registry_grammar.parse_restore,
            registry.restore,
            aliases=("unarchive",),
        ),
    )
}

_BY_SPELLING = {fold(spelling): verb for verb in VERBS.values() for spelling in (verb.name, *verb.aliases)}


def find_verb(word: str) -> Verb:
    verb = _BY_SPELLING.get(fold(word))
    if verb is None:
        suggestions = closest(word, VERBS)
        hint = f" — did you mean {' or '.join(suggestions)}?" if suggestions else "."
        raise ParseError(f"Unknown command '{word}'{hint} Commands: {', '.join(VERBS)}. Try `/partner help`.")
    return verb


def handle(text: str, invocation: Invocation) -> Reply:
    """Runs one `/partner` line. Every refusal becomes an error reply; a refused command changed nothing."""
    return reply_or_refusal(lambda: _run(text, invocation))


def _run(text: str, invocation: Invocation) -> Reply:
    tokens = tokenize(text)
    if not tokens:
        return show_help(Help(), invocation)
    first = tokens[0]
    verb = find_verb(f"{first.key}={first.text}" if first.kind == "pair" else first.text)
    return verb.run(verb.parse(tokens[1:]), invocation)
