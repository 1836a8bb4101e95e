"""Log lines that request content cannot forge, and no request bodies in the log.

Anything from a request (a partner name, a header, an exception's message) may hold CR, LF or other
control characters; written as-is, it would start what looks like a new log line. The formatter
escapes them in the message and indents tracebacks, so every line that starts at the left margin
is one this process wrote. bolt's own messages about refused or unmatched requests print the
whole body; they are replaced by one line that says what happened.
"""

from __future__ import annotations

import logging

CONTROL_CHARACTERS = {
    code: f"\\x{code:02x}" for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if chr(code) != "\t"
} | {ord("\n"): "\\n", ord("\r"): "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"}
TRACEBACK_INDENT = "    | "
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
BOLT_BODY_MESSAGES = {
    "Invalid request signature detected": "refused a Slack request with an invalid signature",
    "Unhandled request": "no listener for a Slack request; nothing ran",
    "A global middleware": "a middleware neither passed a Slack request on nor answered it",
}


def escape_controls(text: str) -> str:
    return text.translate(CONTROL_CHARACTERS)


class OneLineFormatter(logging.Formatter):
    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = escape_controls(record.message)
        return super().formatMessage(record)

    def formatException(self, ei: logging._SysExcInfoType) -> str:
        return _indent(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return _indent(super().formatStack(stack_info))


def _indent(text: str) -> str:
    return "\n".join(TRACEBACK_INDENT + line for line in text.splitlines())


class WithoutRequestBodies(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        for start, summary in BOLT_BODY_MESSAGES.items():
            if isinstance(record.msg, str) and record.msg.startswith(start):
                record.msg, record.args = summary, None
        return True


def quiet_bolt(base_logger: logging.Logger) -> None:
    """Before the App is built: bolt copies its base logger's filters onto the loggers it derives."""
    for logger in (base_logger, logging.getLogger("slack_bolt.RequestVerification")):
        if not any(isinstance(existing, WithoutRequestBodies) for existing in logger.filters):
            logger.addFilter(WithoutRequestBodies())
