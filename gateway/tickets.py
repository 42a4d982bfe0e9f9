"""Short-lived SSE tickets in Redis (`GET /events?ticket=…`).

EventSource cannot send headers, and a long-lived token must never sit in a URL (logs, history,
Referer). A ticket maps to a user id, lives about a minute and is consumed by the first connection
that presents it. (The calendar URL needs no ticket: it carries a feed token the tracker issues.)
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

import redis.asyncio as redis

_SSE_PREFIX = "gateway:sse-ticket:"


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
