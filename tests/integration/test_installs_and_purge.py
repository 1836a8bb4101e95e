"""Uninstalled workspaces are skipped by every job and kept until purged; purge deletes all of one team."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import select

from commands.context import Invocation
from commands.installs import is_installed, purge_team, record_seen, record_uninstall, team_rows
from commands.verbs import handle
from domain.scorecard import DEFAULT_SCORECARD
from storage import installs, purge, scoring, workspace
from storage.database import create_database_engine
from storage.migrate import upgrade
from storage.tables import Partner, StallAlert
from storage.unit_of_work import UnitOfWork
from tests.conftest import NOW, sqlite_url
from tests.integration.test_cli import partnerbot

MakeInvocation = Callable[..., Invocation]
EVERY_TABLE_POPULATED = {
    "partner", "stage_move", "feedback", "kpi_value", "scorecard_version", "score_submission", "score_request",
    "workspace_settings", "stage_threshold", "job_run", "stall_alert", "workspace_install",
}  # fmt: skip


def populate(engine: Engine, invocation: Invocation) -> None:
    """A row in every table for the invocation's team."""
    answers = " ".join(f"{key}=4" for key in DEFAULT_SCORECARD.keys)
    for line in (
        "add Acme owner=<@U1|anna>",
        "advance Acme onboarding",
        "feedback Acme csat=4 nps=9 \"fine\"",
        "kpi Acme leads=3 deals=1 revenue=5k",
        f"score Acme {answers}",
        "ask Acme <@U2|bob>",
        "digest <#C0DIGEST|partners> mon 09:00",
        "stalled set onboarding 45",
    ):
        reply = handle(line, invocation)
        assert getattr(reply.body, "tone", "") != "error", f"{line} → {reply.body}"
    team = invocation.team_id
    with UnitOfWork(engine) as uow:
        session = uow.session
        scoring.save_scorecard(session=session, team_id=team, scorecard=DEFAULT_SCORECARD, now=NOW, user="U1")
        assert workspace.claim_job_run(session=session, team_id=team, job="weekly-digest", period_key="w", now=NOW)
        [partner] = session.exec(select(Partner).where(Partner.team_id == team)).all()
        assert partner.id is not None
        session.add(StallAlert(team_id=team, partner_id=partner.id, stage="onboarding", episode_started_at=NOW))
        installs.set_installed(session=session, team_id=team, installed=False, reason="app_uninstalled", now=NOW)
        uow.commit()


def test_every_table_carries_team_id_so_purge_reaches_all_of_a_workspaces_data() -> None:
    assert purge.tables_without_team() == []


def test_purge_deletes_every_row_of_one_team_in_every_table_and_nothing_of_another(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    def unit_of_work() -> UnitOfWork:
        return UnitOfWork(engine)

    populate(engine, invocation_for(team_id="T1"))
    populate(engine, invocation_for(team_id="T2"))
    before = team_rows(unit_of_work, "T2")
    populated = {table for table, count in team_rows(unit_of_work, "T1").items() if count}
    assert populated >= EVERY_TABLE_POPULATED

    deleted = purge_team(unit_of_work, "T1")
    assert {table for table, count in deleted.items() if count} == populated
    assert not any(team_rows(unit_of_work, "T1").values())
    assert team_rows(unit_of_work, "T2") == before


def test_uninstalled_workspace_is_skipped_by_every_job_until_a_request_comes_from_it_again(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    def unit_of_work() -> UnitOfWork:
        return UnitOfWork(engine)

    for team in ("T1", "T2"):
        invocation = invocation_for(team_id=team, now=NOW - timedelta(days=5))
        for line in ("add Acme", "ask Acme <@U2|bob>", "digest <#C0DIGEST|partners> mon 09:00"):
            handle(line, invocation)

    def scheduled() -> tuple[list[str], list[str], list[str]]:
        with UnitOfWork(engine) as uow:
            session = uow.session
            digests = sorted(row.team_id for row in workspace.digest_workspaces(session=session))
            alerts = sorted(row.team_id for row in workspace.alert_workspaces(session=session))
            reminders = sorted(row.team_id for row, _ in scoring.due_reminders(session=session, asked_before=NOW))
        return digests, alerts, reminders

    assert scheduled() == (["T1", "T2"], ["T1", "T2"], ["T1", "T2"])
    record_uninstall(unit_of_work, team_id="T1", reason="app_uninstalled", now=NOW)
    record_uninstall(unit_of_work, team_id="T1", reason="tokens_revoked", now=NOW)  # Slack may send both
    assert not is_installed(unit_of_work, "T1") and is_installed(unit_of_work, "T2")
    assert scheduled() == (["T2"], ["T2"], ["T2"])
    assert team_rows(unit_of_work, "T1")["partner"] == 1  # kept until purged

    assert record_seen(unit_of_work, team_id="T1", now=NOW) is True
    assert record_seen(unit_of_work, team_id="T1", now=NOW) is False
    assert scheduled() == (["T1", "T2"], ["T1", "T2"], ["T1", "T2"])


def test_purge_command_asks_for_the_team_id_and_deletes_only_when_it_is_typed(tmp_path: Path) -> None:
    database = tmp_path / "partnerbot-test.db"
    engine = create_database_engine(sqlite_url(tmp_path))
    upgrade(engine)
    for team in ("T1", "T2"):
        handle("add Acme", Invocation(team, "U1", NOW, ZoneInfo("UTC"), lambda: UnitOfWork(engine)))
    engine.dispose()

    refused = partnerbot("purge", "--team", "T1", database=database, stdin="T2\n")
    assert refused.returncode == 1, refused.stderr
    assert (
        "Team T1 has 7 row(s): audit_entry 1, newest_day_tally 1, partner 1, partner_quarter 1, quarter_tally 1,"
        " stage_move 1, stage_tally 1."
    ) in refused.stdout
    assert "still in use" in refused.stdout and "nothing was deleted" in refused.stdout

    confirmed = partnerbot("purge", "--team", "T1", database=database, stdin="T1\n")
    assert confirmed.returncode == 0, confirmed.stderr
    assert (
        "Deleted 7 row(s) of team T1: audit_entry 1, newest_day_tally 1, partner 1, partner_quarter 1, quarter_tally 1,"
        " stage_move 1, stage_tally 1."
    ) in confirmed.stdout
    assert "no rows; nothing to delete" in partnerbot("purge", "--team", "T1", "--yes", database=database).stdout
    scripted = partnerbot("purge", "--team", "T2", "--yes", database=database)
    assert scripted.returncode == 0 and "Deleted 7 row(s) of team T2" in scripted.stdout
