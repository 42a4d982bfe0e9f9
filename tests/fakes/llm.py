"""A fake OpenAI-compatible provider served over real HTTP on loopback, so the real `openai` client runs.

It answers /v1/chat/completions from a script of replies (JSON text, an HTTP status, or a delay) and
records every request body it receives, so tests can check both what the user gets and what was sent
to the provider. Once the script is used up it answers HTTP 500.

    with FakeProvider.serve() as provider:
        provider.script = [Reply('{"ok": true}'), Reply(status=503)]
        client = JsonChatClient(base_url=provider.base_url, model="fake-model")
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.fakes.server import LoopbackServer

USAGE = {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150}  # reported for every reply


@dataclass
class Reply:
    content: str | None = None
    status: int = 200
    delay_s: float = 0.0


@dataclass
class FakeProvider:
    script: list[Reply] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    base_url: str = ""

    async def completions(self, request: Request) -> JSONResponse:
        body = await request.json()
        self.requests.append(body)
        reply = self.script.pop(0) if self.script else Reply(status=500)
        if reply.delay_s:
            await asyncio.sleep(reply.delay_s)
        if reply.status != 200:
            return JSONResponse(
                {"error": {"message": "provider failure", "type": "server_error"}}, status_code=reply.status
            )
        return JSONResponse(
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": reply.content},
                        "finish_reason": "stop",
                    }
                ],
                "usage": USAGE,
            }
        )

    @classmethod
    @contextmanager
    def serve(cls) -> Iterator[FakeProvider]:
        fake = cls()
        app = Starlette(routes=[Route("/v1/chat/completions", fake.completions, methods=["POST"])])
        server = LoopbackServer(app, name="fake LLM provider")
        server.start()
        fake.base_url = f"{server.base_url}/v1"
        try:
            yield fake
        finally:
            server.stop()
