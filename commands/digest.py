"""The weekly digest: settings set from Slack, its content, and which run is due when."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session

from commands.context import Invocation
from commands.parse import DigestCommand
from commands.ranking import ranking_rows
from commands.replies import DigestSettingsView, FunnelLine, Reply, TrendWeek, WeeklyDigest
from commands.stage_spans import stage_spans
from commands.stalled_listing import count_stalled
from domain.clock import local_date, start_of_local_day
from domain.errors import InvalidField
from domain.schedule import WeeklySchedule, clock_time, latest_due, next_run, week_key, weekday
from storage import digest as queries
from storage.kpi_rollups import daily_totals
from storage.tables import WorkspaceSettings
from storage.unit_of_work import UnitOfWork
from storage.workspace import claim_job_run, get_settings, job_run, settings_for_update

JOB = "weekly-digest"
TREND_WEEKS = 12
RANKING_SIZE = 10
GRACE = timedelta(hours=12)


def schedule_of(settings: WorkspaceSettings) -> WeeklySchedule:
    return WeeklySchedule(settings.digest_weekday, clock_time(settings.digest_time))


def settings_view(settings: WorkspaceSettings | None, invocation: Invocation, *, changed: bool) -> DigestSettingsView:
    if settings is None:
        return DigestSettingsView(None, None, WeeklySchedule(0, clock_time("09:00")).describe(), False, None)
    schedule = schedule_of(settings)
    upcoming = None
    if settings.digest_channel and not settings.digest_paused:
        upcoming = next_run(schedule, invocation.now, invocation.timezone)
    return DigestSettingsView(
        settings.digest_channel,
        settings.digest_channel_name,
        schedule.describe(),
        settings.digest_paused,
        upcoming,
        changed,
    )


def configure(command: DigestCommand, invocation: Invocation) -> Reply:
    """`digest`, `digest #channel mon 09:00`, `digest off|on`; `digest now` is handled by `digest_now`."""
    if command.action == "now":
        return digest_now(invocation)
    if command.action == "show":
        with invocation.unit_of_work() as uow:
            current = get_settings(session=uow.session, team_id=invocation.team_id)
        return Reply(settings_view(current, invocation, changed=False))
    day = weekday(command.day) if command.day else None
    at = clock_time(command.time) if command.time else None
    with invocation.unit_of_work() as uow:
        row = settings_for_update(
            session=uow.session, team_id=invocation.team_id, now=invocation.now, user=invocation.user_id
        )
        if command.channel_id:
            row.digest_channel, row.digest_channel_name = command.channel_id, command.channel_name
        if day is not None and at is not None:
            row.digest_weekday, row.digest_time = day, at.strftime("%H:%M")
        row.digest_paused = command.action == "off"
        if row.digest_channel is None and command.action != "off":
            raise InvalidField("Which channel? e.g. `/partner digest #partners mon 09:00`.")
        uow.commit()
        view = settings_view(row, invocation, changed=True)
    return Reply(view, public=True)


def digest_now(invocation: Invocation) -> Reply:
    with invocation.unit_of_work() as uow:
        digest = build_digest(uow.session, invocation)
    return Reply(digest, public=True, post_in_channel=invocation.channel_id)


def _funnel(session: Session, invocation: Invocation) -> tuple[FunnelLine, ...]:
    spans = stage_spans(session, invocation)
    return tuple(
        FunnelLine(
            stage.name,
            stage.key,
            spans[stage.key].partners,
            spans[stage.key].median_days,
            spans[stage.key].max_days,
        )
        for stage in invocation.journey.stages
    )


def _weekly_trend(session: Session, invocation: Invocation, today: date) -> tuple[TrendWeek, ...]:
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=TREND_WEEKS - 1)
    sums: dict[date, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    rows = daily_totals(session=session, team_id=invocation.team_id, start=first, end=today + timedelta(days=1))
    for day, metric, total in rows:
        sums[day - timedelta(days=day.weekday())][metric] += total
    weeks = [first + timedelta(weeks=n) for n in range(TREND_WEEKS)]
    return tuple(
        TrendWeek(week, int(sums[week]["leads"]), int(sums[week]["deals"]), sums[week]["revenue"]) for week in weeks
    )


def _kpi_week(session: Session, invocation: Invocation, end: date) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for _, metric, total in daily_totals(
        session=session, team_id=invocation.team_id, start=end - timedelta(days=7), end=end
    ):
        totals[metric] += total
    return dict(totals)


def build_digest(session: Session, invocation: Invocation) -> WeeklyDigest:
    """The week that ends now: numbers, ranking, funnel, stalled partners, goals reached, KPI trend."""
    zone, end = invocation.timezone, invocation.now
    today = local_date(end, zone)
    first_day = today - timedelta(days=6)
    start = start_of_local_day(first_day, zone)
    registered, moves = queries.move_counts(session=session, team_id=invocation.team_id, start=start, end=end)
    feedback = queries.feedback_count(session=session, team_id=invocation.team_id, start=start, end=end)
    this_week = _kpi_week(session, invocation, today + timedelta(days=1))
    week_before = _kpi_week(session, invocation, today - timedelta(days=6))
    goal = invocation.journey.stages[-1].key
    reached = queries.reached_stage(session=session, team_id=invocation.team_id, stage=goal, start=start, end=end)
    title = f"{first_day.day} {first_day:%b} – {today.day} {today:%b %Y}"
    quiet = not (registered or moves or feedback or any(this_week.values()))
    return WeeklyDigest(
        title=title,
        quiet=quiet,
        new_partners=registered,
        stage_moves=moves,
        feedback=feedback,
        kpis_this_week=this_week,
        kpis_week_before=week_before,
        ranking=tuple(ranking_rows(session, invocation, limit=RANKING_SIZE)[0]),
        funnel=_funnel(session, invocation),
        stalled=count_stalled(session, invocation),
        reached_goal=tuple(reached),
        trend=_weekly_trend(session, invocation, today),
    )


def finish_digest(
    unit_of_work: Callable[[], UnitOfWork], invocation: Invocation, key: str, *, posted: bool, detail: str
) -> None:
    """Marks the claimed run posted, or releases the claim after a failed post so a later tick retries it."""
    with unit_of_work() as uow:
        run = job_run(session=uow.session, team_id=invocation.team_id, job=JOB, period_key=key)
        if run is not None:
            if posted:
                run.status, run.finished_at, run.detail = "posted", invocation.now, detail[:500]
                uow.session.add(run)
            else:
                uow.session.delete(run)
        uow.commit()


def due_digest(unit_of_work: Callable[[], UnitOfWork], invocation: Invocation) -> tuple[WeeklyDigest, str, str] | str:
    """(digest, channel, period key) when this workspace's run is due and this call claimed it;
    otherwise a sentence saying why nothing is posted (not due, already posted, missed, not configured)."""
    with unit_of_work() as uow:
        settings = get_settings(session=uow.session, team_id=invocation.team_id)
        if settings is None or settings.digest_channel is None or settings.digest_paused:
            return "no digest channel, or paused"
        due = latest_due(schedule_of(settings), invocation.now, invocation.timezone)
        key = week_key(due, invocation.timezone)
        claim = claim_job_run(
            session=uow.session, team_id=invocation.team_id, job=JOB, period_key=key, now=invocation.now
        )
        if claim is None:
            return f"{key} already handled"
        if invocation.now - due > GRACE:
            claim.status, claim.finished_at = "skipped", invocation.now
            claim.detail = f"missed: due {due.isoformat()}, more than {GRACE} ago"
            uow.session.add(claim)
            uow.commit()
            return f"{key} missed by more than {GRACE} (the bot was down); skipped"
        digest = build_digest(uow.session, invocation)
        uow.commit()
        return digest, settings.digest_channel, key
