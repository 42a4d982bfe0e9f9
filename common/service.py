"""The life cycle every gRPC service shares, so a service's server.py only says what is its own.

    runtime = ServiceRuntime("tracker_service", schema="tracker", migrations_dir=..., uses_outbox=True)
    await runtime.run(build)

`build(runtime)` registers servicers on `runtime.server.server` and returns background coroutines
(outbox relay, schedulers). Order: connect PostgreSQL (retrying) and apply migrations, connect Redis,
build, start the server with health NOT_SERVING, start background tasks, mark SERVING; on SIGTERM or
SIGINT: NOT_SERVING, stop with a grace period, cancel background tasks, close connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from pathlib import Path
from typing import Any

import asyncpg
import grpc

from common.auth import ServiceTokenProvider, TokenSigner, TokenVerifier, ensure_dev_keys
from common.bus import Bus
from common.db import create_pool, migrate
from common.grpc_client import create_channel, wait_until_ready
from common.grpc_server import Access, GrpcServer
from common.log import configure_logging
from common.outbox import outbox_migrations
from common.settings import Settings, get_settings

log = logging.getLogger(__name__)


async def connect_with_retry(connect: Callable[[], Awaitable[Any]], what: str, *, attempts: int = 30) -> Any:
    delay = 0.2
    for attempt in range(1, attempts + 1):
        try:
            return await connect()
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            if attempt == attempts:
                raise
            log.warning(f"{what} not reachable yet; retrying", extra={"error": str(exc), "attempt": attempt})
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)
    raise AssertionError("unreachable")


class ServiceRuntime:
    def __init__(self, name: str, *, schema: str, migrations_dir: Path, policy: dict[str, Access],
                 service_names: Iterable[str], uses_outbox: bool = False,
                 service_token_scopes: Iterable[str] = (), settings: Settings | None = None) -> None:
        self.name = name
        self.schema = schema
        self.settings = settings or get_settings()
        self._migrations_dir = migrations_dir
        self._uses_outbox = uses_outbox
        self._policy = policy
        self._service_names = list(service_names)
        self._scopes = set(service_token_scopes)
        self.pool: asyncpg.Pool | None = None
        self.bus: Bus | None = None
        self.server: GrpcServer | None = None
        self.verifier: TokenVerifier | None = None
        self.service_tokens: ServiceTokenProvider | None = None
        self.port: int | None = None
        self._channels: list[grpc.aio.Channel] = []
        self._tasks: list[asyncio.Task] = []

    def channel(self, target: str, **kwargs: Any) -> grpc.aio.Channel:
        """A long-lived channel to another service, closed at shutdown."""
        channel = create_channel(target, default_timeout_s=self.settings.grpc_deadline_s,
                                 service_tokens=self.service_tokens, **kwargs)
        self._channels.append(channel)
        return channel

    async def setup(self) -> None:
        settings = self.settings
        ensure_dev_keys(settings)
        self.verifier = TokenVerifier.from_settings(settings)
        if self._scopes:
            self.service_tokens = ServiceTokenProvider(TokenSigner.for_services(settings), self.name, self._scopes,
                                                       settings.service_token_ttl_s)
        dsn = settings.require_database_url()
        self.pool = await connect_with_retry(
            lambda: create_pool(dsn, schema=self.schema, min_size=settings.db_pool_min,
                                max_size=settings.db_pool_max), "PostgreSQL")
        await migrate(self.pool, schema=self.schema, directory=self._migrations_dir,
                      before=outbox_migrations() if self._uses_outbox else None)
        self.bus = Bus.from_url(settings.require_redis_url(), stream_maxlen=settings.event_stream_maxlen)
        self.server = GrpcServer(self.name, self.verifier, self._policy, self._service_names)

    async def start(self, build: Callable[[ServiceRuntime], Awaitable[Iterable[Coroutine[Any, Any, Any]]]],
                    *, port: int | None = None, host: str = "[::]") -> int:
        """Connect, build and start; returns the bound port (0 picks a free one).

        Health turns SERVING once every downstream channel opened in `build` is connected. That wait
        runs in the background, so services that call each other can start in any order.
        """
        await self.setup()
        assert self.server is not None
        background = await build(self)
        self.port = await self.server.start(port if port is not None else self.settings.listen_port(self.name),
                                            host=host)
        self._tasks = [asyncio.create_task(coro) for coro in background]
        for task in self._tasks:
            task.add_done_callback(_log_if_crashed)
        self._tasks.append(asyncio.create_task(self._serve_when_downstream_ready()))
        return self.port

    async def _serve_when_downstream_ready(self) -> None:
        assert self.server is not None
        pending = list(self._channels)
        while pending:
            ready = await asyncio.gather(*(wait_until_ready(channel, 2.0) for channel in pending))
            pending = [channel for channel, ok in zip(pending, ready, strict=True) if not ok]
            if pending:
                log.info("waiting for downstream services before serving", extra={"pending": len(pending)})
        await self.server.set_serving()

    async def wait_serving(self, timeout_s: float = 30.0) -> None:
        """For embedding and tests: return once health reports SERVING."""
        from grpc_health.v1 import health_pb2

        assert self.server is not None
        deadline = asyncio.get_running_loop().time() + timeout_s
        while True:
            reply = await self.server.health.Check(health_pb2.HealthCheckRequest(), None)
            if reply.status == health_pb2.HealthCheckResponse.SERVING:
                return
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{self.name} not SERVING after {timeout_s} s")
            await asyncio.sleep(0.05)

    async def run(self, build: Callable[[ServiceRuntime], Awaitable[Iterable[Coroutine[Any, Any, Any]]]],
                  *, port: int | None = None) -> None:
        """The process's main: start, wait for SIGTERM/SIGINT, shut down."""
        configure_logging(self.name, self.settings.log_level)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        try:
            await self.start(build, port=port)
            await stop.wait()
        finally:
            await self.shutdown()

    async def shutdown(self) -> None:
        if self.server is not None:
            await self.server.stop(self.settings.shutdown_grace_s, self.settings.shutdown_drain_s)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for channel in self._channels:
            await channel.close()
        if self.bus is not None:
            await self.bus.close()
        if self.pool is not None:
            await self.pool.close()
        log.info("stopped")


def _log_if_crashed(task: asyncio.Task) -> None:
    """A background loop (outbox relay, scheduler) that ends with an exception stops silently otherwise:
    nothing awaits it until shutdown."""
    if not task.cancelled() and task.exception() is not None:
        log.error("background task crashed", exc_info=task.exception(), extra={"task": task.get_name()})
