"""A fake job board served over real HTTP on 127.0.0.1, so the real client code runs against it.

Tests register canned responses per path (optionally per query parameters) and afterwards read
the requests the board received. The server runs uvicorn in a background thread on a free port,
so it works the same from synchronous and asynchronous tests.

    with FakeBoard() as board:
        board.add_json("/v1/boards/acme/jobs", {"jobs": []})
        board.add_json("/api", {"error": "slow down"}, status=429, headers={"Retry-After": "1"})
        board.add_json("/api", [{"id": 1}])   # queued: served after the 429
        ... point the code under test at board.base_url ...
        assert board.requests_to("/api")[0].headers["user-agent"].startswith("JobMate")

Responses registered for the same (path, query) are served in order; the last one keeps being
served. A request that matches nothing gets a 404 with a JSON error body.
"""

from __future__ import annotations

import asyncio
import json as jsonlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from tests.fakes.server import LoopbackFake, LoopbackServer


@dataclass(frozen=True, slots=True)
class CannedResponse:
    """One response the board will send."""

    body: bytes
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    content_type: str = "application/json"
    delay_s: float = 0.0  # hold the response back this long (to provoke client timeouts)


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """A request the board received."""

    method: str
    path: str
    query_items: tuple[tuple[str, str], ...]  # in order, repeated keys kept ("area=1&area=2")
    headers: Mapping[str, str]  # lower-case names

    @property
    def query(self) -> dict[str, str]:
        """Query parameters, the last value winning for repeated keys."""
        return dict(self.query_items)

    def query_all(self, name: str) -> list[str]:
        return [value for key, value in self.query_items if key == name]


@dataclass(slots=True)
class _Route:
    path: str
    query: dict[str, str]
    responses: list[CannedResponse]
    served: int = 0

    def matches(self, path: str, query: Mapping[str, str]) -> bool:
        return path == self.path and all(query.get(key) == value for key, value in self.query.items())

    def next_response(self) -> CannedResponse:
        response = self.responses[min(self.served, len(self.responses) - 1)]
        self.served += 1
        return response


class FakeBoard(LoopbackFake):
    """A loopback HTTP server with canned responses. Use as a context manager or call start()/stop()."""

    def __init__(self) -> None:
        self._routes: list[_Route] = []
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._server = LoopbackServer(self._app, name="fake board")

    def url(self, path: str) -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # -- registering responses -------------------------------------------------------------------

    def add(self, path: str, response: CannedResponse, *, query: Mapping[str, str] | None = None) -> None:
        """Queue `response` for GETs of `path` whose query contains every item of `query`.

        When several routes match, the one with the most query items wins."""
        if not path.startswith("/"):
            raise ValueError(f"path must start with '/': {path!r}")
        wanted = {str(key): str(value) for key, value in (query or {}).items()}
        with self._lock:
            for route in self._routes:
                if route.path == path and route.query == wanted:
                    route.responses.append(response)
                    return
            self._routes.append(_Route(path, wanted, [response]))

    def add_json(
        self,
        path: str,
        payload: Any,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        query: Mapping[str, str] | None = None,
        delay_s: float = 0.0,
    ) -> None:
        """Queue a JSON response (`payload` is serialised with json.dumps)."""
        body = jsonlib.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.add(
            path, CannedResponse(body, status, dict(headers or {}), "application/json", delay_s), query=query
        )

    def add_text(
        self,
        path: str,
        text: str | bytes,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        query: Mapping[str, str] | None = None,
        content_type: str = "application/json",
        delay_s: float = 0.0,
    ) -> None:
        """Queue a response with this exact body (a fixture file's text, or deliberately broken JSON)."""
        body = text.encode("utf-8") if isinstance(text, str) else text
        self.add(path, CannedResponse(body, status, dict(headers or {}), content_type, delay_s), query=query)

    # -- inspecting requests ---------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        return [request for request in self.requests if request.path == path]

    def reset(self) -> None:
        """Forget every route and recorded request (the server keeps running)."""
        with self._lock:
            self._routes.clear()
            self._requests.clear()

    # -- the ASGI app ----------------------------------------------------------------------------

    async def _app(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        query_items = tuple(request.query_params.multi_items())
        recorded = RecordedRequest(
            method=request.method,
            path=request.url.path,
            query_items=query_items,
            headers={key.lower(): value for key, value in request.headers.items()},
        )
        with self._lock:
            self._requests.append(recorded)
            candidates = [route for route in self._routes if route.matches(recorded.path, recorded.query)]
            route = max(candidates, key=lambda r: len(r.query), default=None)
            canned = route.next_response() if route is not None else None
        if canned is None:
            body = jsonlib.dumps({"error": f"no fake route for {recorded.path}"}).encode()
            response = Response(body, status_code=404, media_type="application/json")
        else:
            if canned.delay_s:
                await asyncio.sleep(canned.delay_s)
            response = Response(
                canned.body,
                status_code=canned.status,
                headers=dict(canned.headers),
                media_type=canned.content_type,
            )
        await response(scope, receive, send)
