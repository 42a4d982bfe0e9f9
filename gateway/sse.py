"""Live notifications: `GET /events` (server-sent events).

Try it:
    curl -N -H "Authorization: Bearer $TOKEN" http://localhost:4000/events
    # from a browser, get a ticket first (mutation { eventsTicket { url } }) and open that URL

Each event of the user becomes one frame, in the seed's shape:

    id: 1718000000000-0
    data: {"type": "ANALYSIS_DONE", "id": "…", "userId": "…", "occurredAt": "…", "applicationId": "…", …}

The `id:` is the entry id in the user's capped Redis stream (common.bus), so a client that
reconnects with `Last-Event-ID` (header, or `lastEventId` in the query for a fresh EventSource)
gets exactly what it missed, then live events.

Fan-out: one `EventHub` per process XREADs (blocking) the streams of the users connected to *this*
replica and hands entries to their connections' queues. Redis streams are the fan-out between
replicas: every replica reads the streams of its own users, so several tabs on several replicas all
get every event. A connection whose queue fills up (a stalled client) is closed; it reconnects and
replays from its last id. Pings every 15 s keep proxies from timing the stream out and reveal
disconnected clients; the response is never compressed and tells nginx not to buffer it.

Connecting costs Redis work (where the user's stream ends, and the replay), and clients connect in
bursts: every tab after a gateway restart or a network blip, all at once. That work runs on the hub's
Redis client, a few commands at a time, and one lookup serves every tab of a user that connects
meanwhile; otherwise a burst of a few hundred connections exhausts the Redis connection pool and
streams die right after their 200 (what `python -m tests.load` once saw). A connection is registered
before the 200 is sent, so if Redis is down the client gets a 503 it can retry, not a broken stream.

The route itself (who may open a stream: Bearer token or ticket; Last-Event-ID checks) is
`routes.events`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import anyio
from redis.exceptions import RedisError
from sse_starlette.sse import EventSourceResponse, ServerSentEvent
from starlette.types import Receive, Scope, Send

from common import messages
from common.bus import Bus, StreamEntry, user_stream_key
from gateway import metrics

log = logging.getLogger(__name__)

_STREAM_ID = re.compile(r"^\d{1,20}-\d{1,20}$")
_CLOSE = object()  # queued to end a connection (too slow, or the hub is stopping)


def is_stream_id(value: str) -> bool:
    """Whether `value` has the shape of a Redis stream entry id (what Last-Event-ID must be)."""
    return _STREAM_ID.match(value) is not None


def stream_id_key(entry_id: str) -> tuple[int, int]:
    millis, _, seq = entry_id.partition("-")
    return int(millis), int(seq or 0)


def frame_data(entry: StreamEntry) -> str:
    """The frame's JSON: the event's envelope plus its payload's fields, type without EVENT_TYPE_."""
    event = entry.event
    # Fields at their default are printed too: a failed CV parse must arrive as "ok": false with its
    # "reason", not as a frame without either (proto3 JSON leaves false, 0 and "" out by default).
    as_dict = messages.to_dict(event, with_defaults=True)
    payload_field = event.WhichOneof("payload")
    payload = as_dict.pop(event.DESCRIPTOR.fields_by_name[payload_field].json_name, {}) if payload_field else {}
    data = {"type": messages.event_type_name(event.type), "id": event.id, "userId": event.user_id,
            "occurredAt": as_dict.get("occurredAt")}
    for key, value in payload.items():
        data.setdefault(key, value)
    return json.dumps(data, separators=(",", ":"))


@dataclass(eq=False)
class Connection:
    user_id: str
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=256))


