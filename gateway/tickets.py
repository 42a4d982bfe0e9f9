"""Short-lived tickets in Redis, for the two URLs a browser opens without an Authorization header.

- SSE (`GET /events?ticket=…`): EventSource cannot send headers, and a long-lived token must never
  sit in a URL (logs, history, Referer). A ticket maps to a user id, lives about a minute and is
  consumed by the first connection that presents it.
- Calendar (`GET /calendar.ics?token=…`): a link valid for a few minutes, usable more than once
  (calendar apps retry). It maps to the user's access token, kept server-side only, because the
  tracker exports a calendar only for a verified user token; its lifetime never exceeds that token's.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass

import redis.asyncio as redis

_SSE_PREFIX = "gateway:sse-ticket:"
_CALENDAR_PREFIX = "gateway:calendar-link:"


@dataclass(frozen=True, slots=True)
class Ticket:
    value: str
    expires_at: float  # unix seconds


class TicketStore:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def issue_sse_ticket(self, user_id: str, ttl_s: int) -> Ticket:
        value = secrets.token_urlsafe(32)
        await self._redis.set(_SSE_PREFIX + value, user_id, ex=ttl_s)
        return Ticket(value, time.time() + ttl_s)

    async def consume_sse_ticket(self, value: str) -> str | None:
        """The user id the ticket was issued to, once; None for an unknown, used or expired ticket."""
        if not value or len(value) > 128:
            return None
        user_id = await self._redis.getdel(_SSE_PREFIX + value)
        return user_id.decode() if isinstance(user_id, bytes) else user_id

    async def issue_calendar_link(self, access_token: str, token_expires_at: float, ttl_s: int) -> Ticket:
        ttl = max(1, min(ttl_s, int(token_expires_at - time.time())))
        value = secrets.token_urlsafe(32)
        await self._redis.set(_CALENDAR_PREFIX + value, json.dumps({"token": access_token}), ex=ttl)
        return Ticket(value, time.time() + ttl)

    async def calendar_access_token(self, value: str) -> str | None:
        if not value or len(value) > 128:
            return None
        raw = await self._redis.get(_CALENDAR_PREFIX + value)
        return json.loads(raw)["token"] if raw else None
