"""Queries on scorecards, questionnaire answers and requests to leads."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func, update
from sqlmodel import Session, col, select

from domain.default_names import shown_scorecard
from domain.scorecard import DEFAULT_SCORECARD, Scorecard, load_scorecard
from domain.scoring import Submission, rater_score
from storage import score_spans
from storage.installs import installed
from storage.scoring_tables import ScorecardVersion, ScoreRequest, ScoreSubmission
from storage.tables import Partner


def current_scorecard(*, session: Session, team_id: str) -> Scorecard:
    """The newest scorecard the workspace loaded, or the default one (version 0)."""
    query = (
        select(ScorecardVersion)
        .where(ScorecardVersion.team_id == team_id)
        .order_by(col(ScorecardVersion.version).desc())
        .limit(1)
    )
    row = session.exec(query).first()
    if row is None:
        return shown_scorecard(DEFAULT_SCORECARD)
    return load_scorecard(json.loads(row.criteria_json), version=row.version)


def save_scorecard(*, session: Session, team_id: str, scorecard: Scorecard, now: datetime, user: str) -> int:
    newest = session.exec(select(func.max(ScorecardVersion.version)).where(ScorecardVersion.team_id == team_id)).one()
    version = (newest or 0) + 1
    criteria = {"criteria": [criterion.model_dump() for criterion in scorecard.criteria]}
    session.add(
        ScorecardVersion(
            team_id=team_id,
            version=version,
            criteria_json=json.dumps(criteria, ensure_ascii=False),
            created_at=now,
            created_by=user,
        )
    )
    rescore_submissions(session=session, team_id=team_id, scorecard=scorecard)
    return version


def rescore_submissions(*, session: Session, team_id: str, scorecard: Scorecard, batch: int = 2000) -> None:
    """Recomputes every stored rater score of the workspace against a newly loaded scorecard, a page at a time,
    then the workspace's kept score spans."""
    after = 0
    while True:
        query = (
            select(ScoreSubmission.id, ScoreSubmission.answers_json)
            .where(ScoreSubmission.team_id == team_id, col(ScoreSubmission.id) > after)
            .order_by(col(ScoreSubmission.id))
            .limit(batch)
        )
        rows = session.exec(query).all()
        if not rows:
            score_spans.rebuild(session.connection(), team_id)
            return
        changes = [{"id": key, "rater_score": rater_score(json.loads(answers), scorecard)} for key, answers in rows]
        session.execute(update(ScoreSubmission), changes)
        after = rows[-1][0] or 0


def add_submission(
    *,
    session: Session,
    partner: Partner,
    rater: str,
    scorecard_version: int,
    answers: dict[str, int],
    comment: str | None,
    now: datetime,
) -> None:
    """Stores the answers (with the rater's score, for rankings), rebuilds the partner's kept score spans and
    marks the rater's open requests answered."""
    assert partner.id is not None
    scorecard = current_scorecard(session=session, team_id=partner.team_id)
    session.add(
        ScoreSubmission(
            team_id=partner.team_id,
            partner_id=partner.id,
            rater=rater,
            scorecard_version=scorecard_version,
            answers_json=json.dumps(answers),
            rater_score=rater_score(answers, scorecard),
            comment=comment,
            submitted_at=now,
        )
    )
    session.flush()
    score_spans.rebuild(session.connection(), partner.team_id, partner.id)
    for request in open_requests(session=session, partner=partner, leads=[rater]):
        request.answered_at = now
        session.add(request)


def _submission(row: ScoreSubmission) -> Submission:
    return Submission(row.rater, row.submitted_at, json.loads(row.answers_json))


def submissions(
    *, session: Session, team_id: str, partner_ids: Sequence[int] | None = None, since: datetime | None = None
) -> dict[int, list[Submission]]:
    """Answers per partner, oldest first."""
    query = select(ScoreSubmission).where(ScoreSubmission.team_id == team_id)
    if partner_ids is not None:
        query = query.where(col(ScoreSubmission.partner_id).in_(partner_ids))
    if since is not None:
        query = query.where(ScoreSubmission.submitted_at > since)
    grouped: dict[int, list[Submission]] = defaultdict(list)
    for row in session.exec(query.order_by(col(ScoreSubmission.submitted_at), col(ScoreSubmission.id))).all():
        grouped[row.partner_id].append(_submission(row))
    return dict(grouped)


