"""A small stand-in for Slack's Web API on loopback: records every call and answers like Slack would."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs


@dataclass
class Call:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    raw: bytes = b""
    """The request body as sent; only kept for file uploads, whose bytes are not form data."""

    @property
    def method(self) -> str:
        return self.path.removeprefix("/api/")

    @property
    def token(self) -> str | None:
        """The token the call was made with (slack_sdk sends it as a bearer header)."""
        header = self.headers.get("Authorization") or self.headers.get("authorization") or ""
        return header.removeprefix("Bearer ") if header.startswith("Bearer ") else self.body.get("token")


Answer = tuple[int, dict[str, str], dict[str, Any]]
USERS_BY_EMAIL = {"anna@example.com": "U01ANNA", "piotr@example.pl": "U02PIOTR"}
"""The workspace's members as users.lookupByEmail sees them."""


def _default_answer(method: str, body: dict[str, Any]) -> dict[str, Any]:
    if method == "auth.test":
        return {
            "ok": True,
            "url": "https://test.slack.com/",
            "team": "Test",
            "user": "partnerbot",
            "team_id": "T1",
            "user_id": "UBOT",
            "bot_id": "B1",
        }
    if method == "users.info":
        user = str(body.get("user"))
        person = {"id": user, "name": user.lower(), "is_bot": False, "deleted": False, "profile": {}}
        return {"ok": True, "user": person}
    if method == "conversations.info":
        return {"ok": True, "channel": {"id": body.get("channel"), "is_member": True, "is_ext_shared": False}}
    if method in ("views.open", "views.publish", "views.push", "views.update"):
        return {"ok": True, "view": {"id": "V123", "type": "modal"}}
    if method == "conversations.open":
        return {"ok": True, "channel": {"id": "D" + str(body.get("users", "")).split(",")[0]}}
    if method == "users.lookupByEmail":
        user = USERS_BY_EMAIL.get(str(body.get("email", "")).casefold())
        return {"ok": True, "user": {"id": user}} if user else {"ok": False, "error": "users_not_found"}
    if method == "chat.postMessage":
        channel = str(body.get("channel"))
        if channel.startswith(("U", "W")):  # a message to a user goes to their DM with the app
            channel = "D" + channel[1:]
        return {"ok": True, "channel": channel, "ts": "1700000000.000100", "message": {}}
    if method == "files.completeUploadExternal":
        files = json.loads(body.get("files") or "[]")
        return {"ok": True, "files": [{"id": f.get("id"), "title": f.get("title", "")} for f in files]}
    return {"ok": True}


