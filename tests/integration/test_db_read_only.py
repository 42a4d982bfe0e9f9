"""`common.db.read_only`: a pooled connection given back after plain SELECTs skips the session reset's
round trip (the inbox's and the board's reads); every other use of the pool, and a read that fails, is
reset as asyncpg does by default (advisory locks released, session settings back to their defaults).

Seen through the one connection of a pool of size 1: a session setting made in a block is still there at
the next acquisition when, and only when, the reset was skipped.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from common.db import create_pool, read_only

LOCK_KEY = 20_2026


@pytest.fixture
async def pool(database_url: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await create_pool(database_url, min_size=1, max_size=1)
    yield pool
    await pool.close()


async def setting_left(pool: asyncpg.Pool) -> str:
    async with pool.acquire() as conn:
        return await conn.fetchval("SELECT current_setting('jobmate.probe', true)") or ""


async def lock_free(database_url: str) -> bool:
    """Whether another session can take the advisory lock (and it lets go at once)."""
    other = await asyncpg.connect(database_url)
    try:
        return await other.fetchval("SELECT pg_try_advisory_lock($1)", LOCK_KEY)
    finally:
        await other.close()


async def test_a_read_gives_its_connection_back_without_the_reset(pool: asyncpg.Pool) -> None:
    async with read_only(pool) as conn:
        assert await conn.fetchval("SELECT 1 + 1") == 2
        await conn.execute("SELECT set_config('jobmate.probe', 'from the read', false)")
    assert await setting_left(pool) == "from the read"


async def test_any_other_use_of_the_pool_is_reset_as_before(pool: asyncpg.Pool, database_url: str) -> None:
    async with pool.acquire() as conn:
        await conn.execute("SELECT set_config('jobmate.probe', 'from a plain acquire', false)")
        await conn.execute("SELECT pg_advisory_lock($1)", LOCK_KEY)
    assert await setting_left(pool) == ""
    assert await lock_free(database_url)


async def test_the_reset_is_skipped_once_only(pool: asyncpg.Pool) -> None:
    async with read_only(pool):
        pass
    async with pool.acquire() as conn:  # the same connection, used as any other this time
        await conn.execute("SELECT set_config('jobmate.probe', 'later', false)")
    assert await setting_left(pool) == ""


async def test_a_read_that_fails_is_reset(pool: asyncpg.Pool, database_url: str) -> None:
    with pytest.raises(asyncpg.UndefinedTableError):
        async with read_only(pool) as conn:
            await conn.execute("SELECT set_config('jobmate.probe', 'from a failed read', false)")
            await conn.execute("SELECT pg_advisory_lock($1)", LOCK_KEY)
            await conn.fetch("SELECT * FROM no_such_table")
    assert await setting_left(pool) == ""
    assert await lock_free(database_url)


async def test_a_read_left_in_a_transaction_is_rolled_back_and_reset(pool: asyncpg.Pool) -> None:
    async with read_only(pool) as conn:
        await conn.execute("SELECT set_config('jobmate.probe', 'before the transaction', false)")
        await conn.execute("BEGIN")
    assert await setting_left(pool) == ""
