"""The migration runner: order, idempotence, concurrent runners, all-or-nothing failures."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from common.db import MigrationError, migrate


def write(directory: Path, name: str, sql: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(sql)


async def test_applies_in_order_and_records(database_url: str, tmp_path: Path) -> None:
    # 0002 depends on 0001's table: only ordered application succeeds.
    write(tmp_path, "0002_add_email.sql", "ALTER TABLE users ADD COLUMN email text;")
    write(tmp_path, "0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);")
    write(tmp_path, "0010_index.sql", "CREATE INDEX users_email ON users (email);")

    applied = await migrate(database_url, schema="demo", directory=tmp_path)

    assert applied == ["0001", "0002", "0010"]
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch("SELECT version, name FROM demo.schema_migrations ORDER BY version")
        assert [(r["version"], r["name"]) for r in rows] == [("0001", "users"), ("0002", "add_email"),
                                                             ("0010", "index")]
        columns = await conn.fetch("SELECT column_name FROM information_schema.columns "
                                   "WHERE table_schema = 'demo' AND table_name = 'users' ORDER BY column_name")
        assert [c["column_name"] for c in columns] == ["email", "id"]
    finally:
        await conn.close()


async def test_second_run_is_a_no_op(database_url: str, tmp_path: Path) -> None:
    write(tmp_path, "0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);")
    assert await migrate(database_url, schema="demo", directory=tmp_path) == ["0001"]
    assert await migrate(database_url, schema="demo", directory=tmp_path) == []
    write(tmp_path, "0002_more.sql", "CREATE TABLE more (id int);")
    assert await migrate(database_url, schema="demo", directory=tmp_path) == ["0002"]


async def test_editing_an_applied_migration_is_refused(database_url: str, tmp_path: Path) -> None:
    write(tmp_path, "0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);")
    await migrate(database_url, schema="demo", directory=tmp_path)
    write(tmp_path, "0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
    with pytest.raises(MigrationError, match="changed after it was applied"):
        await migrate(database_url, schema="demo", directory=tmp_path)


async def test_concurrent_runners_apply_each_migration_once(database_url: str, tmp_path: Path) -> None:
    # pg_sleep widens the window in which a second runner would re-apply without the advisory lock;
    # CREATE TABLE without IF NOT EXISTS fails loudly if that ever happens.
    write(tmp_path, "0001_slow.sql", "SELECT pg_sleep(0.5); CREATE TABLE once (id int);")
    write(tmp_path, "0002_counter.sql", "CREATE TABLE counter (n int); INSERT INTO counter VALUES (1);")

    results = await asyncio.gather(*(migrate(database_url, schema="demo", directory=tmp_path) for _ in range(4)))

    assert sorted(v for result in results for v in result) == ["0001", "0002"]
    conn = await asyncpg.connect(database_url)
    try:
        assert await conn.fetchval("SELECT count(*) FROM demo.counter") == 1
    finally:
        await conn.close()


async def test_failing_migration_leaves_nothing_half_applied(database_url: str, tmp_path: Path) -> None:
    write(tmp_path, "0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);")
    # The first statement would succeed on its own; the second fails, so neither may remain.
    write(tmp_path, "0002_broken.sql", "CREATE TABLE half (id int);\nALTER TABLE missing ADD COLUMN x int;")

    with pytest.raises(MigrationError, match="0002_broken failed"):
        await migrate(database_url, schema="demo", directory=tmp_path)

    conn = await asyncpg.connect(database_url)
    try:
        versions = await conn.fetch("SELECT version FROM demo.schema_migrations")
        assert [r["version"] for r in versions] == ["0001"]
        assert await conn.fetchval("SELECT to_regclass('demo.half')") is None
    finally:
        await conn.close()

    # Fixed, the migration applies on the next start.
    write(tmp_path, "0002_broken.sql", "CREATE TABLE half (id int);")
    assert await migrate(database_url, schema="demo", directory=tmp_path) == ["0002"]


async def test_badly_named_file_is_refused(database_url: str, tmp_path: Path) -> None:
    write(tmp_path, "1_users.sql", "CREATE TABLE users (id int);")
    with pytest.raises(MigrationError, match="NNNN_lower_snake_name"):
        await migrate(database_url, schema="demo", directory=tmp_path)
