"""Log lines for machines or people: one JSON object per line (`--log-format json`) or one text line
(`text`, the default), each with the same fields.

A line about a request or a job step carries its fields as `extra={"fields": {...}}` (see `fields_of`):
workspace, user, command verb or action id, outcome, duration in ms. No line carries a token (anything shaped
like one is masked, in messages and tracebacks alike) or a message's text at INFO: the verb of a command is
logged, never the rest of what was typed.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any, Literal

from bot.log_safety import LOG_FORMAT, OneLineFormatter

LogFormat = Literal["text", "json"]
LOG_FORMATS: tuple[LogFormat, ...] = ("text", "json")
TOKEN = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")
MASK = r"\1-…"
OUTCOME = "log_outcome"
"""The context key where a middleware that answers a request itself says why (bot/request_log.py logs it)."""
FIELD_ORDER = ("event", "team", "user", "kind", "verb", "action", "job", "step", "outcome", "status", "duration_ms")


def mask_tokens(text: str) -> str:
    return TOKEN.sub(MASK, text)


def fields_of(record: logging.LogRecord) -> dict[str, Any]:
    fields = getattr(record, "fields", None)
    if not isinstance(fields, dict):
        return {}
    ordered = {key: fields[key] for key in FIELD_ORDER if fields.get(key) is not None}
    return ordered | {key: value for key, value in fields.items() if key not in ordered and value is not None}


class TextFormatter(OneLineFormatter):
    """The one-line text format, with the record's fields as `key=value` after the message."""

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = " ".join(f"{key}={_text_value(value)}" for key, value in fields_of(record).items())
        head, _, rest = line.partition("\n")
        return mask_tokens(f"{head} {fields}" if fields else head) + (f"\n{mask_tokens(rest)}" if rest else "")


def _text_value(value: object) -> str:
    text = str(value)
    return json.dumps(text, ensure_ascii=False) if not text or any(c.isspace() or c in "\"=" for c in text) else text


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, the fields, and a traceback when there is
    one (inside the object: JSON escapes its line breaks, so a record stays one line)."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_tokens(record.getMessage()),
            **fields_of(record),
        }
        if record.exc_info:
            data["exception"] = mask_tokens(self.formatException(record.exc_info))
        if record.stack_info:
            data["stack"] = mask_tokens(self.formatStack(record.stack_info))
        return json.dumps(data, ensure_ascii=False, default=str)


def formatter_for(log_format: LogFormat) -> logging.Formatter:
    return JsonFormatter() if log_format == "json" else TextFormatter(LOG_FORMAT)


def configure_logging(level: int, log_format: LogFormat = "text") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(formatter_for(log_format))
    logging.basicConfig(level=level, handlers=[handler], force=True)


def fields(**values: object) -> dict[str, Any]:
    """`extra=` for a log call: the line's structured fields (None values are left out)."""
    return {"fields": values}


def milliseconds_since(started: float, now: float) -> float:
    return round((now - started) * 1000, 1)
