"""Warnings about Redis being down: once a minute per kind, with how many were held back, not once a request."""

from __future__ import annotations

import logging

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from common.log import ThrottledLog
from gateway import caller, security
from gateway.caller import Authenticator
from gateway.security import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def warnings(caplog: pytest.LogCaptureFixture, message: str) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno == logging.WARNING and record.getMessage() == message]


def test_a_repeated_warning_is_written_once_per_period_with_the_count_held_back(caplog) -> None:
    clock = Clock()
    log = ThrottledLog(logging.getLogger("test.throttled"), every_s=60, clock=clock)
    with caplog.at_level(logging.WARNING):
        assert log.warning("redis", "Redis is down", extra={"error": "refused"}) is True
        for _ in range(99):
            clock.now += 0.5
            assert log.warning("redis", "Redis is down") is False
        clock.now += 60
        assert log.warning("redis", "Redis is down") is True
    written = warnings(caplog, "Redis is down")
    assert [record.suppressed for record in written] == [0, 99]
    assert written[0].error == "refused"


def test_each_kind_has_its_own_period(caplog) -> None:
    log = ThrottledLog(logging.getLogger("test.throttled"), every_s=60, clock=Clock())
    with caplog.at_level(logging.WARNING):
        assert log.warning("sessions", "cannot check sessions")
        assert log.warning("limiter", "limiter down")
        assert not log.warning("sessions", "cannot check sessions")
    assert len(warnings(caplog, "cannot check sessions")) == 1
    assert len(warnings(caplog, "limiter down")) == 1


class _RedisDown:
    """A Redis client whose every call fails as a refused connection does."""

    def register_script(self, _script: str):
        async def run(**_kwargs):
            raise RedisConnectionError("Connection refused")
        return run

    async def exists(self, *_keys: str) -> int:
        raise RedisConnectionError("Connection refused")


async def test_the_gateway_says_once_that_it_cannot_check_sessions_and_lets_requests_through(caplog, monkeypatch) -> None:
    from common.sessions import EndedSessions

    monkeypatch.setattr(caller, "_redis_down_log", ThrottledLog(caller.log, clock=Clock()))
    authenticator = Authenticator(verifier=None, ended_sessions=EndedSessions(_RedisDown()))  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING):
        for _ in range(50):
            assert await authenticator.session_still_live("session-1", 0) is True
    written = warnings(caplog, "cannot check whether a session has ended")
    assert len(written) == 1
    assert "Connection refused" in written[0].error


async def test_the_rate_limiter_says_once_that_it_is_down_and_lets_attempts_through(caplog, monkeypatch) -> None:
    monkeypatch.setattr(security, "_redis_down_log", ThrottledLog(security.log, clock=Clock()))
    limiter = RateLimiter(_RedisDown(), window_s=60)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING):
        for _ in range(50):
            await limiter.hit("login", "account", "someone", 3)  # no RATE_LIMITED: let through
    assert len(warnings(caplog, "rate limiter unavailable; letting the attempt through")) == 1
