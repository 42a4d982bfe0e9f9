"""GET /events: the seed's frame shape, Last-Event-ID replay, tickets, several tabs, several replicas.

Events are published with the project's own Bus, exactly as the owning services publish them.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from common import messages
from common.bus import Bus
from common.settings import Settings
from devtools.gateway import RunningGateway
from gateway.config import GatewaySettings
from jobmate.events.v1 import events_pb2
from tests.helpers import user_token, wait_for


class SseReader:
    """Reads frames from an open SSE response: (id, data dict) pairs, comments (pings) skipped."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._lines = response.aiter_lines()

    async def next_frame(self, timeout_s: float = 10) -> tuple[str | None, dict]:
        return await asyncio.wait_for(self._next(), timeout_s)

    async def _next(self) -> tuple[str | None, dict]:
        event_id, data = None, []
        async for line in self._lines:
            if line == "":
                if data:
                    return event_id, json.loads("\n".join(data))
                event_id = None
                continue
            if line.startswith(":"):
                continue
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "id":
                event_id = value
            elif field == "data":
                data.append(value)
        raise AssertionError("stream ended")


@asynccontextmanager
async def open_events(gateway: RunningGateway, *, token: str | None = None, params: dict | None = None,
                      headers: dict | None = None) -> AsyncIterator[SseReader]:
    all_headers = dict(headers or {})
    if token:
        all_headers["authorization"] = f"Bearer {token}"
    async with gateway.http.stream("GET", "/events", params=params, headers=all_headers) as response:
        assert response.status_code == 200, await response.aread()
        yield SseReader(response)


def card_moved(user_id: str, application_id: str, to_status: str) -> events_pb2.Event:
    return messages.new_event(events_pb2.EVENT_TYPE_CARD_MOVED, user_id,
                              card_moved=events_pb2.CardMoved(application_id=application_id, from_status="TO_APPLY",
                                                              to_status=to_status, version=2))


@pytest.fixture
def settings(database_url: str, redis_url: str, test_data_dir) -> Settings:
    return Settings(jobmate_env="test", data_dir=test_data_dir, database_url=database_url, redis_url=redis_url,
                    profile_addr="127.0.0.1:1", tracker_addr="127.0.0.1:1", discovery_addr="127.0.0.1:1")


@pytest.fixture
async def gateway(settings: Settings) -> AsyncIterator[RunningGateway]:
    async with RunningGateway(settings, GatewaySettings(sse_block_ms=200)) as running:
        yield running


async def test_frames_keep_the_seed_shape_with_the_stream_id(gateway: RunningGateway, bus: Bus) -> None:
    user_id = str(uuid.uuid4())
    async with open_events(gateway, token=user_token(user_id)) as events:
        assert events.response.headers["content-type"].startswith("text/event-stream")
        assert events.response.headers["x-accel-buffering"] == "no"
        assert "content-encoding" not in events.response.headers
        await wait_for(lambda: gateway.state.hub.connection_count == 1)
        done = messages.new_event(events_pb2.EVENT_TYPE_ANALYSIS_DONE, user_id, analysis_done=events_pb2.AnalysisDone(
            application_id="app-1", job_id="job-1", ok=True, score=87, command_id="cmd-1"))
        entry_id = await bus.publish_event(done)
        frame_id, data = await events.next_frame()
    assert frame_id == entry_id
    assert data["type"] == "ANALYSIS_DONE"
    assert data["id"] == done.id and data["userId"] == user_id and data["occurredAt"]
    assert data["applicationId"] == "app-1" and data["score"] == 87 and data["ok"] is True


async def test_reconnecting_with_last_event_id_returns_exactly_the_missed_events(gateway, bus) -> None:
    user_id = str(uuid.uuid4())
    token = user_token(user_id)
    async with open_events(gateway, token=token) as events:
        await wait_for(lambda: gateway.state.hub.connection_count == 1)
        first = await bus.publish_event(card_moved(user_id, "a1", "APPLIED"))
        seen_id, _ = await events.next_frame()
    assert seen_id == first
    missed = [await bus.publish_event(card_moved(user_id, f"a{i}", "INTERVIEW")) for i in range(2, 5)]
    await bus.publish_event(card_moved(str(uuid.uuid4()), "other-user", "OFFER"))  # never shown to this user

    async with open_events(gateway, token=token, headers={"last-event-id": seen_id}) as events:
        replayed = [await events.next_frame() for _ in missed]
        assert [frame_id for frame_id, _ in replayed] == missed
        assert [data["applicationId"] for _, data in replayed] == ["a2", "a3", "a4"]
        live = await bus.publish_event(card_moved(user_id, "a5", "OFFER"))
        frame_id, data = await events.next_frame()
        assert (frame_id, data["applicationId"], data["toStatus"]) == (live, "a5", "OFFER")


