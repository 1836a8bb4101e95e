"""Opening the database for a command-line verb: connect, migrate, keep figures in the deployment's time zone,
and bound the waits when serving."""

from __future__ import annotations

from dataclasses import replace

from bot.services import Services
from bot.settings import Settings
from storage.database import create_database_engine
from storage.migrate import upgrade
from storage.retention import ensure_zone
from storage.unit_of_work import UnitOfWork


def open_services(settings: Settings, *, serving: bool = False) -> Services:
    """Connects and migrates: every entry point runs against an up-to-date schema, with retention's kept
    quarters and days counted in the deployment's time zone (rebuilt here, once, when `PARTNERBOT_TIMEZONE`
    changed, rather than in the first `/partner retention` after it).

    A serving process (`run`, `serve`) bounds every wait for the database, so Slack gets an answer
    in time; migrations and the offline tools may run long statements and are not bounded.
    """
    migrating = replace(settings.database_timeouts, statement=None) if serving else None
    engine = create_database_engine(settings.database_url, timeouts=migrating)
    upgrade(engine)
    with UnitOfWork(engine) as uow:
        if ensure_zone(session=uow.session, zone=settings.timezone):
            uow.commit()
    if not serving:
        return Services(settings=settings, engine=engine)
    engine.dispose()
    bounded = create_database_engine(settings.database_url, timeouts=settings.database_timeouts)
    return Services(settings=settings, engine=bounded)
