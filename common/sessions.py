"""Sign-in sessions ended before their access tokens expire, as every process can see them.

An access token is checked by its signature and expiry alone, so signing out (or profile ending a session
for a reused refresh token or its maximum age) leaves the session's access tokens good until they expire.
So profile_service records each ended session here, in Redis, for as long as one of its access tokens can
still verify, and the gateway refuses a token of an ended session on every request and when it checks an
open stream again.
"""

from __future__ import annotations

import redis.asyncio as redis

_PREFIX = "auth:session-ended:"


class EndedSessions:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def add(self, session_id: str, *, remember_s: int) -> None:
        """`remember_s`: at least the life of the session's access tokens plus the verifiers' leeway; after
        it no token of the session verifies anyway."""
        await self._redis.set(_PREFIX + session_id, b"1", ex=remember_s)

    async def contains(self, session_id: str) -> bool:
        return bool(await self._redis.exists(_PREFIX + session_id))
