"""The `prune` job: deletes sent or failed outbox steps and finished command inbox entries older than the
retention (PARTNERBOT_RETENTION_DAYS, 14 by default), so neither table grows without end; and the OAuth states of
installs started and never finished, once expired.

Each batch is its own short transaction (BATCH rows at most), so a big backlog never holds a long lock on
tables the sender and every command write to; a batch that fails leaves the next run to finish the work.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.services import Services
from bot.workspace_clients import WorkspaceClients
from storage.pruning import prune_inbox_batch, prune_oauth_states_batch, prune_outbox_batch

BATCH = 1000
MAX_BATCHES = 1000
"""At most a million rows a run per table; the next run goes on."""

def prune_old_rows(services: Services, clients: WorkspaceClients, now: datetime) -> str:
    days = services.settings.retention_days
    before = now - timedelta(days=days)
    steps = in_batches(services, prune_outbox_batch, before)
    commands = in_batches(services, prune_inbox_batch, before)
    links = in_batches(services, prune_oauth_states_batch, now)
    report = f"prune: {steps} outbox steps and {commands} inbox commands older than {days} days deleted"
    return report + (f"; {links} expired install link(s)" if links else "")


def in_batches(services: Services, prune_batch: Callable[..., int], before: datetime) -> int:
    deleted = 0
    for _ in range(MAX_BATCHES):
        with services.unit_of_work() as uow:
            session: Session = uow.session
            count = prune_batch(session=session, before=before, limit=BATCH)
            uow.commit()
        deleted += count
        if count < BATCH:
            break
    return deleted