class EventHub:
    """Per-process fan-out from the per-user Redis streams to local SSE connections."""

    def __init__(self, bus: Bus, *, block_ms: int = 1000, queue_size: int = 256,
                 redis_concurrency: int = 8) -> None:
        self._bus = bus
        self._block_ms = block_ms
        self._queue_size = queue_size
        self._connections: dict[str, set[Connection]] = {}
        self._positions: dict[str, str] = {}  # user id -> last stream id the hub has read
        self._top_lookups: dict[str, asyncio.Future[str]] = {}  # user id -> lookup in flight
        # Connection set-up commands (stream top, replay) in flight at once: far below the Redis
        # pool's size, which fails at once when exhausted instead of waiting.
        self._redis_slots = asyncio.Semaphore(redis_concurrency)
        self._task: asyncio.Task | None = None
        self._changed = asyncio.Event()

    @property
    def connection_count(self) -> int:
        return sum(len(conns) for conns in self._connections.values())

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="sse-event-hub")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for conns in self._connections.values():
            for conn in conns:
                _offer(conn, _CLOSE)

    async def register(self, user_id: str) -> Connection:
        """Add a connection; from now on every entry appended to the user's stream reaches its queue.

        Raises RedisError or OSError when Redis cannot tell where the user's stream ends.
        """
        conn = Connection(user_id, asyncio.Queue(maxsize=self._queue_size))
        if user_id not in self._positions:
            top = await self._shared_stream_top(user_id)
            # Another connection of this user may have registered during the await: keep its
            # position, which the hub may already have advanced.
            self._positions.setdefault(user_id, top)
            self._changed.set()
        self._connections.setdefault(user_id, set()).add(conn)
        metrics.SSE_CONNECTIONS.inc()
        return conn

    async def oldest_id(self, user_id: str) -> str | None:
        """The id of the oldest entry the user's capped stream still holds (None when it is empty)."""
        return await self._end_id(self._bus.redis.xrange, user_id)

    async def replay(self, user_id: str, *, after_id: str, count: int) -> list[StreamEntry]:
        """The user's entries after `after_id` (a Last-Event-ID), oldest first, at most `count`."""
        async with self._redis_slots:
            return await self._bus.read_user_events(user_id, after_id=after_id, count=count)

    def unregister(self, conn: Connection) -> None:
        conns = self._connections.get(conn.user_id)
        if conns is None or conn not in conns:
            return
        conns.discard(conn)
        metrics.SSE_CONNECTIONS.dec()
        if not conns:
            del self._connections[conn.user_id]
            self._positions.pop(conn.user_id, None)

    async def _shared_stream_top(self, user_id: str) -> str:
        """One lookup per user however many of their tabs connect at once; all of them await it."""
        lookup = self._top_lookups.get(user_id)
        if lookup is None:
            lookup = asyncio.ensure_future(self._stream_top(user_id))
            self._top_lookups[user_id] = lookup
            lookup.add_done_callback(partial(self._top_lookup_done, user_id))
        # Shielded: a client that goes away while waiting must not cancel the lookup of the others.
        return await asyncio.shield(lookup)

    def _top_lookup_done(self, user_id: str, lookup: asyncio.Future[str]) -> None:
        if self._top_lookups.get(user_id) is lookup:
            del self._top_lookups[user_id]
        if not lookup.cancelled():
            lookup.exception()  # marks a failure retrieved: no "never retrieved" log when every waiter left

    async def _stream_top(self, user_id: str) -> str:
        return await self._end_id(self._bus.redis.xrevrange, user_id) or "0-0"

    async def _end_id(self, read_range: Callable[..., Awaitable[list]], user_id: str) -> str | None:
        """The id of the first entry XRANGE (oldest) or XREVRANGE (newest) returns; None for no stream."""
        async with self._redis_slots:
            entries = await read_range(user_stream_key(user_id), count=1)
        if not entries:
            return None
        entry_id = entries[0][0]
        return entry_id.decode() if isinstance(entry_id, bytes) else entry_id

    async def _run(self) -> None:
        backoff = 0.1
        while True:
            if not self._positions:
                self._changed.clear()
                await self._changed.wait()
                continue
            try:
                batches = await self._bus.read_many_users(dict(self._positions), count=200,
                                                          block_ms=self._block_ms)
                backoff = 0.1
            except (RedisError, OSError) as exc:
                log.warning("event hub cannot read Redis; retrying", extra={"error": str(exc)})
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            for user_id, entries in batches.items():
                if not entries or user_id not in self._positions:
                    continue
                self._positions[user_id] = entries[-1].id
                for conn in list(self._connections.get(user_id, ())):
                    for entry in entries:
                        if not _offer(conn, entry):
                            break


