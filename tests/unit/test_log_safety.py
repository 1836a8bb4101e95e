"""A log line is one line: request content cannot start a new one, and tracebacks are set apart."""

from __future__ import annotations

import logging
import sys

from bot.log_safety import LOG_FORMAT, OneLineFormatter, WithoutRequestBodies


def record(message: str, *args: object, exc_info: bool = False) -> logging.LogRecord:
    return logging.LogRecord(
        "partnerbot.test", logging.ERROR, __file__, 1, message, args, sys.exc_info() if exc_info else None
    )


def test_line_breaks_and_control_characters_in_a_message_or_its_arguments_are_escaped() -> None:
    line = OneLineFormatter("%(message)s").format(
        record("partner %s said\r\n%s", "Acme\n2026-11-30 ERROR forged", "\x1b[2Kbell\x07 \u2028end")
    )
    assert line == "partner Acme\\n2026-11-30 ERROR forged said\\r\\n\\x1b[2Kbell\\x07 \\u2028end"


def test_tabs_and_letters_of_any_script_stay_as_they_are() -> None:
    assert OneLineFormatter("%(message)s").format(record("Ромашка\tŻabka")) == "Ромашка\tŻabka"


def test_every_traceback_line_is_indented_so_no_line_of_it_looks_like_a_log_line() -> None:
    try:
        raise ValueError("bad value\n2026-11-30 12:00:00 ERROR forged")
    except ValueError:
        text = OneLineFormatter(LOG_FORMAT).format(record("failed", exc_info=True))
    first, *rest = text.splitlines()
    assert first.endswith("ERROR partnerbot.test: failed")
    assert rest and all(line.startswith("    | ") for line in rest)


def test_bolts_messages_that_print_a_request_body_are_replaced_by_one_line() -> None:
    unhandled = record("Unhandled request ({'payload': 'secret body'})")
    WithoutRequestBodies().filter(unhandled)
    assert unhandled.getMessage() == "no listener for a Slack request; nothing ran"
    refused = record("Invalid request signature detected (signature: x, timestamp: 1, body: secret)")
    WithoutRequestBodies().filter(refused)
    assert refused.getMessage() == "refused a Slack request with an invalid signature"
