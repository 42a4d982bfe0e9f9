"""Short-lived SSE tickets in Redis (`GET /events?ticket=…`).

EventSource cannot send headers, and a long-lived token must never sit in a URL (logs, history,
Referer). A ticket maps to a user id (and the sign-in session and expiry of the access token it was
issued to, so the stream it opens ends with that token), lives about a minute and is consumed by the
first connection that presents it. (The calendar URL needs no ticket: it carries a feed token the
tracker issues.)
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass

import redis.asyncio as redis

from common.auth import Identity

_SSE_PREFIX = "gateway:sse-ticket:"


@dataclass(frozen=True, slots=True)
class Ticket:
    value: str
    expires_at: float  # unix seconds


@dataclass(frozen=True, slots=True)
class TicketHolder:
    """Whom a ticket was issued to: the user, and the session and expiry of the token that asked for it."""

    user_id: str
    session_id: str = ""
    expires_at: float = 0.0  # unix seconds; 0: unknown


class TicketStore:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def issue_sse_ticket(self, identity: Identity, ttl_s: int) -> Ticket:
        value = secrets.token_urlsafe(32)
        holder = {"user_id": identity.user_id, "session_id": identity.session_id, "expires_at": identity.expires_at}
        await self._redis.set(_SSE_PREFIX + value, json.dumps(holder), ex=ttl_s)
        return Ticket(value, time.time() + ttl_s)

    async def consume_sse_ticket(self, value: str) -> TicketHolder | None:
        """Whom the ticket was issued to, once; None for an unknown, used or expired ticket."""
        if not value or len(value) > 128:
            return None
        stored = await self._redis.getdel(_SSE_PREFIX + value)
        if stored is None:
            return None
        try:
            return TicketHolder(**json.loads(stored))
        except (ValueError, TypeError):  # a bare user id: issued before an upgrade, at most a minute ago
            return TicketHolder(stored.decode() if isinstance(stored, bytes) else stored)