async def test_a_ticket_opens_the_stream_once_and_tokens_never_go_in_urls(gateway, bus) -> None:
    user_id = str(uuid.uuid4())
    reply = await gateway.graphql("mutation { eventsTicket { ticket url expiresAt } }", token=user_token(user_id))
    ticket = reply["data"]["eventsTicket"]
    assert ticket["url"].endswith(f"/events?ticket={ticket['ticket']}")
    async with open_events(gateway, params={"ticket": ticket["ticket"]}) as events:
        await wait_for(lambda: gateway.state.hub.connection_count == 1)
        entry = await bus.publish_event(card_moved(user_id, "t1", "APPLIED"))
        assert (await events.next_frame())[0] == entry
    # A browser behind a proxy's basic auth sends that header with EventSource too: the ticket decides.
    second = await gateway.graphql("mutation { eventsTicket { ticket } }", token=user_token(user_id))
    async with open_events(gateway, params={"ticket": second["data"]["eventsTicket"]["ticket"]},
                           headers={"authorization": "Basic dXNlcjpwYXNz"}) as events:
        await wait_for(lambda: gateway.state.hub.connection_count == 1)
        entry = await bus.publish_event(card_moved(user_id, "t2", "INTERVIEW"))
        assert (await events.next_frame())[0] == entry
    again = await gateway.http.get("/events", params={"ticket": ticket["ticket"]})
    assert again.status_code == 401
    assert (await gateway.http.get("/events", params={"access_token": user_token(user_id)})).status_code == 401
    assert (await gateway.http.get("/events")).status_code == 401
    anonymous = await gateway.graphql("mutation { eventsTicket { ticket } }")
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_forged_or_expired_token_cannot_open_the_stream(gateway) -> None:
    expired = user_token(str(uuid.uuid4()), ttl_s=-60)
    for value in ("garbage", expired):
        response = await gateway.http.get("/events", headers={"authorization": f"Bearer {value}"})
        assert response.status_code == 401
    # A refused token is not retried as a ticket: the client must fix what it sent.
    user_id = str(uuid.uuid4())
    reply = await gateway.graphql("mutation { eventsTicket { ticket } }", token=user_token(user_id))
    with_ticket = await gateway.http.get("/events", params={"ticket": reply["data"]["eventsTicket"]["ticket"]},
                                         headers={"authorization": f"Bearer {expired}"})
    assert with_ticket.status_code == 401
    bad_id = await gateway.http.get("/events", headers={"authorization": f"Bearer {user_token('u')}",
                                                         "last-event-id": "not-an-id"})
    assert bad_id.status_code == 400


async def test_every_tab_on_every_replica_gets_every_event(settings: Settings, bus: Bus) -> None:
    user_id = str(uuid.uuid4())
    token = user_token(user_id)
    async with RunningGateway(settings, GatewaySettings(sse_block_ms=200)) as replica_a, \
            RunningGateway(settings, GatewaySettings(sse_block_ms=200)) as replica_b:
        async with open_events(replica_a, token=token) as tab1, open_events(replica_a, token=token) as tab2, \
                open_events(replica_b, token=token) as tab3:
            await wait_for(lambda: replica_a.state.hub.connection_count == 2
                           and replica_b.state.hub.connection_count == 1)
            entries = [await bus.publish_event(card_moved(user_id, f"m{i}", "APPLIED")) for i in range(3)]
            for tab in (tab1, tab2, tab3):
                assert [(await tab.next_frame())[0] for _ in entries] == entries
        await wait_for(lambda: replica_a.state.hub.connection_count == 0
                       and replica_b.state.hub.connection_count == 0)


