"""A workspace uninstalling the app, coming back, or being purged: what the bot keeps and what it skips."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from storage import installs, purge
from storage.unit_of_work import UnitOfWork

UnitOfWorkFactory = Callable[[], UnitOfWork]


def record_uninstall(unit_of_work: UnitOfWorkFactory, *, team_id: str, reason: str, now: datetime) -> None:
    with unit_of_work() as uow:
        installs.set_installed(session=uow.session, team_id=team_id, installed=False, reason=reason, now=now)
        uow.commit()


def record_install(unit_of_work: UnitOfWorkFactory, *, team_id: str, now: datetime) -> None:
    """An install through "Add to Slack" (a first one or a reinstall): the workspace's data and jobs are back."""
    with unit_of_work() as uow:
        installs.set_installed(session=uow.session, team_id=team_id, installed=True, reason="oauth_install", now=now)
        uow.commit()


def record_seen(unit_of_work: UnitOfWorkFactory, *, team_id: str, now: datetime) -> bool:
    """Marks a workspace installed again after a signed request from it; True when it had been uninstalled."""
    with unit_of_work() as uow:
        if installs.is_installed(session=uow.session, team_id=team_id):
            return False
        installs.set_installed(session=uow.session, team_id=team_id, installed=True, reason="request", now=now)
        uow.commit()
    return True


def is_installed(unit_of_work: UnitOfWorkFactory, team_id: str) -> bool:
    with unit_of_work() as uow:
        return installs.is_installed(session=uow.session, team_id=team_id)


def team_rows(unit_of_work: UnitOfWorkFactory, team_id: str) -> dict[str, int]:
    with unit_of_work() as uow:
        return purge.count_team_rows(session=uow.session, team_id=team_id)


def purge_team(unit_of_work: UnitOfWorkFactory, team_id: str) -> dict[str, int]:
    """Every row of the workspace, in every table, in one transaction; the counts deleted per table."""
    with unit_of_work() as uow:
        deleted = purge.delete_team_rows(session=uow.session, team_id=team_id)
        uow.commit()
    return deleted
