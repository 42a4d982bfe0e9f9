"""A fake job board for the web-layer tests: a real HTTP/1.1 server on 127.0.0.1, port 0.

It stands in for what lies outside the machine (a board's API, a career page) so that the real
client code (httpx, retries, gates, robots, SSRF guard) runs against real sockets. It records
every connection and request, and how many requests were in flight at once, so tests can prove
politeness and "no connection was made" without looking at the clock.

This module holds no tests; the name only keeps it inside the paths the web layer owns.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Request:
    method: str
    target: str  # path and query, as sent
    headers: dict[str, str]  # lower-case names

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    @property
    def query(self) -> str:
        return self.target.split("?", 1)[1] if "?" in self.target else ""


@dataclass(slots=True)
class Response:
    status: int = 200
    body: bytes | Callable[[], AsyncIterator[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes

    @classmethod
    def json(cls, text: str, status: int = 200, **headers: str) -> Response:
        return cls(status, text.encode(), {"Content-Type": "application/json", **headers})

    @classmethod
    def html(cls, text: str, status: int = 200, **headers: str) -> Response:
        return cls(status, text.encode(), {"Content-Type": "text/html; charset=utf-8", **headers})


Handler = Callable[[Request], Awaitable[Response] | Response]

_REASONS = {
    200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 307: "Temporary Redirect",
    400: "Bad Request", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests",
    500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
}  # fmt: skip


class LoopbackBoard:
    """Serve `routes` (path -> handler) on 127.0.0.1; unknown paths answer 404."""

    def __init__(self, routes: dict[str, Handler] | None = None, *, handling_delay_s: float = 0.0) -> None:
        self.routes: dict[str, Handler] = dict(routes or {})
        # A short pause while "handling" widens the window in which a second request could overlap,
        # so the in-flight counter would catch a client that does not serialise per host.
        self.handling_delay_s = handling_delay_s
        self.requests: list[Request] = []
        self.connections = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._server: asyncio.Server | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def count(self, path: str) -> int:
        return sum(1 for request in self.requests if request.path == path)

    async def __aenter__(self) -> LoopbackBoard:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._server is not None
        self._server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._server.wait_closed(), 2)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                request_line, *header_lines = head.decode("latin-1").split("\r\n")
                method, target, _version = request_line.split(" ", 2)
                headers = {}
                for line in header_lines:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                request = Request(method, target, headers)
                self.requests.append(request)
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
                try:
                    if self.handling_delay_s:
                        await asyncio.sleep(self.handling_delay_s)
                    keep_open = await self._respond(request, writer)
                finally:
                    self.in_flight -= 1
                if not keep_open:
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass  # the client went away, or the test ended while a handler was still waiting
        finally:
            with contextlib.suppress(Exception):
                writer.close()
                await writer.wait_closed()

    async def _respond(self, request: Request, writer: asyncio.StreamWriter) -> bool:
        handler = self.routes.get(request.path)
        if handler is None:
            response = Response(404, b"not found", {"Content-Type": "text/plain"})
        else:
            produced = handler(request)
            response = await produced if asyncio.iscoroutine(produced) else produced  # type: ignore[assignment]
        headers = dict(response.headers)
        streamed = callable(response.body)
        if response.send_length and not streamed:
            headers["Content-Length"] = str(len(response.body))  # type: ignore[arg-type]
        keep_open = response.send_length and not streamed
        headers["Connection"] = "keep-alive" if keep_open else "close"
        head = f"HTTP/1.1 {response.status} {_REASONS.get(response.status, 'Status')}\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
        writer.write(head.encode("latin-1"))
        if streamed:
            async for chunk in response.body():  # type: ignore[operator]
                writer.write(chunk)
                await writer.drain()
        elif response.status != 304:
            writer.write(response.body)  # type: ignore[arg-type]
        await writer.drain()
        return keep_open


def scripted(*responses: Response) -> Handler:
    """A handler answering with `responses` in turn, then repeating the last one."""
    queue = list(responses)

    def handle(_request: Request) -> Response:
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return handle
