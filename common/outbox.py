"""The transactional outbox: durable commands and events on top of at-most-once pub/sub.

A service writes a command or event into its own `outbox` table in the same transaction as the state
change (`add_command` / `add_event` take the caller's connection). The relay publishes due rows:
- an event is done once published (it also lands in the user's Redis stream for SSE replay);
- a command waits for its result: the consumer reports back through the owner's RPC, which calls
  `complete` (or `fail`) in the same transaction as storing the result. With no result within
  `result_timeout_s` the command is published again, and after `max_attempts` publications it is given
  up: the give-up hook registered for its command type (or for all types) stores the failure in the
  owner's state, in the same transaction.
A publication that fails because Redis is down does not use up an attempt; it is retried with backoff.

Direct delivery: for command types registered with `deliver_directly`, the relay calls the handler
(typically the owning service's RPC) instead of publishing. The handler must be idempotent by command
id. Success marks the row DONE; an exception counts an attempt and retries with exponential backoff;
after `max_attempts` failures the command is FAILED and the give-up hook runs, as for an unanswered one.

Hooks and handlers are registered after construction (`on_give_up`, `deliver_directly`), so the objects
they point back to can take the outbox in their constructors; all of them before the relay starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import asyncpg
from redis.exceptions import RedisError

from common import messages
from common.bus import Bus
from common.db import Migration, load_migrations
from common.settings import Settings
from jobmate.events.v1 import events_pb2

log = logging.getLogger(__name__)

OUTBOX_MIGRATIONS_DIR = Path(__file__).parent / "migrations" / "outbox"

GiveUpHandler = Callable[[asyncpg.Connection, events_pb2.Command, str], Awaitable[None]]
DirectHandler = Callable[[events_pb2.Command], Awaitable[None]]


def _describe(exc: Exception) -> str:
    """A short reason for the stored error: a gRPC error's code and details rather than its whole repr."""
    code, details = getattr(exc, "code", None), getattr(exc, "details", None)
    if callable(code) and callable(details):
        return f"{code().name}: {details()}"
    return f"{type(exc).__name__}: {exc}"


