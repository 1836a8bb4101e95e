"""`/partner rank [STAGE|TYPE]`: partners by score, with movement since last week and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session

from commands.context import Invocation
from commands.paging import Filters, owner_of, page_info, parse_filters
from commands.replies import Ranking, RankRow, Reply
from commands.tokens import Token
from domain.errors import PartnerbotError, UnknownStage
from domain.language import N_, tr
from domain.paging import PAGE_SIZE, Page
from domain.partner import PARTNER_TYPES, clean_value
from domain.ranking import BIG_MOVE
from domain.scoring import DEFAULT_WINDOW_DAYS, biggest_change
from storage import ranking as queries
from storage import scoring as repository
from storage.stage_windows import PartnerFilter

MOVEMENT_WINDOW = timedelta(days=7)
USAGE = N_("Usage: `/partner rank [STAGE or TYPE] [stage=STAGE] [type=TYPE] [owner=@user] [page N]`.")


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
            tr("'{word}' is neither a stage nor a partner type. Stages: {stages}. Types: {types}.", word=word,
               stages=", ".join(invocation.journey.keys), types=", ".join(PARTNER_TYPES))
        ) from None
    assert kind is not None
    return "type", kind, kind


@dataclass(frozen=True)
class RankCommand:
    filters: Filters
    scope: str | None = None


def parse_rank(tokens: list[Token]) -> RankCommand:
    filters = parse_filters(tokens, tr(USAGE))
    return RankCommand(filters, " ".join(token.text for token in filters.words).strip() or None)


def ranking_rows(
    session: Session,
    invocation: Invocation,
    scope: PartnerFilter | None = None,
    stage: str | None = None,
    *,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> tuple[list[RankRow], int]:
    """A page of the ranking with movement since a week ago and, for big moves, why; and how many are ranked."""
    scope = scope or PartnerFilter(invocation.team_id)
    then = invocation.now - MOVEMENT_WINDOW
    ranked, total = queries.ranking_page(
        session=session,
        scope=scope,
        stage=stage,
        now=invocation.now,
        then=then,
        window_days=DEFAULT_WINDOW_DAYS,
        offset=offset,
        limit=limit,
    )
    big = [r.partner.id for r in ranked if r.place_then is not None and abs(r.place_then - r.place) >= BIG_MOVE]
    answers = repository.submissions(session=session, team_id=invocation.team_id, partner_ids=big) if big else {}
    scorecard = repository.current_scorecard(session=session, team_id=invocation.team_id) if big else None
    rows = []
    for r in ranked:
        movement = None if r.place_then is None else r.place_then - r.place
        reason = None
        if scorecard is not None and movement is not None and abs(movement) >= BIG_MOVE:
            change = biggest_change(answers.get(r.partner.id or 0, []), scorecard, since=then, now=invocation.now)
            reason = (change.title, change.before, change.after, change.rater) if change else None
        rows.append(RankRow(r.place, r.partner.name, r.score, r.raters, movement, reason))
    return rows, total


def rank(command: RankCommand, invocation: Invocation) -> Reply:
    filters = command.filters
    with invocation.unit_of_work() as uow:
        kind, value, label = _scope(invocation, command.scope) if command.scope else (None, None, None)
        stage = value if kind == "stage" else None
        if filters.stage:
            if stage is not None:
                raise PartnerbotError(
                    tr("Give the stage once: `rank {scope}` or `rank stage={given}`.", scope=command.scope,
                       given=filters.stage)
                )
            chosen = invocation.journey.resolve(filters.stage)
            stage, label = chosen.key, chosen.name
        kind_filter = value if kind == "type" else filters.type
        scope = PartnerFilter(invocation.team_id, owner=owner_of(filters, invocation), type=kind_filter)
        active = queries.count_active(session=uow.session, scope=scope, stage=stage)
        offset = (filters.page - 1) * PAGE_SIZE
        rows, total = ranking_rows(uow.session, invocation, scope, stage, offset=offset, limit=PAGE_SIZE)
        if not rows and filters.page > 1:  # past the end: the last page
            total = queries.ranked_count(
                session=uow.session, scope=scope, stage=stage, now=invocation.now, window_days=DEFAULT_WINDOW_DAYS
            )
            last = Page(filters.page, total)
            rows, total = ranking_rows(uow.session, invocation, scope, stage, offset=last.offset, limit=PAGE_SIZE)
        page = Page(filters.page, total)
    label = label or (tr("type {type}", type=kind_filter) if kind_filter else None)
    return Reply(Ranking(tuple(rows), active - total, label, page_info("rank", filters, page, len(rows))))
