"""`/partner rank [STAGE|TYPE]`: partners by score, with movement since last week and why."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from commands.context import Invocation
from commands.replies import Ranking, RankRow, Reply
from commands.scoring.parse import Rank
from domain.errors import PartnerbotError, UnknownStage
from domain.partner import PARTNER_TYPES, clean_value
from domain.ranking import rank as rank_partners
from storage import scoring as repository
from storage.registry import active_partners
from storage.tables import Partner

MOVEMENT_WINDOW = timedelta(days=7)


def _scope(invocation: Invocation, word: str) -> tuple[str, str, str]:
    """('stage' or 'type', stored value, label) for the filter word; a stage is tried first."""
    try:
        stage = invocation.journey.resolve(word)
        return "stage", stage.key, stage.name
    except UnknownStage:
        pass
    try:
        kind = clean_value("type", word)
    except PartnerbotError:
        raise PartnerbotError(
            f"'{word}' is neither a stage nor a partner type. Stages: {', '.join(invocation.journey.keys)}."
            f" Types: {', '.join(PARTNER_TYPES)}."
        ) from None
    assert kind is not None
    return "type", kind, kind


def ranking_rows(session: Session, invocation: Invocation, partners: list[Partner] | None = None) -> list[RankRow]:
    """The ranking of `partners` (default: every active partner) with movement since a week ago."""
    chosen = partners if partners is not None else active_partners(session=session, team_id=invocation.team_id)
    scorecard = repository.current_scorecard(session=session, team_id=invocation.team_id)
    by_id = repository.submissions(
        session=session, team_id=invocation.team_id, partner_ids=[p.id for p in chosen if p.id is not None]
    )
    portfolio = {p.name: by_id.get(p.id, []) for p in chosen if p.id is not None}
    ranked = rank_partners(portfolio, scorecard, now=invocation.now, then=invocation.now - MOVEMENT_WINDOW)
    return [
        RankRow(
            r.place,
            r.partner,
            r.score,
            r.raters,
            r.movement,
            (r.reason.title, r.reason.before, r.reason.after, r.reason.rater) if r.reason else None,
        )
        for r in ranked
    ]


def rank(command: Rank, invocation: Invocation) -> Reply:
    with invocation.unit_of_work() as uow:
        scope = _scope(invocation, command.scope) if command.scope else None
        stages = [scope[1]] if scope and scope[0] == "stage" else None
        partners = active_partners(session=uow.session, team_id=invocation.team_id, stages=stages)
        if scope and scope[0] == "type":
            partners = [p for p in partners if p.type == scope[1]]
        rows = ranking_rows(uow.session, invocation, partners)
    return Reply(Ranking(tuple(rows), len(partners) - len(rows), scope[2] if scope else None))