def _offer(conn: Connection, item: object) -> bool:
    try:
        conn.queue.put_nowait(item)
        return True
    except asyncio.QueueFull:
        # Too far behind: end this connection; the client resumes with Last-Event-ID.
        with contextlib.suppress(asyncio.QueueEmpty):
            conn.queue.get_nowait()
        conn.queue.put_nowait(_CLOSE)
        return False


async def event_stream(hub: EventHub, conn: Connection, last_event_id: str | None) -> AsyncIterator[ServerSentEvent]:
    """The frames of one registered connection: the replay after `last_event_id`, then live events."""
    delivered = (0, 0)
    if last_event_id:
        # Replay: everything after the client's id that is still in the capped stream. Entries that
        # also arrive through the queue are skipped by id below.
        after = last_event_id
        try:
            oldest = await hub.oldest_id(conn.user_id)
        except (RedisError, OSError) as exc:
            log.warning("cannot replay events from Redis; ending the stream", extra={"error": str(exc)})
            return
        if oldest is not None and stream_id_key(last_event_id) < stream_id_key(oldest):
            # The client's last event has been trimmed from the capped stream, so events it never saw
            # may have gone with it: say so (no id, so the client's position stays), and let it refetch
            # its state instead of trusting a partial replay.
            yield ServerSentEvent(data=json.dumps({"type": "REPLAY_GAP", "lastEventId": last_event_id,
                                                   "oldestAvailableId": oldest}))
        while True:
            try:
                entries = await hub.replay(conn.user_id, after_id=after, count=500)
            except (RedisError, OSError) as exc:
                # End the stream cleanly: the client reconnects from the last id it got.
                log.warning("cannot replay events from Redis; ending the stream", extra={"error": str(exc)})
                return
            for entry in entries:
                delivered = stream_id_key(entry.id)
                yield ServerSentEvent(data=frame_data(entry), id=entry.id)
            if len(entries) < 500:
                break
            after = entries[-1].id
    while True:
        item = await conn.queue.get()
        if item is _CLOSE:
            return
        assert isinstance(item, StreamEntry)
        key = stream_id_key(item.id)
        if key <= delivered:
            continue
        delivered = key
        metrics.SSE_EVENTS.inc()
        yield ServerSentEvent(data=frame_data(item), id=item.id)


class ConnectionEventSourceResponse(EventSourceResponse):
    """The SSE response of a connection registered with the hub; unregisters it however it ends
    (even if the body never starts, as when the client is gone before the headers go out).

    When the server shuts down, the stream is ended, not cut: the connection is closed through its
    queue, so the response finishes properly (no "ASGI callable returned without completing response")
    and the client reconnects with Last-Event-ID."""

    SHUTDOWN_GRACE_S = 2.0  # well within uvicorn's graceful shutdown (SHUTDOWN_GRACE_S)

    def __init__(self, hub: EventHub, conn: Connection, last_event_id: str | None, *,
                 still_allowed: Callable[[], Awaitable[bool]] | None = None, recheck_s: float = 30.0,
                 ends_at: float | None = None, **kwargs: Any) -> None:
        """`still_allowed`, when given, is asked every `recheck_s`, and at `ends_at` (unix seconds: when the
        credential that opened the stream expires): the stream ends once it says no (the credential was
        revoked, its session signed out, or it expired; the client's reconnect is then refused)."""
        shutdown = anyio.Event()

        async def end_at_shutdown() -> None:
            if still_allowed is None:
                await shutdown.wait()
            else:
                while True:
                    wait_s = recheck_s if ends_at is None else min(recheck_s, max(0.0, ends_at - time.time()))
                    with anyio.move_on_after(wait_s):
                        await shutdown.wait()
                    if shutdown.is_set() or not await still_allowed():
                        break
            _offer(conn, _CLOSE)

        super().__init__(event_stream(hub, conn, last_event_id), shutdown_event=shutdown,
                         shutdown_grace_period=self.SHUTDOWN_GRACE_S, data_sender_callable=end_at_shutdown,
                         **kwargs)
        self._hub = hub
        self._conn = conn

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._hub.unregister(self._conn)
