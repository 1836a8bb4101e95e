"""Recording a `/partner` command in the inbox before its ack, and who holds an entry.

Which process holds an entry is `host:pid:nonce`, so a restarted process on the same host knows at once
that the one before it is gone, while another host's entries wait for their lease.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.services import Services
from storage import inbox as entries

LEASE = timedelta(minutes=5)
ACK_WAIT_SECONDS = 0.8
"""How long the ack waits for the command to be recorded; Slack wants the ack within 3 s."""


@dataclass(frozen=True)
class Owner:
    host: str
    pid: int
    nonce: str

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}:{self.nonce}"


THIS_PROCESS = Owner(socket.gethostname()[:120], os.getpid(), uuid.uuid4().hex[:12])


def is_gone(owner: str, *, me: Owner = THIS_PROCESS) -> bool:
    """True when `owner` is certainly dead: an earlier process on this host (its pid gone, or reused by us)."""
    parts = owner.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or parts[0] != me.host:
        return False
    pid, nonce = int(parts[1]), parts[2]
    if pid == me.pid:
        return nonce != me.nonce
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@dataclass(frozen=True)
class Entry:
    """What is needed to run a recorded command and answer it."""

    id: int
    team_id: str
    user_id: str
    channel_id: str | None
    text: str
    response_url: str | None


class Recording:
    """An entry being written while the ack waits a moment for it; the lazy listener waits until it is done."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self.entry: Entry | None = None
        self.error: Exception | None = None
        self.answered_at_ack = False

    def __deepcopy__(self, memo: dict[int, Any]) -> Recording:
        # bolt deep-copies the context for the lazy listener, which must see the same recording
        return self

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def write(self, services: Services, fields: dict[str, Any]) -> None:
        try:
            with services.unit_of_work() as uow:
                entry_id = entries.record_command(
                    session=uow.session, now=services.clock(), owner=str(THIS_PROCESS), lease=LEASE, **fields
                )
                uow.commit()
            self.entry = Entry(entry_id, **{key: fields[key] for key in Entry.__dataclass_fields__ if key != "id"})
        except Exception as error:
            self.error = error
        finally:
            self._done.set()


def start_recording(services: Services, **fields: Any) -> Recording:
    """Writes the entry in a short-lived thread, so a database that does not answer cannot hold up the ack."""
    recording = Recording()
    threading.Thread(target=recording.write, args=(services, fields), name="inbox-record", daemon=True).start()
    return recording
