"""Block Kit for stalled partners: the list, the reasons, single alerts and their forms (alerts), and the
daily summary (summary)."""

from bot.views.stalls import summary as _summary  # noqa: F401  (registers the summary's builder)
from bot.views.stalls.alerts import (
    ADVANCE_ACTION,
    ADVANCE_CALLBACK,
    OPEN_ACTION,
    SNOOZE_ACTION,
    SNOOZE_CALLBACK,
    alert_from_metadata,
    build_advance_modal,
    build_snooze_modal,
    read_alert_message,
    stall_line,
)
from bot.views.stalls.summary import MENU_ACTION, MORE_ACTION

__all__ = [
    "ADVANCE_ACTION",
    "ADVANCE_CALLBACK",
    "MENU_ACTION",
    "MORE_ACTION",
    "OPEN_ACTION",
    "SNOOZE_ACTION",
    "SNOOZE_CALLBACK",
    "alert_from_metadata",
    "build_advance_modal",
    "build_snooze_modal",
    "read_alert_message",
    "stall_line",
]
