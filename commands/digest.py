"""The weekly digest: settings set from Slack, its content, and which run is due when."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from babel.dates import format_date
from sqlmodel import Session

from commands.alliances.advice import changed_advice
from commands.context import Invocation
from commands.digest_kpis import kpi_days, kpi_week, weekly_trend
from commands.grammar import refuse_pairs
from commands.replies import DigestSettingsView, FunnelLine, Reply, WeeklyDigest
from commands.scoring.ranking import ranking_rows
from commands.stage_spans import stage_spans
from commands.stalls.paged import count_stalled
from commands.targets import target_progress
from commands.tokens import ParseError, Token
from domain.clock import local_date, start_of_local_day
from domain.digest import GRACE, latest_run
from domain.errors import InvalidField
from domain.language import current_locale, tr
from domain.schedule import WeeklySchedule, clock_time, next_run, weekday
from storage import digest as queries
from storage.tables import WorkspaceSettings
from storage.workspace import claim_job_run, get_settings, settings_for_update

JOB = "weekly-digest"

RANKING_SIZE = 10
REACHED_SHOWN = 20


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


@dataclass(frozen=True)
class DigestCommand:
    action: str
    """"show", "set", "off", "on" or "now"."""
    channel_id: str | None = None
    channel_name: str | None = None
    day: str | None = None
    time: str | None = None


def parse_digest(tokens: list[Token]) -> DigestCommand:
    usage = "`/partner digest [#channel] [DAY HH:MM]`, `digest off`, `digest on` or `digest now`"
    refuse_pairs(tokens, usage)
    if not tokens:
        return DigestCommand("show")
    first = tokens[0].text.casefold()
    if len(tokens) == 1 and tokens[0].kind == "word" and first in ("off", "on", "now", "pause", "resume"):
        return DigestCommand({"pause": "off", "resume": "on"}.get(first, first))
    first_token = tokens[0]
    if first_token.kind == "word" and first_token.text.startswith("#") and len(first_token.text) > 1:
        name = first_token.text[1:]  # typed in the console; Slack sends channels as <#C…|name>
        first_token = Token(name, kind="channel", entity_id=name)
    channel = first_token if first_token.kind == "channel" else None
    rest = tokens[1:] if channel else tokens
    if len(rest) not in (0, 2):
        raise ParseError(tr("Give a day and a time together, e.g. `mon 09:00`. Usage: {usage}", usage=usage))
    day, at = (rest[0].text, rest[1].text) if rest else (None, None)
    return DigestCommand("set", channel.entity_id if channel else None, channel.text if channel else None, day, at)


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
            raise InvalidField(tr("Which channel? e.g. `/partner digest #partners mon 09:00`."))
        uow.commit()
        view = settings_view(row, invocation, changed=True)
    return Reply(view, public=True, check_membership=view.channel_id)


def digest_now(invocation: Invocation) -> Reply:
    invocation = invocation.for_channel()
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


def build_digest(session: Session, invocation: Invocation) -> WeeklyDigest:
    """The week that ends now: numbers, ranking, funnel, stalled partners, goals reached, KPI trend."""
    zone, end = invocation.timezone, invocation.now
    today = local_date(end, zone)
    first_day = today - timedelta(days=6)
    start = start_of_local_day(first_day, zone)
    registered, moves = queries.move_counts(session=session, team_id=invocation.team_id, start=start, end=end)
    feedback = queries.feedback_count(session=session, team_id=invocation.team_id, start=start, end=end)
    kpi_rows = kpi_days(session, invocation.team_id, today)
    this_week = kpi_week(kpi_rows, today + timedelta(days=1))
    week_before = kpi_week(kpi_rows, today - timedelta(days=6))
    goal = invocation.journey.stages[-1].key
    reached, reached_total = queries.reached_stage(
        session=session, team_id=invocation.team_id, stage=goal, start=start, end=end, limit=REACHED_SHOWN
    )
    locale = current_locale()
    title = f"{format_date(first_day, 'd MMM', locale=locale)} – {format_date(today, 'd MMM y', locale=locale)}"
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
        reached_goal_total=reached_total,
        trend=weekly_trend(kpi_rows, today),
        alliance_changes=changed_advice(session, invocation),
        targets=target_progress(session, invocation, None),
    )


PostDigest = Callable[[Session, WeeklyDigest, str, str], None]
"""(session, digest, channel, period key): enqueues the digest's Slack posts in the claim's transaction."""


def due_digest(invocation: Invocation, post: PostDigest) -> str:
    """Claims this workspace's due run and hands its digest to `post` in the same transaction, so the claim
    and the posts it owes commit together (and are never released and re-posted); says what it did, or why
    nothing is posted (not due, already handled, missed, not configured)."""
    with invocation.unit_of_work() as uow:
        settings = get_settings(session=uow.session, team_id=invocation.team_id)
        if settings is None or settings.digest_channel is None or settings.digest_paused:
            return "no digest channel, or paused"
        run = latest_run(schedule_of(settings), invocation.now, invocation.timezone)
        claim = claim_job_run(
            session=uow.session, team_id=invocation.team_id, job=JOB, period_key=run.key, now=invocation.now
        )
        if claim is None:
            return f"{run.key} already handled"
        if run.missed:
            claim.status, claim.finished_at = "skipped", invocation.now
            claim.detail = f"missed: due {run.due.isoformat()}, more than {GRACE} ago"
            uow.session.add(claim)
            uow.commit()
            return f"{run.key} missed by more than {GRACE} (the bot was down); skipped"
        digest = build_digest(uow.session, invocation)
        post(uow.session, digest, settings.digest_channel, run.key)
        claim.status, claim.finished_at, claim.detail = "queued", invocation.now, settings.digest_channel
        uow.session.add(claim)
        uow.commit()
        return f"{run.key} queued for {settings.digest_channel}"
