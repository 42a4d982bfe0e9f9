"""The Redis bus: commands and events on pub/sub channels, and a capped event stream per user.

Pub/sub delivers at most once and redis-py's asyncio PubSub does not reconnect by itself, so
`Subscription` re-connects and re-subscribes with backoff after Redis restarts. Durability is not the
bus's job: owners write commands and events to their outbox (common.outbox) and re-publish from there.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass

import redis.asyncio as redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from common import messages
from jobmate.events.v1 import events_pb2

log = logging.getLogger(__name__)

STREAM_PREFIX = "events:user:"


def user_stream_key(user_id: str) -> str:
    return f"{STREAM_PREFIX}{user_id}"


def connect(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5, health_check_interval=10,
                                retry_on_timeout=False, decode_responses=False)


@dataclass(slots=True)
class StreamEntry:
    id: str
    event: events_pb2.Event


class Bus:
    def __init__(self, client: redis.Redis, *, stream_maxlen: int = 1000) -> None:
        self.redis = client
        self._maxlen = stream_maxlen

    @classmethod
    def from_url(cls, url: str, *, stream_maxlen: int = 1000) -> Bus:
        return cls(connect(url), stream_maxlen=stream_maxlen)

    async def close(self) -> None:
        await self.redis.aclose()

    async def ping(self) -> bool:
        try:
            return bool(await self.redis.ping())
        except RedisError:
            return False

    async def publish_command(self, command: events_pb2.Command) -> int:
        """Returns the number of subscribers that received it (0 is normal when no worker listens yet)."""
        return await self.redis.publish(messages.command_channel(command.type), messages.to_json(command))

    async def publish_event(self, event: events_pb2.Event) -> str:
        """Append to the user's stream (the SSE replay log) and announce on the event's channel.

        The stream entry is written first so a client that reconnects never misses an event that was
        announced. Returns the stream entry id.
        """
        payload = messages.to_json(event)
        entry_id = await self.redis.xadd(user_stream_key(event.user_id), {"event": payload},
                                         maxlen=self._maxlen, approximate=True)
        await self.redis.publish(messages.event_channel(event.type), payload)
        return entry_id.decode() if isinstance(entry_id, bytes) else entry_id

    async def read_user_events(self, user_id: str, *, after_id: str = "0-0", count: int = 500,
                               block_ms: int | None = None) -> list[StreamEntry]:
        """Events of one user strictly after `after_id` (an SSE Last-Event-ID), oldest first."""
        return (await self.read_many_users({user_id: after_id}, count=count, block_ms=block_ms)).get(user_id, [])

    async def read_many_users(self, positions: dict[str, str], *, count: int = 500,
                              block_ms: int | None = None) -> dict[str, list[StreamEntry]]:
        if not positions:
            return {}
        streams = {user_stream_key(uid): pos for uid, pos in positions.items()}
        reply = await self.redis.xread(streams, count=count, block=block_ms)
        result: dict[str, list[StreamEntry]] = {}
        for key, entries in reply or []:
            key = key.decode() if isinstance(key, bytes) else key
            uid = key.removeprefix(STREAM_PREFIX)
            result[uid] = [StreamEntry(eid.decode() if isinstance(eid, bytes) else eid,
                                       messages.event_from_json(fields[b"event"])) for eid, fields in entries]
        return result

    def subscribe(self, channels: Iterable[str], *,
                  on_reconnect: Callable[[], Awaitable[None]] | None = None) -> Subscription:
        return Subscription(self.redis, list(channels), on_reconnect=on_reconnect)


class Subscription:
    """`async for channel, data in subscription` across Redis restarts.

    Messages published while the connection is down are lost (pub/sub semantics); `on_reconnect` lets
    the consumer catch up from the source of truth, and the owners' outboxes re-publish anyway.
    """

    def __init__(self, client: redis.Redis, channels: list[str], *,
                 on_reconnect: Callable[[], Awaitable[None]] | None = None,
                 max_backoff_s: float = 5.0) -> None:
        self._client = client
        self._channels = channels
        self._on_reconnect = on_reconnect
        self._max_backoff = max_backoff_s
        self.connected = asyncio.Event()
        self.reconnects = 0
        self._closed = False

    async def __aiter__(self) -> AsyncIterator[tuple[str, bytes]]:
        backoff = 0.1
        first = True
        while not self._closed:
            pubsub = self._client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(*self._channels)
                self.connected.set()
                if not first:
                    self.reconnects += 1
                    log.info("pubsub resubscribed", extra={"channels": self._channels})
                    if self._on_reconnect is not None:
                        await self._on_reconnect()
                first = False
                backoff = 0.1
                while not self._closed:
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                    if message is None:
                        continue
                    channel = message["channel"]
                    yield (channel.decode() if isinstance(channel, bytes) else channel), message["data"]
            except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
                self.connected.clear()
                log.warning("pubsub connection lost; reconnecting", extra={"error": str(exc), "retry_in_s": backoff})
                await asyncio.sleep(backoff + random.uniform(0, backoff / 2))
                backoff = min(backoff * 2, self._max_backoff)
            finally:
                try:
                    await pubsub.aclose()
                except (RedisError, OSError):
                    pass

    def close(self) -> None:
        self._closed = True
