"""Claims on command ids in Redis, so that one ai_coach replica works on each command.

Pub/sub delivers every command to every replica, and the owner's outbox re-publishes a command that has
no result yet. Before working, a replica claims the command id (`SET key token NX PX ttl`); the others
see the claim and drop their copy. While it works, the claim is renewed, so it never lapses under a slow
analysis; when a replica dies, the claim expires within one TTL, and the outbox's next publication of
the command can be claimed afresh. A finished command keeps a "done" marker for a day, so a late
duplicate is dropped without a round trip to the owner.

Claims are an optimisation against duplicate work, not the correctness guarantee: the owners' result
RPCs are idempotent by command id, so two replicas racing past an expired claim still store one result.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator

import redis.asyncio as redis

log = logging.getLogger(__name__)

KEY_PREFIX = "ai_coach:command:"
DONE = b"done"

# Delete or extend the key only while it still holds our token: after a lapse, another replica's claim
# must not be released or extended by us.
_RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"
_RENEW = ("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end"
          " return 0")
_FINISH = ("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])"
           " end return 0")


def claim_key(command_id: str) -> str:
    return f"{KEY_PREFIX}{command_id}"


class Claim:
    """A held claim; `finish()` turns it into a done marker, `release()` lets another replica take it."""

    def __init__(self, claims: CommandClaims, command_id: str, token: str) -> None:
        self._claims = claims
        self.command_id = command_id
        self.token = token

    async def finish(self) -> None:
        await self._claims._eval(_FINISH, self.command_id, self.token, DONE, self._claims.done_ttl_ms)

    async def release(self) -> None:
        await self._claims._eval(_RELEASE, self.command_id, self.token)


class CommandClaims:
    def __init__(self, client: redis.Redis, *, ttl_s: float, done_ttl_s: float) -> None:
        self._redis = client
        self.ttl_ms = max(1, int(ttl_s * 1000))
        self.done_ttl_ms = max(1, int(done_ttl_s * 1000))

    async def try_claim(self, command_id: str) -> Claim | None:
        """The claim, or None when another replica holds it or the command is already done."""
        token = uuid.uuid4().hex
        if await self._redis.set(claim_key(command_id), token, nx=True, px=self.ttl_ms):
            return Claim(self, command_id, token)
        return None

    async def state(self, command_id: str) -> bytes | None:
        """The raw key value: a claim token, DONE, or None (for tests and diagnostics)."""
        return await self._redis.get(claim_key(command_id))

    @contextlib.asynccontextmanager
    async def renewed(self, claim: Claim) -> AsyncIterator[None]:
        """Keep the claim alive (renewed every third of its TTL) for the duration of the block."""
        task = asyncio.create_task(self._renew_forever(claim))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _renew_forever(self, claim: Claim) -> None:
        interval = self.ttl_ms / 3000
        while True:
            await asyncio.sleep(interval)
            try:
                if not await self._eval(_RENEW, claim.command_id, claim.token, self.ttl_ms):
                    log.warning("claim lost while working", extra={"command_id": claim.command_id})
                    return
            except (redis.RedisError, OSError) as exc:  # Redis briefly down: try again next round
                log.warning("claim renewal failed", extra={"command_id": claim.command_id, "error": str(exc)})

    async def _eval(self, script: str, command_id: str, *args: object) -> object:
        return await self._redis.eval(script, 1, claim_key(command_id), *args)
