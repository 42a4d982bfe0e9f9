"""Run the gateway inside the current event loop on a free loopback port (tests and benchmarks).

    async with RunningGateway(settings, GatewaySettings(...)) as gateway:
        await gateway.graphql("{ health }")
        async with gateway.http.stream("GET", "/events", headers=...) as response: ...

It is the real app behind real uvicorn and real HTTP, so streaming (SSE), multipart and the
request-body limit behave exactly as in production.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import uvicorn

from common.settings import Settings
from devtools.devstack import free_port
from gateway.app import create_app
from gateway.config import GatewaySettings
from gateway.state import GatewayState


class RunningGateway:
    def __init__(self, settings: Settings, gateway_settings: GatewaySettings | None = None) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(settings, gateway_settings or GatewaySettings())
        self._server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_config=None,
                                                     lifespan="on", timeout_graceful_shutdown=1))
        self._task: asyncio.Task | None = None
        self.http = httpx.AsyncClient(base_url=self.base_url, timeout=30)

    @property
    def state(self) -> GatewayState:
        """The process's state, once started (the event hub, the stubs, ...)."""
        return self.app.state.gateway

    async def __aenter__(self) -> RunningGateway:
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()  # raises what made start-up fail
            await asyncio.sleep(0.02)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.aclose()
        self._server.should_exit = True
        if self._task is not None:
            await self._task

    async def graphql(self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None,
                      headers: dict[str, str] | None = None) -> dict[str, Any]:
        """POST one operation; returns the decoded body (`data`, `errors`)."""
        all_headers = {"content-type": "application/json", **(headers or {})}
        if token:
            all_headers["authorization"] = f"Bearer {token}"
        response = await self.http.post("/graphql", content=json.dumps({"query": query, "variables": variables or {}}),
                                        headers=all_headers)
        assert response.status_code == 200, (response.status_code, response.text)
        return response.json()
