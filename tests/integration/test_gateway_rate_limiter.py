"""The gateway's rate limiter against the test Redis, on a clock the test moves."""

from __future__ import annotations

import uuid

import pytest

from common.bus import connect
from gateway.errors import ApiError
from gateway.security import RateLimiter

WINDOW_S = 100
LIMIT = 3


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def limiter_and_clock(redis_url: str):
    client = connect(redis_url)
    clock = Clock(1_000_000 * WINDOW_S + 97)  # three seconds before a window's end
    try:
        yield RateLimiter(client, window_s=WINDOW_S, prefix=f"test:{uuid.uuid4().hex}:", clock=clock), clock
    finally:
        await client.aclose()


async def attempt(limiter: RateLimiter, key: str = "someone") -> int | None:
    """None when the attempt is let through, else the seconds the refusal asks to wait."""
    try:
        await limiter.hit("login", "account", key, LIMIT)
    except ApiError as error:
        assert error.extensions["code"] == "RATE_LIMITED"
        assert f"try again in {error.extensions['retryAfterSeconds']} seconds" in error.message
        return error.extensions["retryAfterSeconds"]
    return None


async def test_a_window_boundary_does_not_double_the_limit(limiter_and_clock) -> None:
    limiter, clock = limiter_and_clock
    for _ in range(LIMIT):
        assert await attempt(limiter) is None
    assert await attempt(limiter) is not None
    clock.now += 4  # one second into the next clock-aligned window: a fixed window would start afresh
    waits = [await attempt(limiter) for _ in range(LIMIT)]
    assert all(wait is not None for wait in waits), waits
    assert await attempt(limiter, "someone else") is None  # every key has its own budget


async def test_the_wait_it_names_is_exact(limiter_and_clock) -> None:
    limiter, clock = limiter_and_clock
    for _ in range(LIMIT):
        await attempt(limiter)
        clock.now += 10
    wait = await attempt(limiter)
    assert wait == WINDOW_S - 3 * 10  # until the first of the three leaves the window
    clock.now += wait - 1
    assert await attempt(limiter) == 1  # a second early is still too early, and refusals are not held against it
    clock.now += 1
    assert await attempt(limiter) is None
    assert await attempt(limiter) == 10  # now the second attempt has to leave the window


async def test_attempts_spread_over_time_are_let_through(limiter_and_clock) -> None:
    limiter, clock = limiter_and_clock
    for _ in range(4 * LIMIT):
        assert await attempt(limiter) is None
        clock.now += WINDOW_S / LIMIT + 1
