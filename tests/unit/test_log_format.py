"""The log formats: JSON is one object per line with the record's fields; text appends them as key=value;
both mask anything shaped like a Slack token."""

from __future__ import annotations

import json
import logging
import sys

from bot.log_format import JsonFormatter, TextFormatter, fields
from bot.log_safety import LOG_FORMAT
from bot.request_log import verb_of


def record(message: str, *args: object, exc_info: bool = False, **extra: object) -> logging.LogRecord:
    made = logging.LogRecord("partnerbot.test", logging.INFO, __file__, 1, message, args, None)
    if exc_info:
        made.exc_info = sys.exc_info()
    for key, value in extra.items():
        setattr(made, key, value)
    return made


def test_a_json_line_carries_the_fields_in_order_and_leaves_out_the_empty_ones() -> None:
    line = JsonFormatter().format(
        record("slack request", **fields(event="request", team="T1", user=None, verb="add", duration_ms=12.5))
    )
    data = json.loads(line)
    assert "\n" not in line and data["message"] == "slack request" and data["level"] == "INFO"
    assert [key for key in data if key not in ("time", "level", "logger", "message")] == [
        "event", "team", "verb", "duration_ms"
    ]  # fmt: skip


def test_a_traceback_stays_inside_its_json_object_and_tokens_are_masked_everywhere() -> None:
    try:
        raise RuntimeError("token xoxb-123-456-abc\nleaked")
    except RuntimeError:
        failure = record("failed with %s", "xapp-1-A1-secret", exc_info=True)
    line = JsonFormatter().format(failure)
    data = json.loads(line)
    assert line.count("\n") == 0 and "RuntimeError" in data["exception"]
    assert "xoxb-123" not in line and "xapp-1-A1" not in line and "xoxb-…" in data["exception"]


def test_the_text_format_appends_the_fields_as_key_value() -> None:
    line = TextFormatter(LOG_FORMAT).format(record("done", **fields(team="T1", outcome="refused: another org")))
    assert line.endswith('done team=T1 outcome="refused: another org"')


def test_only_the_verbs_own_name_is_logged_never_what_followed_it() -> None:
    assert verb_of("add Ромашка type=agency") == "add"
    assert verb_of("pomoc") == "help" and verb_of("") == "help"
    assert verb_of("Ромашка is great") == "unknown"
