"""Small helpers shared by tests."""

from __future__ import annotations

import asyncio

import pytest


async def wait_for(predicate, timeout_s: float = 10.0, interval_s: float = 0.05):
    """Poll until predicate() (sync or async) is truthy; returns its value or fails the test."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        value = predicate()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"condition not met within {timeout_s} s")
        await asyncio.sleep(interval_s)


def user_token(user_id: str, *, ttl_s: int = 300, **kwargs) -> str:
    """An access token for `user_id`, signed with the test session's user key (as profile_service would)."""
    from common.auth import TokenSigner
    from common.settings import get_settings

    return TokenSigner.for_users(get_settings()).sign(user_id, ttl_s=ttl_s, **kwargs)[0]


def service_token(name: str, scopes: set[str], *, ttl_s: int = 300) -> str:
    from common.auth import TokenSigner
    from common.settings import get_settings

    return TokenSigner.for_services(get_settings()).sign(f"service:{name}", ttl_s=ttl_s, scopes=scopes)[0]


def bearer(token: str) -> list[tuple[str, str]]:
    """gRPC call metadata carrying a bearer token: stub.Method(request, metadata=bearer(token))."""
    return [("authorization", f"Bearer {token}")]


def with_database(dsn: str, database: str) -> str:
    """The same server DSN, naming another database."""
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(dsn)._replace(path=f"/{database}"))


async def create_database(server_dsn: str, prefix: str) -> tuple[str, str]:
    """Create a uniquely named database on the server; returns (name, its DSN)."""
    import uuid

    import asyncpg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f"CREATE DATABASE {name}")
    finally:
        await admin.close()
    return name, with_database(server_dsn, name)


async def drop_database(server_dsn: str, name: str) -> None:
    import asyncpg

    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await admin.close()


async def clear_rate_limits(redis_url: str) -> None:
    """Forget the gateway's rate-limit counters: every test client comes from 127.0.0.1."""
    from common.bus import connect

    client = connect(redis_url)
    try:
        for key in await client.keys("gateway:ratelimit:*"):
            await client.delete(key)
    finally:
        await client.aclose()
