"""Slack's Socket Mode end on loopback: a minimal WebSocket server that sends envelopes and records the acks."""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import threading
from dataclasses import dataclass, field
from typing import Any

HANDSHAKE_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


@dataclass
class FakeSocketMode:
    received: list[dict[str, Any]] = field(default_factory=list)
    connected: threading.Event = field(default_factory=threading.Event)
    _listener: socket.socket = field(default_factory=socket.socket)
    _client: socket.socket | None = None
    _condition: threading.Condition = field(default_factory=threading.Condition)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self._listener.getsockname()[1]}/link"

    def start(self) -> FakeSocketMode:
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(4)
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self) -> None:
        self._listener.close()
        if self._client is not None:
            self._client.close()

    def send(self, message: dict[str, Any]) -> None:
        assert self._client is not None
        self._client.sendall(_frame(0x1, json.dumps(message).encode()))

    def wait_for_ack(self, envelope_id: str, timeout: float = 10) -> None:
        with self._condition:
            if not self._condition.wait_for(
                lambda: any(m.get("envelope_id") == envelope_id for m in self.received), timeout
            ):
                raise AssertionError(f"no ack for {envelope_id}; got {self.received}")

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            request = b""
            while b"\r\n\r\n" not in request:
                request += client.recv(4096)
            key = next(
                line.split(":", 1)[1].strip()
                for line in request.decode().split("\r\n")
                if line.lower().startswith("sec-websocket-key:")
            )
            accept = base64.b64encode(hashlib.sha1((key + HANDSHAKE_GUID).encode()).digest()).decode()
            client.sendall(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept}\r\n\r\n".encode()
            )
            self._client = client
            client.sendall(_frame(0x1, json.dumps({"type": "hello", "num_connections": 1}).encode()))
            self.connected.set()
            threading.Thread(target=self._read, args=(client,), daemon=True).start()

    def _read(self, client: socket.socket) -> None:
        stream = client.makefile("rb")
        try:
            while header := stream.read(2):
                opcode, length = header[0] & 0x0F, header[1] & 0x7F
                if length == 126:
                    length = struct.unpack(">H", stream.read(2))[0]
                elif length == 127:
                    length = struct.unpack(">Q", stream.read(8))[0]
                mask = stream.read(4) if header[1] & 0x80 else b"\0\0\0\0"
                payload = bytes(byte ^ mask[i % 4] for i, byte in enumerate(stream.read(length)))
                if opcode == 0x9:
                    client.sendall(_frame(0xA, payload))
                elif opcode == 0x1:
                    with self._condition:
                        self.received.append(json.loads(payload))
                        self._condition.notify_all()
                elif opcode == 0x8:
                    return
        except (OSError, ValueError):
            return


def _frame(opcode: int, payload: bytes) -> bytes:
    length = len(payload)
    if length < 126:
        head = struct.pack(">BB", 0x80 | opcode, length)
    elif length < 65536:
        head = struct.pack(">BBH", 0x80 | opcode, 126, length)
    else:
        head = struct.pack(">BBQ", 0x80 | opcode, 127, length)
    return head + payload
