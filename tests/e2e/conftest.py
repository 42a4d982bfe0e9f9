"""The whole mesh as `make dev` runs it: five child processes on free ports, real PostgreSQL and Redis."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.devstack import Mesh, free_port
from devtools.processes import PROCESSES


@pytest.fixture
def mesh_factory(database_url: str, redis_url: str, test_data_dir: Path, tmp_path: Path) -> Iterator:
    """Builds a Mesh on a fresh database; stops every process it started at the end of the test."""
    started: list[Mesh] = []

    def make(extra_env: dict[str, str] | None = None) -> Mesh:
        env = {"JOBMATE_ENV": "test", "DATA_DIR": str(test_data_dir), "DATABASE_URL": database_url,
               "REDIS_URL": redis_url, "SHUTDOWN_DRAIN_S": "0.2", "CV_STORAGE_DIR": str(tmp_path / "cv"),
               **(extra_env or {})}
        mesh = Mesh(env=env, ports={name: free_port() for name in PROCESSES}, log_dir=tmp_path / "logs")
        started.append(mesh)
        return mesh

    yield make
    for mesh in started:
        mesh.stop()
    # Always printed: pytest shows a test's captured output only when it fails, and then the processes'
    # logs are what says why (a rare failure under load must be readable from the CI log alone).
    for log in sorted((tmp_path / "logs").glob("*.log")):
        print(f"--- {log.name}\n{log.read_text()[-4000:]}")


class RunningMesh:
    """All five processes on one fresh database, shared by the tests of a module."""

    def __init__(self, mesh: Mesh) -> None:
        self.mesh = mesh

    @property
    def graphql_url(self) -> str:
        return f"http://127.0.0.1:{self.mesh.ports['gateway']}/graphql"

    def log_lines(self, needle: str, limit: int = 20) -> list[str]:
        """Log lines of every process that mention `needle` (e.g. a request id), to explain a failure."""
        found: list[str] = []
        for log in sorted(self.mesh.log_dir.glob("*.log")) if self.mesh.log_dir else []:
            for line in log.read_text(errors="replace").splitlines():
                if needle in line:
                    found.append(f"{log.stem}: {line[:3000]}")
        return found[-limit:]


@pytest.fixture(scope="module")
def running_mesh(postgres_server_dsn: str, redis_server_url: str, test_data_dir: Path,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningMesh]:
    import asyncio

    from tests.conftest import fresh_redis_database
    from tests.helpers import create_database, drop_database

    redis_url = fresh_redis_database(redis_server_url)
    name, database_url = asyncio.run(create_database(postgres_server_dsn, "jm_mesh"))
    work = tmp_path_factory.mktemp("mesh")
    env = {"JOBMATE_ENV": "test", "DATA_DIR": str(test_data_dir),
           "DATABASE_URL": database_url, "REDIS_URL": redis_url,
           "SHUTDOWN_DRAIN_S": "0.2", "CV_STORAGE_DIR": str(work / "cv")}
    mesh = Mesh(env=env, ports={p: free_port() for p in PROCESSES}, log_dir=work / "logs")
    mesh.start()
    try:
        mesh.wait_healthy(timeout_s=90)
        yield RunningMesh(mesh)
    finally:
        mesh.stop()
        asyncio.run(drop_database(postgres_server_dsn, name))
