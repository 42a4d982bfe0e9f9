"""Slowing down password guessing, per account and per client address, with counters in Redis.

Each key (an account's normalised email, hashed; or a client address) has a failure count. The first
`free_failures` cost nothing; each failure after that locks the key for `base_lock_s` doubling with every
further failure, up to `max_lock_s`. While a key is locked, sign-in is refused with the time to wait,
without checking the password (so a locked account tells an attacker nothing). A successful sign-in
clears the account's counter but not the address's, so one valid account cannot launder an address
that is guessing at others. Counters forget after `window_s` without failures.

When Redis is unreachable the check is skipped (logged): sign-in stays available, and argon2 still
makes each guess expensive.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass

import redis.asyncio as redis
from redis.exceptions import RedisError

from common.errors import ResourceExhausted

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ThrottleRule:
    free_failures: int
    base_lock_s: float
    max_lock_s: float
    window_s: int = 24 * 3600


ACCOUNT_RULE = ThrottleRule(free_failures=5, base_lock_s=30, max_lock_s=15 * 60)
ADDRESS_RULE = ThrottleRule(free_failures=20, base_lock_s=30, max_lock_s=15 * 60)

# KEYS[1]: the counter hash. ARGV: now, free failures, base lock, max lock, window.
_RECORD_FAILURE = """
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local over = failures - tonumber(ARGV[2])
if over >= 0 then
  local lock = math.min(tonumber(ARGV[3]) * (2 ^ over), tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'locked_until', tostring(tonumber(ARGV[1]) + lock))
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
return failures
"""


# Every counter's key starts with this and a colon (`make dev` clears them at start; in production
# they persist).
THROTTLE_KEY_PREFIX = "profile:login"


class LoginThrottle:
    def __init__(self, client: redis.Redis, *, account_rule: ThrottleRule = ACCOUNT_RULE,
                 address_rule: ThrottleRule = ADDRESS_RULE, prefix: str = THROTTLE_KEY_PREFIX) -> None:
        self._redis = client
        self._rules = {"account": account_rule, "address": address_rule}
        self._prefix = prefix
        self._record = client.register_script(_RECORD_FAILURE)

    def _keys(self, email: str, address: str) -> dict[str, str]:
        # Hashed so Redis holds no email addresses.
        account = hashlib.sha256(email.encode()).hexdigest()
        return {"account": f"{self._prefix}:account:{account}", "address": f"{self._prefix}:address:{address}"}

    async def check(self, *, email: str, address: str) -> None:
        """Raise ResourceExhausted when the account or the address is locked."""
        keys = self._keys(email, address)
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for key in keys.values():
                    pipe.hget(key, "locked_until")
                values = await pipe.execute()
        except RedisError as exc:
            log.warning("login throttle unavailable; not enforced", extra={"error": str(exc)})
            return
        now = time.time()
        wait_s = max((float(v) - now for v in values if v is not None), default=0.0)
        if wait_s > 0:
            seconds = max(1, math.ceil(wait_s))
            raise ResourceExhausted(f"too many failed sign-in attempts; try again in {seconds} seconds")

    async def record_failure(self, *, email: str, address: str) -> None:
        now = time.time()
        try:
            for kind, key in self._keys(email, address).items():
                rule = self._rules[kind]
                await self._record(keys=[key], args=[now, rule.free_failures, rule.base_lock_s, rule.max_lock_s,
                                                     rule.window_s])
        except RedisError as exc:
            log.warning("login throttle unavailable; failure not counted", extra={"error": str(exc)})

    async def record_success(self, *, email: str) -> None:
        try:
            await self._redis.delete(self._keys(email, "")["account"])
        except RedisError as exc:
            log.warning("login throttle unavailable; counter not cleared", extra={"error": str(exc)})
