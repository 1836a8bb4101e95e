"""A database host that accepts connections and never answers, and can be switched to forward to a real one."""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field


@dataclass
class BlackHole:
    """Listens on loopback. Black-holed (the start): every connection is held open and never answered.
    `forward_to(host, port)`: new connections are piped to that server, as if the database came back.
    `freeze()`: the server hangs: nothing more is passed on, on open connections or new ones."""

    target: tuple[str, int] | None = None
    _listener: socket.socket = field(default_factory=socket.socket)
    _held: list[socket.socket] = field(default_factory=list)
    _closed: threading.Event = field(default_factory=threading.Event)
    _frozen: threading.Event = field(default_factory=threading.Event)

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def start(self) -> BlackHole:
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def forward_to(self, host: str, port: int) -> None:
        self.target = (host, port)
        self._frozen.clear()

    def freeze(self) -> None:
        self._frozen.set()

    def stop(self) -> None:
        self._closed.set()
        self._listener.close()
        for connection in self._held:
            connection.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._held.append(client)
            if self.target is not None and not self._frozen.is_set():
                upstream = socket.create_connection(self.target)
                self._held.append(upstream)
                for source, sink in ((client, upstream), (upstream, client)):
                    threading.Thread(target=_pipe, args=(source, sink, self._frozen), daemon=True).start()


def _pipe(source: socket.socket, sink: socket.socket, frozen: threading.Event) -> None:
    try:
        while data := source.recv(65536):
            if not frozen.is_set():
                sink.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
