"""An ASGI app served by real uvicorn on a free loopback port, in a thread of its own: what every fake
server of an outside system (job boards, HH.ru, an LLM provider) runs on, so the project's real HTTP
clients talk to it."""

from __future__ import annotations

import socket
import threading
import time
from typing import Self

import uvicorn


class LoopbackServer:
    def __init__(self, app, *, name: str) -> None:
        self._app = app
        self._name = name
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None

    def start(self) -> None:
        if self._server is not None:
            raise RuntimeError(f"{self._name} already started")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))  # kept open and handed to uvicorn: no other process can take the port
        self._port = sock.getsockname()[1]
        # A reply held back to provoke a client's timeout must not hold up stop(): in-flight requests get a
        # second, then are cancelled.
        config = uvicorn.Config(self._app, interface="asgi3", log_level="warning", lifespan="off", access_log=False,
                                timeout_graceful_shutdown=1)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, name=self._name,
                                        daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"{self._name} did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = self._thread = None

    @property
    def base_url(self) -> str:
        """ "http://127.0.0.1:<port>", without a trailing slash."""
        if self._port is None:
            raise RuntimeError(f"{self._name} not started")
        return f"http://127.0.0.1:{self._port}"


class LoopbackFake:
    """The life cycle of a fake outside system served on a LoopbackServer (set as `self._server`): start()/stop()
    or a `with` block, and its base_url."""

    _server: LoopbackServer

    def start(self) -> Self:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """ "http://127.0.0.1:<port>", without a trailing slash."""
        return self._server.base_url