def latest_answers(*, session: Session, partner: Partner, rater: str) -> dict[str, int]:
    query = (
        select(ScoreSubmission)
        .where(
            ScoreSubmission.team_id == partner.team_id,
            ScoreSubmission.partner_id == partner.id,
            ScoreSubmission.rater == rater,
        )
        .order_by(col(ScoreSubmission.submitted_at).desc(), col(ScoreSubmission.id).desc())
        .limit(1)
    )
    row = session.exec(query).first()
    return {} if row is None else dict(json.loads(row.answers_json))


def open_requests(*, session: Session, partner: Partner, leads: Sequence[str] | None = None) -> list[ScoreRequest]:
    query = select(ScoreRequest).where(
        ScoreRequest.team_id == partner.team_id,
        ScoreRequest.partner_id == partner.id,
        col(ScoreRequest.answered_at).is_(None),
    )
    if leads is not None:
        query = query.where(col(ScoreRequest.lead).in_(leads))
    return list(session.exec(query).all())


def add_requests(
    *, session: Session, partner: Partner, leads: Sequence[str], asked_by: str, now: datetime
) -> list[str]:
    """Asks each lead not already asked and still unanswered; returns the leads newly asked."""
    assert partner.id is not None
    waiting = {request.lead for request in open_requests(session=session, partner=partner, leads=leads)}
    new = [lead for lead in dict.fromkeys(leads) if lead not in waiting]
    session.add_all(
        ScoreRequest(team_id=partner.team_id, partner_id=partner.id, lead=lead, asked_by=asked_by, asked_at=now)
        for lead in new
    )
    return new


def requests_for(*, session: Session, partner: Partner) -> list[ScoreRequest]:
    query = (
        select(ScoreRequest)
        .where(ScoreRequest.team_id == partner.team_id, ScoreRequest.partner_id == partner.id)
        .order_by(col(ScoreRequest.asked_at).desc(), col(ScoreRequest.id).desc())
    )
    return list(session.exec(query).all())


def due_reminders(*, session: Session, asked_before: datetime) -> list[tuple[ScoreRequest, Partner]]:
    """Unanswered, never-reminded requests older than the cutoff, on partners still active (installed teams)."""
    query = (
        select(ScoreRequest, Partner)
        .join(Partner, col(Partner.id) == col(ScoreRequest.partner_id))
        .where(*_unreminded(asked_before), col(Partner.archived).is_(False))
        .order_by(col(ScoreRequest.id))
        .with_for_update(of=ScoreRequest, skip_locked=True)
    )
    return [(request, partner) for request, partner in session.exec(query).all()]


def teams_with_due_reminders(*, session: Session, asked_before: datetime) -> list[str]:
    """The workspaces `due_reminders` would find requests in (read without locking, for a job's preparation)."""
    query = select(ScoreRequest.team_id).where(*_unreminded(asked_before)).distinct()
    return sorted(session.exec(query).all())


def _unreminded(asked_before: datetime) -> tuple[ColumnElement[bool], ...]:
    """Unanswered, never-reminded requests asked before the cutoff, in installed workspaces."""
    return (
        col(ScoreRequest.answered_at).is_(None),
        col(ScoreRequest.reminded_at).is_(None),
        ScoreRequest.asked_at <= asked_before,
        installed(ScoreRequest.team_id),
    )


def waiting_for(*, session: Session, team_id: str, lead: str) -> list[str]:
    """Names of active partners whose questionnaire `lead` was asked for and has not answered."""
    query = (
        select(Partner.name)
        .join(ScoreRequest, col(ScoreRequest.partner_id) == col(Partner.id))
        .where(
            ScoreRequest.team_id == team_id,
            ScoreRequest.lead == lead,
            col(ScoreRequest.answered_at).is_(None),
            col(Partner.archived).is_(False),
        )
        .order_by(Partner.name)
        .distinct()
    )
    return list(session.exec(query).all())
