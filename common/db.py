"""PostgreSQL: one asyncpg pool per process, and each service's SQL migrations.

Migrations are plain files `NNNN_name.sql` in the service's `migrations/` folder, applied in order,
each in its own transaction (so a failing file leaves nothing half-applied), recorded with a checksum
in `<schema>.schema_migrations`, under a session advisory lock so replicas starting together are safe.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import asyncpg

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


# What a dropped or terminated PostgreSQL connection surfaces as: the server went away
# (PostgresConnectionError), the client noticed a closed connection (InterfaceError), or asyncpg's
# protocol was left mid-operation when the socket broke (InternalClientError, which derives from
# Exception only). The pool replaces such connections, so the operation can simply be tried again.
CONNECTION_LOST_ERRORS: tuple[type[BaseException], ...] = (
    asyncpg.PostgresConnectionError, asyncpg.InterfaceError, asyncpg.exceptions._base.InternalClientError,
    ConnectionError)


def is_connection_lost(exc: BaseException) -> bool:
    """True when `exc` means "the database connection broke", not "the query is wrong"."""
    return isinstance(exc, CONNECTION_LOST_ERRORS)


async def _init_connection(conn: asyncpg.Connection) -> None:
    for typename in ("json", "jsonb"):
        await conn.set_type_codec(typename, encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


# The server process id of the pooled connection that `read_only` is handing back after plain SELECTs
# that finished: its session holds nothing to reset (see `_reset`). A context variable, so it reaches the
# pool's release (run in a task copied from this context) and is gone once the block is left.
_clean_read: ContextVar[int | None] = ContextVar("jobmate_clean_read", default=None)


async def _reset(conn: asyncpg.Connection) -> None:
    """What the pool runs on each connection given back (after asyncpg's own local clean-up, which rolls
    back an open transaction): the session reset query (advisory locks, cursors, LISTENs, SETs), as
    asyncpg does by default, except for the connection that `read_only` is giving back. That query is one
    more round trip per request: ~5% of discovery's CPU per feed page (docs/perf/README.md)."""
    if _clean_read.get() == conn.get_server_pid():
        return
    query = conn.get_reset_query()
    if query:
        await conn.execute(query)


@asynccontextmanager
async def read_only(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:
    """A pooled connection for plain SELECTs that change nothing in the session (no advisory lock, SET,
    LISTEN, cursor or temporary table): given back without the session reset's round trip. Should the
    block fail (an error, a cancellation mid-query) or leave a transaction open, the connection is reset
    as any other."""
    token = None
    try:
        async with pool.acquire() as conn:
            yield conn
            if not conn.is_in_transaction():  # else rolled back, and reset in full
                token = _clean_read.set(conn.get_server_pid())
    finally:
        if token is not None:
            _clean_read.reset(token)


async def create_pool(dsn: str, *, schema: str | None = None, min_size: int = 1, max_size: int = 10) -> asyncpg.Pool:
    """A pool whose connections decode json/jsonb to Python objects and search the service's schema first."""
    server_settings = {"application_name": f"jobmate-{schema or 'tool'}"}
    if schema:
        server_settings["search_path"] = f"{schema},public"
    pool = await asyncpg.create_pool(dsn, min_size=min_size, max_size=max_size, init=_init_connection,
                                     server_settings=server_settings, command_timeout=30, reset=_reset)
    assert pool is not None
    return pool


@dataclass(frozen=True, slots=True)
class Migration:
    version: str
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


class MigrationError(RuntimeError):
    pass


def load_migrations(directory: Path) -> list[Migration]:
    migrations = []
    for path in sorted(directory.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name}: migration files are named NNNN_lower_snake_name.sql")
        migrations.append(Migration(match.group(1), match.group(2), path.read_text()))
    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"{directory}: two migrations share a version number")
    return migrations


async def apply_migrations(conn: asyncpg.Connection, *, schema: str, directory: Path,
                           before: list[Migration] | None = None) -> list[str]:
    """Apply the pending migrations of one schema; returns the versions applied by this call.

    `before` are shared migrations applied first (e.g. common.outbox.outbox_migrations()).
    """
    if not _IDENTIFIER.match(schema):
        raise MigrationError(f"invalid schema name {schema!r}")
    migrations = list(before or []) + load_migrations(directory)
    lock_key = int.from_bytes(hashlib.sha256(f"jobmate.migrations.{schema}".encode()).digest()[:8], "big",
                              signed=True)
    applied_now: list[str] = []
    await conn.execute("SELECT pg_advisory_lock($1)", lock_key)
    try:
        await conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        await conn.execute(
            f"""CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
                    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())""")
        done = {r["version"]: r["checksum"]
                for r in await conn.fetch(f"SELECT version, checksum FROM {schema}.schema_migrations")}
        for migration in migrations:
            if migration.version in done:
                if done[migration.version] != migration.checksum:
                    raise MigrationError(
                        f"{schema} migration {migration.version}_{migration.name} changed after it was applied; "
                        "add a new migration instead of editing an applied one")
                continue
            async with conn.transaction():
                await conn.execute(f"SET LOCAL search_path TO {schema}, public")
                try:
                    await conn.execute(migration.sql)
                except asyncpg.PostgresError as exc:
                    raise MigrationError(
                        f"{schema} migration {migration.version}_{migration.name} failed: {exc}") from exc
                await conn.execute(
                    f"INSERT INTO {schema}.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    migration.version, migration.name, migration.checksum)
            applied_now.append(migration.version)
            log.info("migration applied", extra={"schema": schema, "migration": f"{migration.version}_{migration.name}"})
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", lock_key)
    return applied_now


async def migrate(dsn_or_pool: str | asyncpg.Pool, *, schema: str, directory: Path,
                  before: list[Migration] | None = None) -> list[str]:
    if isinstance(dsn_or_pool, str):
        conn = await asyncpg.connect(dsn_or_pool)
        try:
            return await apply_migrations(conn, schema=schema, directory=directory, before=before)
        finally:
            await conn.close()
    async with dsn_or_pool.acquire() as conn:
        return await apply_migrations(conn, schema=schema, directory=directory, before=before)
