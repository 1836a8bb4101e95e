"""The HTTP edge: a body over the cap is refused with 413 before it is read, anything malformed gets 400
(never 500) and runs nothing, and refused bodies never reach the log."""

from __future__ import annotations

import io
import json
import logging
import socket
import time
from typing import Any
from urllib.parse import urlencode, urlparse

import pytest
from slack_sdk.signature import SignatureVerifier
from sqlmodel import Session, select

from bot.http_edge import SlackEdge
from storage.tables import Partner
from tests.e2e.conftest import SIGNING_SECRET, Slack

TWENTY_MB = 20 * 1024 * 1024
MARKER = "FORGED-LOG-LINE"
FORM = "application/x-www-form-urlencoded"


def raw_exchange(slack: Slack, head: str, body_chunks: list[bytes]) -> str:
    """Sends a request byte by byte as a client would, stopping when the server stops listening; its answer."""
    address = urlparse(slack.app_url)
    with socket.create_connection((address.hostname or "", address.port or 80), timeout=10) as connection:
        connection.sendall(head.encode())
        try:
            for chunk in body_chunks:
                connection.sendall(chunk)
        except OSError:
            pass  # the server answered and closed without reading the rest
        answer = b""
        try:
            while data := connection.recv(65536):
                answer += data
        except OSError:
            pass
    return answer.decode("latin-1")


def head_for(slack: Slack, headers: dict[str, str]) -> str:
    host = urlparse(slack.app_url).netloc
    lines = ["POST /slack/events HTTP/1.1", f"Host: {host}", *(f"{name}: {value}" for name, value in headers.items())]
    return "\r\n".join(lines) + "\r\n\r\n"


def logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def assert_nothing_ran(slack: Slack) -> None:
    time.sleep(0.3)
    assert [path for path in slack.fake.paths() if path != "/api/auth.test"] == []
    with Session(slack.engine) as session:
        assert session.exec(select(Partner)).all() == []


def test_a_20_mb_body_is_refused_with_413_before_it_is_read_and_nothing_is_logged_of_it(
    slack: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    head = head_for(slack, {"Content-Type": "application/json", "Content-Length": str(TWENTY_MB)} | Slack.sign(""))
    started = time.monotonic()
    answer = raw_exchange(slack, head, [MARKER.encode() * 1000])  # 15 KB of the promised 20 MB, then wait
    assert answer.startswith("HTTP/1.1 413") and time.monotonic() - started < 2
    assert MARKER not in logged(caplog) and len(logged(caplog)) < 2000
    assert_nothing_ran(slack)


def test_a_chunked_body_over_the_cap_is_cut_off_with_413(slack: Slack, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    head = head_for(slack, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"} | Slack.sign(""))
    chunk = MARKER.encode() * 4000  # 60 KB
    chunks = [f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"] * 340  # 20 MB in all
    answer = raw_exchange(slack, head, chunks)
    assert answer.startswith("HTTP/1.1 413")
    assert MARKER not in logged(caplog) and len(logged(caplog)) < 2000
    assert_nothing_ran(slack)


class Unreadable(io.RawIOBase):
    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the body was read")


def test_the_edge_decides_413_from_content_length_without_reading_the_body() -> None:
    """Behind any WSGI server, not only waitress (which refuses such a body itself)."""
    edge = SlackEdge(lambda environ, start: [b"ran"], signing_secret=SIGNING_SECRET, max_body_bytes=1024 * 1024)
    statuses: list[str] = []
    environ = {"CONTENT_LENGTH": str(TWENTY_MB), "wsgi.input": Unreadable(), "REMOTE_ADDR": "10.0.0.1"}
    assert list(edge(environ, lambda status, headers: statuses.append(status))) != [b"ran"]
    assert statuses == ["413 Content Too Large"]


def signed_interaction(payload: Any) -> str:
    return urlencode({"payload": payload if isinstance(payload, str) else json.dumps(payload)})


BLOCK_ACTIONS = {"type": "block_actions", "team": {"id": "T1"}, "user": {"id": "U01ANNA"}, "api_app_id": "A1"}
VIEW = {"id": "V1", "type": "modal", "callback_id": "partner_registration", "state": {"values": {}}}
MALFORMED = {
    "JSON body that is not JSON": ('{"type": "event_callback", "event": ', "application/json"),
    "JSON body that is not an object": ("[1, 2]", "application/json"),
    "event_callback without an event": ('{"type": "event_callback", "team_id": "T1"}', "application/json"),
    "interaction payload that is not JSON": (signed_interaction("{not json"), FORM),
    "interaction payload without a type": (signed_interaction({"user": {"id": "U1"}}), FORM),
    "block_actions with no actions": (
        signed_interaction({**BLOCK_ACTIONS, "actions": []}),
        FORM,
    ),
    "block_actions without an actions list": (signed_interaction(BLOCK_ACTIONS), FORM),
    "view_submission with unparsable private_metadata": (
        signed_interaction(
            {**BLOCK_ACTIONS, "type": "view_submission", "view": {**VIEW, "private_metadata": '{"partner": '}}
        ),
        FORM,
    ),
    "view_submission without a view": (
        signed_interaction({**BLOCK_ACTIONS, "type": "view_submission"}),
        FORM,
    ),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_each_malformed_signed_payload_gets_400_and_runs_nothing(slack: Slack, case: str) -> None:
    body, content_type = MALFORMED[case]
    answer = slack.post(body, content_type)
    assert answer.status == 400, answer.body
    assert_nothing_ran(slack)


@pytest.mark.parametrize("case", ["JSON body that is not JSON", "block_actions with no actions"])
def test_a_malformed_payload_without_a_valid_signature_gets_401(slack: Slack, case: str) -> None:
    body, content_type = MALFORMED[case]
    headers = Slack.sign(body)
    headers["X-Slack-Signature"] = "v0=" + "0" * 64
    assert slack.post(body, content_type, headers=headers).status == 401
    assert_nothing_ran(slack)


def test_a_non_numeric_request_timestamp_gets_400(slack: Slack) -> None:
    body = urlencode({"command": "/partner", "text": "add Acme", "user_id": "U1", "team_id": "T1"})
    signature = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp="soon", body=body) or ""
    headers = {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": signature}
    assert slack.post(body, FORM, headers=headers).status == 400
    assert_nothing_ran(slack)


def test_a_body_that_is_not_utf8_gets_400(slack: Slack) -> None:
    body = b"payload=\xff\xfe"
    stamp = str(int(time.time()))
    digest = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=stamp, body=body.decode("latin-1"))
    head = head_for(
        slack,
        {
            "Content-Type": FORM,
            "Content-Length": str(len(body)),
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": digest or "",
            "Connection": "close",
        },
    )
    assert raw_exchange(slack, head, [body]).startswith("HTTP/1.1 400")
    assert_nothing_ran(slack)


def test_refused_and_unmatched_requests_are_logged_as_one_line_without_their_body(
    slack: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    forged = f"\n2026-11-30 12:00:00,000 ERROR partnerbot: {MARKER}"
    unmatched = signed_interaction(
        {**BLOCK_ACTIONS, "actions": [{"action_id": "nobody_listens", "value": forged, "type": "button"}]}
    )
    assert slack.post(unmatched, FORM).status == 404
    headers = Slack.sign(unmatched)
    headers["X-Slack-Signature"] = "v0=" + "0" * 64
    assert slack.post(unmatched, FORM, headers=headers).status == 401
    assert MARKER not in logged(caplog)
    assert "no listener for a Slack request; nothing ran" in logged(caplog)
    assert "refused a request with 401: invalid or expired signature" in logged(caplog)
