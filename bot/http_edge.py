"""What a request must pass before bolt sees it: a size cap, a valid signature, a readable body.

Refusals are answered here and run nothing: 413 for a body over the cap (decided from
Content-Length, before the body is read), 401 for a missing or wrong signature (as bolt would),
400 for anything malformed. Only the reason, the size and the remote address are logged, never the body.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from typing import Any

from slack_sdk.signature import SignatureVerifier

from bot.form_seal import FormSeal
from bot.slack_payloads import payload_problem

logger = logging.getLogger("partnerbot.http")

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
STATUS = {400: "400 Bad Request", 401: "401 Unauthorized", 413: "413 Content Too Large"}


class Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class SlackEdge:
    def __init__(
        self, slack: WsgiApp, *, signing_secret: str | None, max_body_bytes: int, seal: FormSeal | None = None
    ) -> None:
        self._slack = slack
        self._seal = seal
        self._verifier = SignatureVerifier(signing_secret) if signing_secret else None
        self._max_body_bytes = max_body_bytes

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        size = 0
        try:
            size = self._declared_size(environ)
            raw = self._read(environ, size)
            size = len(raw)
            self._check(raw, environ)
        except Refused as refused:
            logger.warning(
                "refused a request with %s: %s (%d bytes from %s)",
                refused.status,
                refused.reason,
                size,
                environ.get("REMOTE_ADDR", "?"),
            )
            start_response(STATUS[refused.status], [("Content-Type", "text/plain; charset=utf-8")])
            return [f"{refused.reason}\n".encode()]
        passed = {**environ, "wsgi.input": io.BytesIO(raw), "CONTENT_LENGTH": str(len(raw))}
        return self._slack(passed, start_response)

    def _declared_size(self, environ: dict[str, Any]) -> int:
        declared = (environ.get("CONTENT_LENGTH") or "").strip()
        if not declared:
            return 0
        if not declared.isdigit():
            raise Refused(400, "Content-Length is not a number")
        size = int(declared)
        if size > self._max_body_bytes:
            raise Refused(413, f"body larger than {self._max_body_bytes} bytes")
        return size

    def _read(self, environ: dict[str, Any], size: int) -> bytes:
        stream = environ.get("wsgi.input")
        if stream is None:
            return b""
        if size:
            return bytes(stream.read(size))
        if not environ.get("wsgi.input_terminated"):
            return b""  # no length and no end marker: reading could block, and Slack always sends a length
        raw = bytes(stream.read(self._max_body_bytes + 1))
        if len(raw) > self._max_body_bytes:
            raise Refused(413, f"body larger than {self._max_body_bytes} bytes")
        return raw

    def _check(self, raw: bytes, environ: dict[str, Any]) -> None:
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "body is not UTF-8") from None
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
        signature = environ.get("HTTP_X_SLACK_SIGNATURE")
        if self._verifier is not None:
            if not timestamp or not signature:
                raise Refused(401, "no signature")
            if not timestamp.strip().isdigit():
                raise Refused(400, "X-Slack-Request-Timestamp is not a number")
            if not self._verifier.is_valid(body=body, timestamp=timestamp.strip(), signature=signature):
                raise Refused(401, "invalid or expired signature")
        problem = payload_problem(body, environ.get("CONTENT_TYPE") or "", seal=self._seal)
        if problem:
            raise Refused(400, problem)