async def test_a_burst_of_connections_all_open_and_stay_open(gateway: RunningGateway, bus: Bus) -> None:
    """What `python -m tests.load` saw: 500 clients connecting at once (ten tabs per account) lost 400
    streams right after their 200, because each one looked up its user's stream position on its own
    Redis connection and the pool (100) ran out. Here 200 tabs of 120 users (more users than the pool
    has connections; some with two tabs) connect at once; every tab opens, stays open and gets its
    user's next event."""
    users = [str(uuid.uuid4()) for _ in range(120)]
    tab_count = 200
    ended: list[str] = []
    received: dict[int, tuple[str | None, dict]] = {}
    ready = asyncio.Event()
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=0)

    async with httpx.AsyncClient(base_url=gateway.base_url, timeout=httpx.Timeout(10, read=None),
                                 limits=limits) as http:
        async def tab(index: int, user_id: str) -> None:
            headers = {"authorization": f"Bearer {user_token(user_id)}"}
            try:
                async with http.stream("GET", "/events", headers=headers) as response:
                    if response.status_code != 200:
                        ended.append(f"tab {index}: HTTP {response.status_code}")
                        return
                    reader = SseReader(response)
                    received[index] = await reader.next_frame(timeout_s=30)
                    await ready.wait()
            except (httpx.HTTPError, AssertionError) as exc:  # a broken or ended stream
                ended.append(f"tab {index}: {type(exc).__name__}: {exc}")

        tabs = [asyncio.create_task(tab(i, users[i % len(users)])) for i in range(tab_count)]
        await wait_for(lambda: gateway.state.hub.connection_count + len(ended) == len(tabs), timeout_s=30)
        assert ended == []
        published = {user_id: await bus.publish_event(card_moved(user_id, f"app-{user_id}", "APPLIED"))
                     for user_id in users}
        await wait_for(lambda: len(received) + len(ended) == len(tabs), timeout_s=30)
        ready.set()
        await asyncio.gather(*tabs)

    assert ended == []
    for index, (frame_id, data) in received.items():
        user_id = users[index % len(users)]
        assert (frame_id, data["userId"], data["applicationId"]) == (published[user_id], user_id, f"app-{user_id}")
    await wait_for(lambda: gateway.state.hub.connection_count == 0)


async def test_with_redis_down_the_stream_is_refused_with_503_then_opens_once_it_is_back(
        settings: Settings, restartable_redis) -> None:
    settings = settings.model_copy(update={"redis_url": restartable_redis.url})
    user_id = str(uuid.uuid4())
    async with RunningGateway(settings, GatewaySettings(sse_block_ms=200)) as gateway:
        restartable_redis.stop()
        refused = await gateway.http.get("/events", headers={"authorization": f"Bearer {user_token(user_id)}"})
        assert refused.status_code == 503 and refused.headers["retry-after"] == "2"
        assert "retry" in refused.json()["error"]
        assert gateway.state.hub.connection_count == 0

        restartable_redis.start()
        bus = Bus.from_url(restartable_redis.url)
        try:
            async with open_events(gateway, token=user_token(user_id)) as events:
                await wait_for(lambda: gateway.state.hub.connection_count == 1)
                entry = await bus.publish_event(card_moved(user_id, "back", "APPLIED"))
                assert (await events.next_frame())[0] == entry
        finally:
            await bus.close()


async def test_a_client_whose_last_event_was_trimmed_is_told_it_may_have_missed_some(gateway, bus) -> None:
    """The stream is capped: past the cap, a replay cannot be complete, and the client must know."""
    user_id = str(uuid.uuid4())
    token = user_token(user_id)
    ids = [await bus.publish_event(card_moved(user_id, f"a{i}", "APPLIED")) for i in range(6)]
    await bus.redis.xtrim(f"events:user:{user_id}", maxlen=3, approximate=False)  # what the cap does

    async with open_events(gateway, token=token, headers={"last-event-id": ids[1]}) as events:
        gap_id, gap = await events.next_frame()
        assert gap_id is None  # the client's position stays where it was
        assert gap == {"type": "REPLAY_GAP", "lastEventId": ids[1], "oldestAvailableId": ids[3]}
        replayed = [await events.next_frame() for _ in range(3)]
        assert [frame_id for frame_id, _ in replayed] == ids[3:]

    # A client whose last event is still held gets a plain, complete replay.
    async with open_events(gateway, token=token, headers={"last-event-id": ids[3]}) as events:
        frame_id, data = await events.next_frame()
        assert (frame_id, data["type"]) == (ids[4], "CARD_MOVED")


async def test_a_failed_cv_parse_arrives_with_ok_false_and_its_reason(gateway: RunningGateway, bus: Bus) -> None:
    # proto3 JSON leaves false and empty fields out; a client reading `ok` must see false, not nothing.
    user_id = str(uuid.uuid4())
    async with open_events(gateway, token=user_token(user_id)) as events:
        await wait_for(lambda: gateway.state.hub.connection_count == 1)
        failed = messages.new_event(events_pb2.EVENT_TYPE_CV_PARSED, user_id, cv_parsed=events_pb2.CvParsed(
            cv_id="cv-1", ok=False, reason="the PDF has no text layer", command_id="cmd-1"))
        await bus.publish_event(failed)
        _, data = await events.next_frame()
    assert data["type"] == "CV_PARSED" and data["cvId"] == "cv-1"
    assert data["ok"] is False and data["reason"] == "the PDF has no text layer" and data["fieldsFilled"] == []
