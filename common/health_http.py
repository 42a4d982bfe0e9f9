"""A minimal HTTP health endpoint for processes without an HTTP server of their own (ai_coach).

GET /healthz: 200 while the process runs. GET /readyz: 200 when the readiness check passes, else 503.
Written on asyncio streams so the worker does not pull in a web framework for two URLs.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable


async def start_health_server(port: int, ready: Callable[[], Awaitable[tuple[bool, dict]]],
                              host: str = "0.0.0.0") -> asyncio.Server:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request_line = await asyncio.wait_for(reader.readline(), 5)
            while (await asyncio.wait_for(reader.readline(), 5)) not in (b"\r\n", b"\n", b""):
                pass
            parts = request_line.decode(errors="replace").split()
            path = parts[1] if len(parts) > 1 else "/"
            if path == "/healthz":
                status, body = 200, {"status": "ok"}
            elif path == "/readyz":
                ok, details = await ready()
                status, body = (200 if ok else 503), {"status": "ready" if ok else "not ready", **details}
            else:
                status, body = 404, {"error": "not found"}
            payload = json.dumps(body).encode()
            reason = {200: "OK", 503: "Service Unavailable", 404: "Not Found"}[status]
            writer.write(f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
                         f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n".encode() + payload)
            await writer.drain()
        except (TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()

    return await asyncio.start_server(handle, host, port)
