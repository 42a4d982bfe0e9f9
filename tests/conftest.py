"""Test harness: real PostgreSQL and Redis for every integration test.

With DATABASE_URL / REDIS_URL set, tests use those servers (each test database is created fresh and
dropped afterwards); otherwise an embedded PostgreSQL and an embedded Redis are started once for the
session in a temporary directory. Token keys are generated per session; JOBMATE_ENV is "test".
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
import redis

from common.bus import Bus
from common.db import create_pool, migrate
from common.outbox import outbox_migrations
from devtools.devstack import EmbeddedPostgres, EmbeddedRedis
from tests.helpers import create_database, drop_database, with_database


@pytest.fixture(scope="session")
def test_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("jobmate-data")


@pytest.fixture(scope="session", autouse=True)
def test_environment(test_data_dir: Path) -> Iterator[None]:
    """Settings for code under test: test mode, keys under the session's data dir."""
    from common.auth import ensure_dev_keys
    from common.settings import Settings, get_settings

    saved = dict(os.environ)
    os.environ["JOBMATE_ENV"] = "test"
    os.environ["DATA_DIR"] = str(test_data_dir)
    ensure_dev_keys(Settings())
    get_settings.cache_clear()
    yield
    os.environ.clear()
    os.environ.update(saved)
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def postgres_server_dsn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """DSN of a PostgreSQL server's maintenance database (`postgres`)."""
    external = os.environ.get("DATABASE_URL")
    if external:
        yield with_database(external, "postgres")
        return
    # Not under pytest's tmp dirs: those are private to root, and as root the embedded server runs as
    # an unprivileged user that must be able to reach its data directory.
    parent = Path(tempfile.mkdtemp(prefix="jobmate-test-pg-"))
    parent.chmod(0o755)
    server = EmbeddedPostgres(parent / "data")
    dsn = server.start()
    try:
        yield with_database(dsn, "postgres")
    finally:
        server.stop()
        shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture
async def database_url(postgres_server_dsn: str) -> AsyncIterator[str]:
    """A brand-new, empty database for one test."""
    name, url = await create_database(postgres_server_dsn, "jm_test")
    yield url
    await drop_database(postgres_server_dsn, name)


@pytest.fixture(scope="session")
def redis_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the session's Redis server (REDIS_URL, or an embedded one)."""
    external = os.environ.get("REDIS_URL")
    if external:
        yield external
        return
    server = EmbeddedRedis(tmp_path_factory.mktemp("redis"), persist=False)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


_redis_databases = itertools.count()


def fresh_redis_database(server_url: str) -> str:
    """A flushed logical database of the server (1-15 in turn), so that no test sees another's keys.

    Without it, state that is right in production leaks between tests: every test client comes from
    127.0.0.1, so per-address rate limits filled by one test refuse the next. Tests run one at a time;
    with REDIS_URL set, databases 1-15 of that server are flushed.
    """
    database = next(_redis_databases) % 15 + 1
    url = urlunsplit(urlsplit(server_url)._replace(path=f"/{database}"))
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()
    return url


@pytest.fixture
def redis_url(redis_server_url: str) -> str:
    """Redis for one test: a freshly flushed logical database of the session's server."""
    return fresh_redis_database(redis_server_url)


@pytest.fixture
async def bus(redis_url: str) -> AsyncIterator[Bus]:
    """The project's Redis bus on the test's own Redis database."""
    bus = Bus.from_url(redis_url)
    yield bus
    await bus.close()


@pytest.fixture
async def outbox_pool(database_url: str, tmp_path: Path) -> AsyncIterator[asyncpg.Pool]:
    """A pool on a scratch schema `svc` with the outbox, and a `failures` table for give-up hooks to write."""
    migrations = tmp_path / "outbox-test-migrations"
    migrations.mkdir()
    (migrations / "0001_failures.sql").write_text(
        "CREATE TABLE failures (command_id uuid PRIMARY KEY, reason text NOT NULL);")
    await migrate(database_url, schema="svc", directory=migrations, before=outbox_migrations())
    pool = await create_pool(database_url, schema="svc")
    yield pool
    await pool.close()


@pytest.fixture
def restartable_redis(tmp_path: Path) -> Iterator[EmbeddedRedis]:
    """A Redis of the test's own, which the test may stop, restart or keep down."""
    server = EmbeddedRedis(tmp_path / "redis", persist=False)
    server.start()
    try:
        yield server
    finally:
        server.stop()



# --- in-process services ------------------------------------------------------------------------------
class InProcessServices:
    """Real gRPC servers of the project's services, in the test's event loop, on free loopback ports,
    against the test's own database and Redis. Addresses are fixed up front so services can call
    each other whatever order they start in."""

    def __init__(self, database_url: str, redis_url: str, data_dir: Path) -> None:
        from devtools.devstack import free_port

        self.ports = {name: free_port() for name in ("profile_service", "tracker_service", "discovery_service")}
        self.database_url = database_url
        self.redis_url = redis_url
        self.data_dir = data_dir
        self.runtimes: dict = {}

    def settings(self, settings_class=None, **overrides):
        """Settings of `settings_class` (a process's own class, default the shared one) pointing at the
        test's database, Redis and services; overrides a class does not have are ignored."""
        from common.settings import Settings

        values = dict(jobmate_env="test", data_dir=self.data_dir, database_url=self.database_url,
                      redis_url=self.redis_url, shutdown_drain_s=0.0, shutdown_grace_s=1.0,
                      profile_addr=self.address("profile_service"), tracker_addr=self.address("tracker_service"),
                      discovery_addr=self.address("discovery_service"), cv_storage_dir=self.data_dir / "cv")
        values.update(overrides)
        return (settings_class or Settings)(**values)

    def address(self, name: str) -> str:
        return f"127.0.0.1:{self.ports[name]}"

    async def start(self, name: str, **setting_overrides):
        """Start one service (profile_service, tracker_service or discovery_service); returns its runtime."""
        import importlib

        from devtools.processes import BY_NAME

        server = importlib.import_module(f"{name}.server")
        runtime = server.make_runtime(self.settings(BY_NAME[name].settings_class, **setting_overrides))
        await runtime.start(server.build, port=self.ports[name], host="127.0.0.1")
        self.runtimes[name] = runtime
        return runtime

    async def stop(self, name: str) -> None:
        runtime = self.runtimes.pop(name, None)
        if runtime is not None:
            await runtime.shutdown()

    async def stop_all(self) -> None:
        for name in list(self.runtimes):
            await self.stop(name)


@pytest.fixture
async def services(database_url: str, redis_url: str, test_data_dir: Path) -> AsyncIterator[InProcessServices]:
    """Start the services a test needs: `await services.start("tracker_service")`."""
    mesh = InProcessServices(database_url, redis_url, test_data_dir)
    yield mesh
    await mesh.stop_all()