@dataclass
class FakeSlack:
    calls: list[Call] = field(default_factory=list)
    scripted: dict[str, list[Answer]] = field(default_factory=dict)
    scripted_for: list[tuple[str, dict[str, str], Answer]] = field(default_factory=list)
    """(path, arguments it must carry, answer): answered every time those arguments come, before `scripted`."""
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    """users.info answers by user id; anyone else is an active person."""
    shared_channels: set[str] = field(default_factory=set)
    """Channels conversations.info calls `is_ext_shared` (Slack Connect: shared with another organisation)."""
    uploads: int = 0
    grants: dict[str, dict[str, Any]] = field(default_factory=dict)
    """oauth.v2.access answers by code: what Slack returns once someone approved an install (see `approve`)."""
    token_teams: dict[str, str] = field(default_factory=dict)
    """Bot tokens handed out by `approve`, by the workspace they speak for (auth.test answers with it)."""
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Files people uploaded, by id: (name, bytes); files.info describes them and their url_private serves them."""
    _condition: threading.Condition = field(default_factory=threading.Condition)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.url}/response/{name}"

    def script(self, path: str, *answers: Answer) -> None:
        """Answers to give, in order, before falling back to the default (e.g. a 429 first)."""
        self.scripted.setdefault(path, []).extend(answers)

    def refuse(self, method: str, error: str = "not_in_channel", times: int = 1) -> None:
        """Answer the next `times` calls to `method` as Slack refuses one: HTTP 200 with `ok: false`."""
        answer: Answer = (200, {"Content-Type": "application/json"}, {"ok": False, "error": error})
        self.script(f"/api/{method}", *([answer] * times))

    def fail(self, method: str, status: int = 500, times: int = 1, retry_after: int | None = None) -> None:
        """The next `times` calls to `method` fail at the HTTP level: a 5xx, or a 429 with its Retry-After."""
        headers = {"Content-Type": "application/json"}
        if retry_after is not None:
            headers["Retry-After"] = str(retry_after)
        error = "ratelimited" if status == 429 else "internal_error"
        self.script(f"/api/{method}", *([(status, headers, {"ok": False, "error": error})] * times))

    def answer_when(self, method: str, arguments: dict[str, str], status: int, answer: dict[str, Any]) -> None:
        """Every call to `method` with these arguments gets this answer (e.g. a 500 for one user's DM)."""
        self.scripted_for.append((f"/api/{method}", arguments, (status, {"Content-Type": "application/json"}, answer)))

    def add_user(self, user_id: str, name: str, **fields: Any) -> None:
        """A user as users.info describes them, e.g. `is_bot=True` or `deleted=True`."""
        self.users[user_id] = {"id": user_id, "name": name.lower(), "real_name": name, "profile": {}, **fields}

    def approve(self, code: str, team_id: str, *, token: str, installer: str = "U0INSTALLER") -> None:
        """Someone in `team_id` approved the app on Slack's consent screen: `code` now buys `token`."""
        self.token_teams[token] = team_id
        self.grants[code] = {
            "ok": True,
            "app_id": "A1",
            "authed_user": {"id": installer},
            "scope": "commands,chat:write",
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": f"UBOT{team_id}",
            "team": {"id": team_id, "name": f"Team {team_id}"},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    def calls_to(self, method: str) -> list[Call]:
        with self._condition:
            return [call for call in self.calls if call.method == method]
    def add_file(self, file_id: str, name: str, content: bytes) -> None:
        """A file as a user uploaded it (e.g. into a form's file input), readable with the bot token."""
        self.files[file_id] = (name, content)

    def file_info(self, file_id: str) -> dict[str, Any]:
        """The file object as files.info returns it (the fields the app reads, in Slack's shape)."""
        name, content = self.files[file_id]
        url = f"{self.url}/files-pri/T1-{file_id}/download/{name}"
        return {
            "id": file_id,
            "name": name,
            "title": name,
            "mimetype": "application/x-yaml",
            "filetype": "yaml",
            "size": len(content),
            "url_private": f"{self.url}/files-pri/T1-{file_id}/{name}",
            "url_private_download": url,
        }

    def download(self, path: str, authorization: str | None) -> tuple[int, bytes]:
        """GET of a file's private URL: only with the bot token, as Slack answers it."""
        for file_id, (name, content) in self.files.items():
            if path in (f"/files-pri/T1-{file_id}/download/{name}", f"/files-pri/T1-{file_id}/{name}"):
                return (200, content) if authorization == "Bearer xoxb-test" else (302, b"")
        return 404, b""

    def uploaded(self) -> list[Call]:
        """The raw file uploads received at upload URLs (files_upload_v2's second step), in order."""
        with self._condition:
            return [call for call in self.calls if call.path.startswith("/upload/")]

    def record(self, call: Call) -> Answer:
        with self._condition:
            self.calls.append(call)
            self._condition.notify_all()
            for path, arguments, answer in self.scripted_for:
                if path == call.path and all(call.body.get(key) == value for key, value in arguments.items()):
                    return answer
            if call.method == "conversations.info" and call.body.get("channel") in self.shared_channels:
                channel = {"id": call.body["channel"], "is_member": True, "is_ext_shared": True, "is_shared": True}
                return 200, {"Content-Type": "application/json"}, {"ok": True, "channel": channel}
            if call.method == "files.info" and call.body.get("file") in self.files:
                described = {"ok": True, "file": self.file_info(call.body["file"])}
                return 200, {"Content-Type": "application/json"}, described
            if call.method == "users.info" and call.body.get("user") in self.users:
                return 200, {"Content-Type": "application/json"}, {"ok": True, "user": self.users[call.body["user"]]}
            queued = self.scripted.get(call.path)
            if queued:
                return queued.pop(0)
            if call.method == "oauth.v2.access":
                grant = self.grants.get(str(call.body.get("code")), {"ok": False, "error": "invalid_code"})
                return 200, {"Content-Type": "application/json"}, grant
            if call.method == "auth.test" and call.token in self.token_teams:
                team = self.token_teams[call.token or ""]
                answer = {**_default_answer("auth.test", call.body), "team_id": team, "user_id": f"UBOT{team}"}
                return 200, {"Content-Type": "application/json"}, answer | {"bot_id": f"B{team}"}
            if call.method == "files.getUploadURLExternal":
                self.uploads += 1  # numbered under the lock: concurrent uploads get distinct URLs
                ticket = {"ok": True, "upload_url": f"{self.url}/upload/{self.uploads}", "file_id": f"F{self.uploads}"}
                return 200, {"Content-Type": "application/json"}, ticket
        if call.path.startswith(("/response/", "/upload/")):
            return 200, {"Content-Type": "text/plain"}, {}
        return 200, {"Content-Type": "application/json"}, _default_answer(call.method, call.body)

    def wait_for(self, path: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """The calls to `path`, once at least `count` have arrived."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while len(matching := [c for c in self.calls if c.path == path]) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [c.path for c in self.calls]
                    raise AssertionError(f"expected {count} call(s) to {path}; got {seen}")
                self._condition.wait(remaining)
            return matching

    def paths(self) -> list[str]:
        with self._condition:
            return [call.path for call in self.calls]

    def start(self) -> FakeSlack:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self.record, self.download))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def _parse_body(content_type: str, raw: bytes) -> dict[str, Any]:
    text = raw.decode("utf-8")
    if "json" in content_type:
        return json.loads(text or "{}")
    parsed = {key: values[-1] for key, values in parse_qs(text).items()}
    for key in ("blocks", "view"):
        if isinstance(parsed.get(key), str):
            parsed[key] = json.loads(parsed[key])
    return parsed


def _handler_for(
    record: Callable[[Call], Answer], download: Callable[[str, str | None], tuple[int, bytes]]
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            record(Call(self.path, dict(self.headers.items()), {}))
            status, content = download(self.path, self.headers.get("Authorization"))
            self.send_response(status)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw, received = self.rfile.read(length), dict(self.headers.items())
            if self.path.startswith("/upload/"):  # a file's bytes, whatever Content-Type urllib put on them
                call = Call(self.path, received, {}, raw)
            else:
                call = Call(self.path, received, _parse_body(self.headers.get("Content-Type", ""), raw))
            status, headers, answer = record(call)
            if self.path.startswith("/upload/") and status == 200:
                payload = f"OK - {len(raw)}".encode()
            elif self.path.startswith("/response/") and status == 200:
                payload = b"ok"
            else:
                payload = json.dumps(answer).encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
