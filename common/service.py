"""The life cycle every gRPC service shares, so a service's server.py only says what is its own.

    MIGRATIONS = SchemaMigrations("tracker", Path(__file__).parent / "migrations", with_outbox=True)
    runtime = ServiceRuntime("tracker_service", migrations=MIGRATIONS, settings=get_settings(TrackerSettings),
                             services=[tracker_pb2.DESCRIPTOR.services_by_name["TrackerService"]])
    await runtime.run(build)

`build(runtime)` wires the service: it registers servicers on `runtime.server.server` and uses what the
runtime has ready for it (who may call each RPC is read from the services' descriptors, see
common.grpc_server.access_policy):
- `runtime.pool`, `runtime.bus`, `runtime.settings`, `runtime.channel(target)` (closed at shutdown);
- `runtime.outbox` (when the schema has one: `with_outbox=True`), built before `build` runs, so objects
  take it in their constructors; `runtime.on_give_up(hook, command_type=...)` and
  `runtime.deliver_directly(command_type, handler)` register on it; the runtime runs its relay;
- `runtime.every(interval_s, job, name=...)`: periodic work, on one APScheduler owned by the runtime
  (one run of a job at a time, late runs coalesced, a failing run logged and retried at the next time);
- `runtime.on_stop(callback)`: clean-up after the server and the jobs have stopped.
Order: connect PostgreSQL (retrying) and apply migrations, connect Redis, build the outbox, build,
start the server with health NOT_SERVING, start the relay and the scheduler, mark SERVING once the
downstream channels are ready; on SIGTERM or SIGINT: NOT_SERVING, stop with a grace period, stop the
scheduler and the relay, run the on_stop callbacks, close connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

import asyncpg
import grpc
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from google.protobuf.descriptor import ServiceDescriptor

from common.auth import ServiceTokenProvider, TokenSigner, TokenVerifier, ensure_dev_keys
from common.bus import Bus
from common.db import CONNECTION_LOST_ERRORS, create_pool
from common.gc_tuning import tuned_for_serving
from common.grpc_client import create_channel, wait_until_ready
from common.grpc_server import GrpcServer, access_policy
from common.log import configure_logging
from common.migrate import SchemaMigrations
from common.outbox import DirectHandler, GiveUpHandler, Outbox
from common.settings import GrpcServiceSettings

log = logging.getLogger(__name__)

# APScheduler logs every run at INFO ("Running job …", "… executed successfully"): with a job every
# second that drowns the service's own log. Its warnings and errors still come through.
logging.getLogger("apscheduler").setLevel(logging.WARNING)

SettingsT = TypeVar("SettingsT", bound=GrpcServiceSettings)
Build = Callable[["ServiceRuntime[Any]"], Awaitable[None]]
Job = Callable[[], Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class PeriodicJob:
    name: str
    interval_s: float
    job: Job
    first_run_in_s: float


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


class ServiceRuntime(Generic[SettingsT]):
    """One gRPC service's process: `name` (for logs and service tokens), the schema it owns, the gRPC
    services it serves (their descriptors carry the access policy), the scopes it asks for when it
    calls others with a service token, and its settings (a GrpcServiceSettings subclass)."""

    def __init__(self, name: str, *, migrations: SchemaMigrations, services: Iterable[ServiceDescriptor],
                 settings: SettingsT, service_token_scopes: Iterable[str] = ()) -> None:
        self.name = name
        self.migrations = migrations
        self.schema = migrations.schema
        self.settings = settings
        self.services = list(services)
        self._scopes = set(service_token_scopes)
        self.pool: asyncpg.Pool | None = None
        self.bus: Bus | None = None
        self.server: GrpcServer | None = None
        self.verifier: TokenVerifier | None = None
        self.service_tokens: ServiceTokenProvider | None = None
        self.port: int | None = None
        self._outbox: Outbox | None = None
        self._channels: list[grpc.aio.Channel] = []
        self._optional_channels: set[int] = set()
        self._tasks: list[asyncio.Task] = []
        self._jobs: dict[str, PeriodicJob] = {}
        self._scheduler: AsyncIOScheduler | None = None
        self._running_jobs: set[asyncio.Task] = set()
        self._jobs_cancelled: set[asyncio.Task] = set()  # runs the shutdown cancelled on purpose
        self._on_stop: list[Callable[[], Awaitable[Any]]] = []

    # --- what build() uses ---------------------------------------------------------------------------
    @property
    def outbox(self) -> Outbox:
        """The service's outbox (its relay is run by the runtime), when its schema has one."""
        if self._outbox is None:
            raise RuntimeError(f"{self.name} has no outbox: its schema needs with_outbox=True (and use it in build)")
        return self._outbox

    def on_give_up(self, hook: GiveUpHandler, *, command_type: int | None = None) -> None:
        """Store the failure of a given-up command (of `command_type`, or of any type without a hook)."""
        self.outbox.on_give_up(hook, command_type=command_type)

    def deliver_directly(self, command_type: int, handler: DirectHandler) -> None:
        """The relay delivers commands of `command_type` by calling `handler` instead of publishing them."""
        self.outbox.deliver_directly(command_type, handler)

    def every(self, interval_s: float, job: Job, *, name: str, first_run_in_s: float = 0.0) -> None:
        """Run `job()` every `interval_s` seconds from `first_run_in_s` after start, in every replica.

        One run at a time (a run still going when the next is due makes that one wait and coalesce);
        an exception is logged and the job runs again at its next time. Jobs that must not run twice
        across replicas claim their work in the database (`FOR UPDATE SKIP LOCKED`).
        """
        if name in self._jobs:
            raise ValueError(f"a periodic job named {name!r} is already registered")
        if self._scheduler is not None:
            raise RuntimeError("register periodic jobs in build(), before the service starts")
        self._jobs[name] = PeriodicJob(name, interval_s, job, first_run_in_s)

    def on_stop(self, callback: Callable[[], Awaitable[Any]]) -> None:
        """Await `callback()` at shutdown, after the server, the jobs and the relay have stopped (callbacks
        run in the order they were registered)."""
        self._on_stop.append(callback)

    def channel(self, target: str, *, gates_serving: bool = True, **kwargs: Any) -> grpc.aio.Channel:
        """A long-lived channel to another service, closed at shutdown. With `gates_serving` False the
        service does not wait for that one before SERVING (a service only reached by outbox deliveries,
        which retry anyway, or one that itself waits for this service)."""
        channel = create_channel(target, default_timeout_s=self.settings.grpc_deadline_s,
                                 service_tokens=self.service_tokens, **kwargs)
        self._channels.append(channel)
        if not gates_serving:
            self._optional_channels.add(id(channel))
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
        await self.migrations.apply(self.pool)
        self.bus = Bus.from_url(settings.require_redis_url(), stream_maxlen=settings.event_stream_maxlen)
        if self.migrations.with_outbox:
            self._outbox = Outbox.from_settings(self.pool, self.bus, settings)
        self.server = GrpcServer(self.name, self.verifier, access_policy(self.services),
                                 [service.full_name for service in self.services])

    async def start(self, build: Build, *, port: int | None = None, host: str = "[::]") -> int:
        """Connect, build and start; returns the bound port (0 picks a free one).

        Health turns SERVING once every downstream channel opened in `build` is connected. That wait
        runs in the background, so services that call each other can start in any order.
        """
        await self.setup()
        assert self.server is not None
        await build(self)
        self.port = await self.server.start(port if port is not None else self.settings.grpc_port, host=host)
        if self._outbox is not None:
            self._tasks.append(asyncio.create_task(self._outbox.run(), name=f"{self.name} outbox relay"))
        for task in self._tasks:
            task.add_done_callback(_log_if_crashed)
        self._start_scheduler()
        self._tasks.append(asyncio.create_task(self._serve_when_downstream_ready()))
        return self.port

    def _start_scheduler(self) -> None:
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        now = datetime.now(UTC)
        for job in self._jobs.values():
            # misfire_grace_time=None: a run made late by a busy event loop still runs (coalesced)
            # rather than being dropped with a warning.
            self._scheduler.add_job(self._run_job, "interval", args=[job], seconds=job.interval_s, id=job.name,
                                    name=job.name, next_run_time=now + timedelta(seconds=job.first_run_in_s),
                                    max_instances=1, coalesce=True, misfire_grace_time=None)
        self._scheduler.start()

    async def _run_job(self, job: PeriodicJob) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._running_jobs.add(task)
        try:
            await job.job()
        except asyncio.CancelledError:
            if task in self._jobs_cancelled:
                # The shutdown cancelled this run (_stop_scheduler); ending quietly keeps APScheduler from
                # logging it as a job that "raised an exception". The next start runs it again.
                log.info("periodic job cancelled at shutdown", extra={"job": job.name})
                return
            raise
        except CONNECTION_LOST_ERRORS + (OSError,) as exc:  # transient: the next run tries again
            log.warning("periodic job failed; it runs again at its next time",
                        extra={"job": job.name, "error": repr(exc)})
        except Exception:  # noqa: BLE001 - one failing run must not stop the schedule
            log.exception("periodic job failed; it runs again at its next time", extra={"job": job.name})
        finally:
            self._running_jobs.discard(task)
            self._jobs_cancelled.discard(task)

    async def _stop_scheduler(self) -> None:
        if self._scheduler is None:
            return
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        running = list(self._running_jobs)
        self._jobs_cancelled.update(running)
        for task in running:
            task.cancel()
        for task in running:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _serve_when_downstream_ready(self) -> None:
        assert self.server is not None
        pending = [channel for channel in self._channels if id(channel) not in self._optional_channels]
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

    async def run(self, build: Build, *, port: int | None = None) -> None:
        """The process's main: start, wait for SIGTERM/SIGINT, shut down."""
        configure_logging(self.name, self.settings.log_level)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        try:
            await self.start(build, port=port)
            # Entered once serving: what start-up built is frozen out of garbage collections.
            with tuned_for_serving(self.settings.gc_young_threshold):
                await stop.wait()
        finally:
            await self.shutdown()

    async def shutdown(self) -> None:
        if self.server is not None:
            await self.server.stop(self.settings.shutdown_grace_s, self.settings.shutdown_drain_s)
        await self._stop_scheduler()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for callback in self._on_stop:
            try:
                await callback()
            except Exception:  # noqa: BLE001 - the rest of the clean-up must still run
                log.exception("clean-up at shutdown failed")
        for channel in self._channels:
            await channel.close()
        if self.bus is not None:
            await self.bus.close()
        if self.pool is not None:
            await self.pool.close()
        log.info("stopped")


def _log_if_crashed(task: asyncio.Task) -> None:
    """A background loop (the outbox relay) that ends with an exception stops silently otherwise: nothing
    awaits it until shutdown."""
    if not task.cancelled() and task.exception() is not None:
        log.error("background task crashed", exc_info=task.exception(), extra={"task": task.get_name()})
