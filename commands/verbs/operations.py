"""The verbs about the program as a whole: scoring, ranking, stalled partners, the digest and the map."""

from __future__ import annotations

from commands import digest, journey_map
from commands.scoring import asks, ranking
from commands.scoring import parse as scoring_grammar
from commands.scoring import questionnaire as scoring
from commands.stalls import paged as stalls_paged
from commands.stalls.parse import Stalled
from commands.verbs.verb import Verb
from domain.language import N_
from domain.roles import ANSWER, VIEW, Need, admin_only, on_partner


def stalled_need(command: object) -> Need:
    """The list and the reasons are everyone's; thresholds and where alerts go are an admin's."""
    if isinstance(command, Stalled) and (command.set_stage or command.notify):
        return admin_only(N_("Changing stall thresholds and alerts"))
    return VIEW


OPERATION_VERBS: tuple[Verb, ...] = (
    Verb(
        "score",
        "score NAME [why]",
        N_("Answer the scoring questionnaire for a partner; `why` explains its score criterion by criterion."),
        ("score Acme", "score Acme why"),
        scoring_grammar.parse_score,
        scoring.score,
        aliases=("rate", "ocena", "оценка"),
        needs=lambda command: VIEW if command.why else ANSWER,
    ),
    Verb(
        "ask",
        "ask NAME @lead … | ask NAME",
        N_("Ask leads by DM to answer the questionnaire; with no leads, see who has answered."),
        ("ask Acme @anna @piotr", "ask Acme"),
        scoring_grammar.parse_ask,
        asks.ask,
        aliases=("request",),
        needs=lambda command: on_partner(command.name) if command.leads else VIEW,
    ),
    Verb(
        "rank",
        "rank [STAGE or TYPE] [stage=STAGE] [type=TYPE] [owner=@user] [page N]",
        N_("Partners by score, with places gained or lost since last week and why, a page at a time."),
        ("rank", "rank stage=support", "rank reseller page 2"),
        ranking.parse_rank,
        ranking.rank,
        aliases=("ranking", "top", "рейтинг"),
        needs=VIEW,
    ),
    Verb(
        "stalled",
        "stalled [owner=@user] [type=TYPE] [stage=STAGE] [page N] | stalled set STAGE DAYS | stalled reasons"
        " | stalled notify channel|dm|both",
        N_("Partners stuck longer than their stage allows (with snoozes), most overdue first, a page at a time;"
        " change a stage's threshold; see why partners get stuck; or say where the daily summary goes."),
        ("stalled", "stalled owner=@me", "stalled set onboarding 45", "stalled reasons", "stalled notify both"),
        stalls_paged.parse,
        stalls_paged.stalled,
        aliases=("stuck", "zastój", "застряли"),
        needs=stalled_need,
    ),
    Verb(
        "digest",
        "digest [#channel] [DAY HH:MM] | digest off | digest on | digest now",
        N_("Where and when the weekly digest goes (workspace time zone); `now` posts one here at once."),
        ("digest #partners mon 09:00", "digest", "digest off", "digest now"),
        digest.parse_digest,
        digest.configure,
        aliases=("weekly", "raport", "дайджест"),
        needs=lambda command: VIEW if command.action == "show" else admin_only(N_("Changing or posting the digest")),
    ),
    Verb(
        "map",
        "map",
        N_("The journey map: per stage, partners, median and longest days, CSAT, NPS and top pain points."),
        ("map",),
        journey_map.parse_map,
        journey_map.show_map,
        aliases=("mapa", "карта"),
        needs=VIEW,
    ),
)
