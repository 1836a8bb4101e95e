"""The verbs about alliances, hand-overs, bonuses and the spreadsheet export."""

from __future__ import annotations

from commands.alliances import flows as alliance_flows
from commands.alliances import parse as alliance_parse
from commands.alliances import structures as alliance_structures
from commands.spreadsheet import sharing
from commands.verbs.verb import Verb
from domain.language import N_
from domain.roles import ADD, VIEW, admin_only, on_partner

ALLIANCE_VERBS: tuple[Verb, ...] = (
    Verb(
        "alliance",
        'alliance new NAME type=TYPE members="A, B" | add|remove NAME PARTNER… | show NAME | list'
        " | type TYPE | matrix",
        N_("Alliance structures: partners around us as the hub, their links, clients and bonuses; a type explained;"
        " the matrix of types from our own numbers."),
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
        needs=lambda command: ADD if command.action in ("new", "add", "remove") else VIEW,
    ),
    Verb(
        "handover",
        'handover FROM → TO client="…" [value=12k] [waited=2d] [alliance=NAME] [on=DATE]',
        N_("Record a client passed along a link (a partner, or `us` for the company, on each side)."),
        ('handover Acme → Globex client="Foo LLC" value=12k', 'handover Acme -> us client="Bar"'),
        alliance_parse.parse_handover,
        alliance_flows.handover,
        aliases=("hand-over", "pass", "przekazanie", "передача"),
        needs=ADD,
    ),
    Verb(
        "bonus",
        'bonus PARTNER AMOUNT ["reason"] [on=DATE]',
        N_("Record a bonus the company paid a partner; it counts as cost in ROI."),
        ('bonus Acme 1.2k "Q3 referrals"',),
        alliance_parse.parse_bonus,
        alliance_flows.bonus,
        aliases=("premia", "бонус"),
        needs=lambda command: on_partner(command.partner),
    ),
    Verb(
        "export",
        "export [history] [sep=;]",
        N_("The partners as a spreadsheet (CSV) sent to you as a DM file; `history` adds stage moves, feedback and"
        " KPI entries; `sep=;` for Excel in Polish or Russian."),
        ("export", "export history sep=;"),
        sharing.parse_export,
        sharing.export,
        aliases=("eksport", "экспорт", "csv"),
        needs=lambda command: admin_only(N_("Exporting the history")) if command.history else VIEW,
    ),
)