def _raise_if_cancelled() -> None:
    """Stop when the relay's task is being cancelled (shutdown). asyncpg may turn a cancellation that lands
    mid-query into another error (InternalClientError: "another operation is in progress"), and redis-py
    one that lands mid-publish into a connection error; handled as a bad pass, the relay would go on
    forever and the service's shutdown would wait for it forever."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


def outbox_migrations() -> list[Migration]:
    """Migrations every outbox-using schema applies before its own (versions prefixed `outbox-`)."""
    return [Migration(f"outbox-{m.version}", m.name, m.sql) for m in load_migrations(OUTBOX_MIGRATIONS_DIR)]


class Outbox:
    def __init__(self, pool: asyncpg.Pool, bus: Bus, *, result_timeout_s: float = 120.0, max_attempts: int = 5,
                 poll_interval_s: float = 1.0, on_give_up: GiveUpHandler | None = None,
                 batch_size: int = 100, direct_handlers: dict[int, DirectHandler] | None = None,
                 direct_retry_backoff_s: float = 1.0, direct_retry_max_backoff_s: float = 300.0) -> None:
        self._pool = pool
        self._bus = bus
        self._timeout = timedelta(seconds=result_timeout_s)
        self._max_attempts = max_attempts
        self._poll = poll_interval_s
        # command type -> hook; the None key holds the hook for every type without one of its own.
        self._give_up_hooks: dict[int | None, GiveUpHandler] = {}
        self._batch = batch_size
        self._wake = asyncio.Event()
        self._redis_backoff_s = 0.5
        self._direct: dict[int, DirectHandler] = {}
        self._direct_backoff_s = direct_retry_backoff_s
        self._direct_max_backoff_s = direct_retry_max_backoff_s
        self._relaying = False
        if on_give_up is not None:
            self.on_give_up(on_give_up)
        for command_type, handler in (direct_handlers or {}).items():
            self.deliver_directly(command_type, handler)

    @classmethod
    def from_settings(cls, pool: asyncpg.Pool, bus: Bus, settings: Settings) -> Outbox:
        return cls(pool, bus, result_timeout_s=settings.outbox_result_timeout_s,
                   max_attempts=settings.outbox_max_attempts, poll_interval_s=settings.outbox_poll_interval_s)

    # --- wiring, before the relay starts ----------------------------------------------------------
    def on_give_up(self, hook: GiveUpHandler, *, command_type: int | None = None) -> None:
        """Run `hook` in the relay's transaction when a command of `command_type` (None: of any type that
        has no hook of its own) is given up."""
        self._check_not_relaying()
        if command_type in self._give_up_hooks:
            raise ValueError(f"a give-up hook is already registered for command type {command_type}")
        self._give_up_hooks[command_type] = hook

    def deliver_directly(self, command_type: int, handler: DirectHandler) -> None:
        """Deliver commands of `command_type` by calling `handler` instead of publishing them."""
        self._check_not_relaying()
        if command_type in self._direct:
            raise ValueError(f"a direct handler is already registered for command type {command_type}")
        self._direct[command_type] = handler

    def _check_not_relaying(self) -> None:
        if self._relaying:
            raise RuntimeError("register outbox hooks and handlers before the relay starts")

    # --- writing, inside the caller's transaction -------------------------------------------------
    async def add_command(self, conn: asyncpg.Connection, command: events_pb2.Command) -> None:
        await conn.execute(
            "INSERT INTO outbox (id, kind, channel, user_id, payload, max_attempts)"
            " VALUES ($1, 'command', $2, $3, $4, $5)",
            command.id, messages.command_channel(command.type), command.user_id, messages.to_dict(command),
            self._max_attempts)

    async def add_command_once(self, conn: asyncpg.Connection, command: events_pb2.Command) -> bool:
        """`add_command` for a command whose id is derived from what it asks (not random): False, and nothing
        written, when a command with that id is already in the outbox (whatever its status)."""
        status = await conn.fetchval(
            "INSERT INTO outbox (id, kind, channel, user_id, payload, max_attempts)"
            " VALUES ($1, 'command', $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING status",
            command.id, messages.command_channel(command.type), command.user_id, messages.to_dict(command),
            self._max_attempts)
        return status is not None

    async def add_event(self, conn: asyncpg.Connection, event: events_pb2.Event) -> None:
        await conn.execute(
            "INSERT INTO outbox (id, kind, channel, user_id, payload, max_attempts)"
            " VALUES ($1, 'event', $2, $3, $4, $5)",
            event.id, messages.event_channel(event.type), event.user_id, messages.to_dict(event),
            self._max_attempts)

    async def complete(self, conn: asyncpg.Connection, command_id: str) -> bool:
        """Mark a command answered. False when it was not awaiting a result (done, failed or unknown)."""
        status = await conn.fetchval(
            "UPDATE outbox SET status = 'DONE', completed_at = now() WHERE id = $1 AND kind = 'command'"
            " AND status IN ('PENDING', 'PUBLISHED') RETURNING status", command_id)
        return status is not None

    async def fail(self, conn: asyncpg.Connection, command_id: str, reason: str) -> bool:
        status = await conn.fetchval(
            "UPDATE outbox SET status = 'FAILED', completed_at = now(), last_error = $2 WHERE id = $1"
            " AND kind = 'command' AND status IN ('PENDING', 'PUBLISHED') RETURNING status", command_id, reason)
        return status is not None

    async def status(self, command_id: str) -> asyncpg.Record | None:
        return await self._pool.fetchrow(
            "SELECT status, attempts, last_error FROM outbox WHERE id = $1", command_id)

    def wake(self) -> None:
        """Publish now rather than at the next poll (call after committing a write)."""
        self._wake.set()

    # --- relaying ---------------------------------------------------------------------------------
    async def relay_once(self) -> int:
        """Publish every due row once; returns how many rows were handled."""
        handled = 0
        async with self._pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(
                "SELECT id, kind, payload, attempts, max_attempts FROM outbox"
                " WHERE status IN ('PENDING', 'PUBLISHED') AND next_attempt_at <= now()"
                " ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED", self._batch)
            for row in rows:
                if row["kind"] == "command" and row["attempts"] >= row["max_attempts"]:
                    await self._give_up(conn, row)
                    handled += 1
                    continue
                if row["kind"] == "command" and self._direct:
                    command = messages.command_from_json(row["payload"])
                    handler = self._direct.get(command.type)
                    if handler is not None:
                        await self._deliver_directly(conn, row, command, handler)
                        handled += 1
                        continue
                try:
                    if row["kind"] == "event":
                        await self._bus.publish_event(messages.event_from_json(row["payload"]))
                        await conn.execute(
                            "UPDATE outbox SET status = 'DONE', attempts = attempts + 1, last_published_at = now(),"
                            " completed_at = now() WHERE id = $1", row["id"])
                    else:
                        command = messages.command_from_json(row["payload"])
                        command.attempt = row["attempts"] + 1
                        await self._bus.publish_command(command)
                        await conn.execute(
                            "UPDATE outbox SET status = 'PUBLISHED', attempts = attempts + 1,"
                            " last_published_at = now(), next_attempt_at = now() + $2 WHERE id = $1",
                            row["id"], self._timeout)
                except (RedisError, OSError) as exc:
                    # Redis is down: keep the row as it is and try again soon, without using an attempt.
                    await conn.execute(
                        "UPDATE outbox SET next_attempt_at = now() + $2, last_error = $3 WHERE id = $1",
                        row["id"], timedelta(seconds=self._redis_backoff_s), f"publish failed: {exc}")
                    log.warning("outbox publish failed; will retry", extra={"error": str(exc)})
                    break
                handled += 1
        return handled

    async def _deliver_directly(self, conn: asyncpg.Connection, row: asyncpg.Record, command: events_pb2.Command,
                                handler: DirectHandler) -> None:
        attempt = row["attempts"] + 1
        command.attempt = attempt
        try:
            await handler(command)
        except Exception as exc:  # any failure of the downstream call: retry later, bounded
            error = f"delivery failed: {_describe(exc)}"
            log.warning("direct command delivery failed", extra={"command_id": command.id, "attempt": attempt,
                                                                 "error": error})
            if attempt >= row["max_attempts"]:
                await conn.execute("UPDATE outbox SET attempts = $2, last_error = $3 WHERE id = $1",
                                   row["id"], attempt, error)
                await self._give_up(conn, row, attempts=attempt,
                                    reason=f"delivery failed after {attempt} attempts ({error})")
                return
            backoff = min(self._direct_backoff_s * 2 ** (attempt - 1), self._direct_max_backoff_s)
            await conn.execute(
                "UPDATE outbox SET attempts = $2, last_error = $3, last_published_at = now(),"
                " next_attempt_at = now() + $4 WHERE id = $1", row["id"], attempt, error, timedelta(seconds=backoff))
            return
        await conn.execute(
            "UPDATE outbox SET status = 'DONE', attempts = $2, last_published_at = now(), completed_at = now()"
            " WHERE id = $1", row["id"], attempt)

    async def _give_up(self, conn: asyncpg.Connection, row: asyncpg.Record, *, attempts: int | None = None,
                       reason: str | None = None) -> None:
        attempts = row["attempts"] if attempts is None else attempts
        reason = reason or f"no result after {attempts} attempts"
        await conn.execute(
            "UPDATE outbox SET status = 'FAILED', completed_at = now(), last_error = $2 WHERE id = $1",
            row["id"], reason)
        command = messages.command_from_json(row["payload"])
        command.attempt = attempts  # how many deliveries were tried, for the give-up hook
        log.error("command given up", extra={"command_id": command.id, "channel": messages.command_channel(command.type)})
        hook = self._give_up_hooks.get(command.type) or self._give_up_hooks.get(None)
        if hook is not None:
            await hook(conn, command, reason)

    async def run(self) -> None:
        """The relay loop; cancel the task to stop it."""
        self._relaying = True
        while True:
            # A cancellation swallowed on the way (redis-py and asyncpg may turn one into their own errors,
            # which a pass handles as "Redis down" or "bad pass") still stops the relay.
            _raise_if_cancelled()
            # Cleared before relaying, not after: a wake() from a commit that lands while relay_once runs
            # (after its SELECT) must trigger another pass, not wait for the next poll.
            self._wake.clear()
            try:
                handled = await self.relay_once()
            except (asyncpg.PostgresError, OSError, asyncpg.InterfaceError) as exc:
                _raise_if_cancelled()
                log.warning("outbox relay error", extra={"error": str(exc)})
                handled = 0
            except Exception:  # noqa: BLE001 - the relay must outlive any one bad pass
                _raise_if_cancelled()
                # A relay that dies leaves every command unpublished and every result unawaited, with
                # nothing to show for it; log loudly and keep going (e.g. asyncpg's InternalClientError
                # after a connection is terminated mid-query is not an InterfaceError).
                log.exception("outbox relay pass failed; retrying")
                handled = 0
            if handled >= self._batch:
                continue  # more are due: keep going
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for swallows a cancellation that lands as
            # the wake arrives, and the relay would then outlive the shutdown that cancelled it.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._poll):
                    await self._wake.wait()
