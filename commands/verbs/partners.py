"""The verbs about partners themselves: register, move, look up, edit, log, archive."""

from __future__ import annotations

from commands import checklists, profile, touchpoints
from commands.registry import listing
from commands.registry import parse as registry_grammar
from commands.registry import partners as registry
from commands.stages import design as stages_design
from commands.stages import parse as stages_grammar
from commands.stages.parse import Checklist, ShowStages
from commands.verbs.verb import Verb
from domain.language import N_
from domain.roles import ADD, VIEW, Need, admin_only, on_partner


def stages_need(command: object) -> Need:
    """Looking at the journey is everyone's; designing it is an admin's."""
    looking = isinstance(command, ShowStages) or (isinstance(command, Checklist) and command.action is None)
    return VIEW if looking else admin_only(N_("Designing the journey"))


PARTNER_VERBS: tuple[Verb, ...] = (
    Verb(
        "add",
        'add NAME [type=… size=… segment=… owner=@user alliance=… notes="…"]',
        N_("Register a partner; with no name, open the registration form."),
        ("add Acme", 'add "Globex Corporation" type=reseller segment=fintech owner=@bob', "add"),
        registry_grammar.parse_add,
        registry.add,
        aliases=("new", "register", "dodaj", "добавить"),
        needs=ADD,
    ),
    Verb(
        "advance",
        'advance NAME [STAGE] ["note"]',
        N_("Move a partner to a stage, or to the next one when no stage is given."),
        ("advance Acme support", 'advance Acme "kick-off call done"', "advance Acme"),
        registry_grammar.parse_advance,
        registry.advance,
        aliases=("move", "next"),
        needs=lambda command: on_partner(command.name),
    ),
    Verb(
        "show",
        "show NAME",
        N_("A partner's card: stage, days in stage, owner, profile and recent moves."),
        ("show Acme",),
        registry_grammar.parse_show,
        registry.show,
        aliases=("card", "info", "pokaż", "показать"),
        needs=VIEW,
    ),
    Verb(
        "set",
        'set NAME type=… size=… segment=… owner=@user source=… alliance=… notes="…"',
        N_("Change a partner's profile (an empty value clears a field); kept in its history, shown by `show`."),
        ("set Acme type=reseller size=large segment=retail owner=@anna source=referral", 'set Acme notes=""'),
        profile.parse_set,
        profile.set_profile,
        aliases=("edit", "zmień", "изменить"),
        needs=lambda command: on_partner(command.name),
    ),
    Verb(
        "rename",
        'rename NAME "NEW NAME"',
        N_("Give a partner a new name; its history, figures and alliances stay with it."),
        ('rename Acme "Acme Group"',),
        profile.parse_rename,
        profile.rename,
        aliases=("zmień-nazwę", "переименовать"),
        needs=lambda command: on_partner(command.name),
    ),
    Verb(
        "log",
        'log NAME KIND ["note"] [on=DATE]',
        N_("Log a touchpoint — call, meeting, webinar, training, event, email, co-marketing, other — in the"
        " partner's stage; it counts as activity."),
        ('log Acme meeting "QBR with their CTO"', "log Acme webinar on=2026-11-20"),
        touchpoints.parse_log,
        touchpoints.log,
        aliases=("touch", "touchpoint", "kontakt", "контакт"),
        needs=lambda command: on_partner(command.name),
    ),
    Verb(
        "list",
        "list [STAGE] [owner=@user] [type=TYPE] [page N]",
        N_("Partners grouped by stage, longest-waiting first, a page at a time."),
        ("list", "list discovery owner=@anna type=reseller", "list onboarding page 2"),
        listing.parse_list,
        listing.list_partners,
        aliases=("ls", "lista", "список"),
        needs=VIEW,
    ),
    Verb(
        "stages",
        'stages [add "NAME" after STAGE days=N | rename STAGE "NAME" | remove STAGE [move-to=STAGE] | order STAGE…'
        ' | describe STAGE "text" | alias STAGE "a, b" | template method|default'
        ' | checklist STAGE [add|remove "step"]]',
        N_("The journey: each stage, what it means, and how many partners are in it; design your own stages and"
        " their checklists."),
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
        needs=stages_need,
    ),
    Verb(
        "check",
        'check NAME "step"',
        N_("Tick a step of the checklist of the partner's stage (by its words or its number)."),
        ('check Acme "Sales training done"', "check Acme 2"),
        checklists.parse_check,
        checklists.check,
        aliases=("done", "tick", "odhacz", "отметить"),
        needs=lambda command: on_partner(command.name),
    ),
)

LIFECYCLE_VERBS: tuple[Verb, ...] = (
    Verb(
        "archive",
        "archive NAME",
        N_("Hide a partner from lists and jobs; its history is kept."),
        ("archive Acme",),
        registry_grammar.parse_archive,
        registry.archive,
        needs=admin_only(N_("Archiving")),
    ),
    Verb(
        "restore",
        "restore NAME",
        N_("Bring an archived partner back."),
        ("restore Acme",),
        registry_grammar.parse_restore,
        registry.restore,
        aliases=("unarchive",),
        needs=admin_only(N_("Restoring")),
    ),
)
