"""Events relayed through Redis restarts: every committed event ends up in its user's stream.

The fault suite's "Redis restarted" scenario checks this through the whole mesh, once per run and at
one moment; here the relay (common.outbox) publishes a steady flow of events while a Redis that keeps
an append-only file (as a deployment promising event replay must) is stopped and started several
times, so restarts land before, during and after XADDs, between an XADD and its PUBLISH, and between
a publication and the row update. What must hold afterwards:
- no row is DONE unless Redis holds its entry (DONE means an acknowledged XADD, and an acknowledged
  XADD survives a restart);
- no row stays PENDING once Redis is back (publications that failed are retried, without an attempt);
- an event may be in the stream twice (at-least-once: the XADD landed but its reply did not), never
  zero times.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from common import messages
from common.bus import Bus
from common.outbox import Outbox
from devtools.devstack import EmbeddedRedis
from jobmate.events.v1 import events_pb2
from tests.helpers import wait_for

EVENTS = 400
RESTARTS = 3


@pytest.fixture
def persistent_redis(tmp_path: Path) -> Iterator[EmbeddedRedis]:
    """A Redis of the test's own with an append-only file, stopped the way a supervisor stops it (SIGTERM)."""
    server = EmbeddedRedis(tmp_path / "redis", persist=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def analysis_done(user_id: str, index: int) -> events_pb2.Event:
    return messages.new_event(events_pb2.EVENT_TYPE_ANALYSIS_DONE, user_id,
                              analysis_done=events_pb2.AnalysisDone(application_id=f"app-{index}", ok=True))


async def test_every_committed_event_reaches_the_user_stream_across_redis_restarts(
        outbox_pool: asyncpg.Pool, persistent_redis: EmbeddedRedis) -> None:
    bus = Bus.from_url(persistent_redis.url, stream_maxlen=10 * EVENTS)
    outbox = Outbox(outbox_pool, bus, poll_interval_s=0.05, batch_size=20)
    user_id = f"user-{uuid.uuid4()}"
    written: list[str] = []

    async def write_events() -> None:
        for index in range(EVENTS):
            event = analysis_done(user_id, index)
            async with outbox_pool.acquire() as conn, conn.transaction():
                await outbox.add_event(conn, event)
            written.append(event.id)
            outbox.wake()
            await asyncio.sleep(0.005)

    async def restart_redis_while_relaying() -> None:
        for restart in range(1, RESTARTS + 1):
            threshold = restart * EVENTS // (RESTARTS + 1)
            await wait_for(lambda threshold=threshold: len(written) >= threshold, timeout_s=30)
            await asyncio.to_thread(persistent_redis.stop)
            await asyncio.sleep(0.3)  # events committed meanwhile wait in the outbox
            await asyncio.to_thread(persistent_redis.start)

    relay = asyncio.create_task(outbox.run())
    try:
        await asyncio.gather(write_events(), restart_redis_while_relaying())
        await wait_for(lambda: outbox_pool.fetchval("SELECT count(*) = 0 FROM outbox WHERE status = 'PENDING'"),
                       timeout_s=30)
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)

    statuses = Counter(dict(await outbox_pool.fetch("SELECT status, count(*) FROM outbox GROUP BY status")))
    outage_failures = await outbox_pool.fetchval("SELECT count(*) FROM outbox WHERE last_error LIKE 'publish failed%'")
    in_stream = Counter(entry.event.id for entry in await bus.read_user_events(user_id, count=10 * EVENTS))
    await bus.close()

    assert outage_failures > 0, "Redis was never down while the relay published: the test proved nothing"
    assert statuses == {"DONE": EVENTS}
    missing = [event_id for event_id in written if event_id not in in_stream]
    assert missing == [], f"{len(missing)} events DONE in the outbox but absent from the user's stream"
    assert set(in_stream) == set(written)  # duplicates (at-least-once) allowed, strangers not
