"""`make dev` as a user runs it: with no DATABASE_URL/REDIS_URL it starts the embedded servers and all
five processes. Ctrl-C (SIGINT to the whole process group, as a terminal or a supervisor sends it)
stops everything cleanly: exit 0 or 130, no make "Error" line, no warning while shutting down, even with
a live SSE client. Started again on the same data directory, what was stored is still there, and the
rate limits of the earlier run are gone. A port already taken is named, with what holds it, before
anything starts."""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest
import redis

from common.settings import REPO_ROOT
from devtools.devstack import free_port

pytestmark = pytest.mark.e2e

PORT_NAMES = ("gateway", "ai_coach", "profile", "tracker", "discovery", "redis")


def devstack_env(data_dir: Path, ports: dict[str, int], **extra: str) -> dict[str, str]:
    # Not the outer make's jobserver or level either, when the tests run under `make test`.
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update({
        "JOBMATE_ENV": "dev", "DATA_DIR": str(data_dir),
        "GATEWAY_PORT": str(ports["gateway"]), "AI_COACH_HEALTH_PORT": str(ports["ai_coach"]),
        "PROFILE_ADDR": f"localhost:{ports['profile']}", "TRACKER_ADDR": f"localhost:{ports['tracker']}",
        "DISCOVERY_ADDR": f"localhost:{ports['discovery']}", "EMBEDDED_REDIS_PORT": str(ports["redis"]),
        "SHUTDOWN_DRAIN_S": "0.2", **extra,
    })
    return env


def start_make_dev(env: dict[str, str], log: Path) -> subprocess.Popen:
    """`make dev` as the leader of its own process group, as a terminal's foreground job is."""
    return subprocess.Popen(["make", "--no-print-directory", "dev"], cwd=REPO_ROOT, env=env,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)


def start_devstack(env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "devtools.devstack"], cwd=REPO_ROOT, env=env,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)


def wait_for_line(log: Path, text: str, process: subprocess.Popen, timeout_s: float = 180, *,
                  after: int = 0) -> None:
    """Wait until `text` appears in the log past offset `after` (the log is shared by both runs)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace")[after:]:
            return
        if process.poll() is not None:
            pytest.fail(f"devstack exited early ({process.returncode}):\n{log.read_text()[-3000:]}")
        time.sleep(0.2)
    pytest.fail(f"{text!r} not printed within {timeout_s} s:\n{log.read_text()[-3000:]}")


def database_url(data_dir: Path) -> str:
    return f"postgresql://postgres@/jobmate?host={data_dir / 'postgres'}"


def graphql(port: int, query: str, token: str | None = None) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"content-type": "application/json",
                                              **({"authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def register(port: int, email: str) -> dict:
    """The README's "Try it" sign-up."""
    return graphql(port, f'mutation {{ register(email: "{email}", password: "a long passphrase", fullName: "Ada")'
                         " { accessToken } }")


def open_event_stream(port: int, token: str) -> http.client.HTTPConnection:
    """A live SSE client (the README's `curl -sN /events`), left open while the mesh stops."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/events", headers={"authorization": f"Bearer {token}"})
    response = connection.getresponse()
    assert response.status == 200 and response.getheader("content-type", "").startswith("text/event-stream")
    return connection


def shutdown_problems(text: str) -> list[str]:
    """Lines after "[devstack] stopping" that a clean stop must not print: warnings, errors, tracebacks,
    a child's non-zero exit."""
    _, _, shutdown = text.partition("[devstack] stopping")
    problems = []
    for line in shutdown.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if isinstance(record, dict):
            if record.get("level") not in ("info", "debug"):
                problems.append(line)
        elif re.search(r"warning|error|traceback|exited with code", line, re.IGNORECASE):
            problems.append(line)
    return problems


@pytest.fixture
def data_dir() -> Iterator[Path]:
    # The embedded PostgreSQL runs as an unprivileged user when we are root: it needs a reachable dir.
    path = Path(tempfile.mkdtemp(prefix="jobmate-devstack-"))
    path.chmod(0o755)
    yield path
    if not os.environ.get("KEEP_DEVSTACK_DIR"):
        shutil.rmtree(path, ignore_errors=True)


def test_make_dev_stops_cleanly_on_sigint_to_its_group_keeps_data_and_forgets_rate_limits(data_dir: Path) -> None:
    log = data_dir / "devstack.log"
    ports = {name: free_port() for name in PORT_NAMES}
    # One sign-up per address per window, so the second one of a run is refused.
    env = devstack_env(data_dir, ports, GATEWAY_REGISTER_PER_ADDRESS="1")
    process = start_make_dev(env, log)
    events = None
    try:
        wait_for_line(log, "Press Ctrl-C to stop.", process)

        async def store() -> None:
            conn = await asyncpg.connect(database_url(data_dir))
            await conn.execute("CREATE TABLE public.kept (note text); INSERT INTO public.kept VALUES ('survives')")
            await conn.close()

        asyncio.run(store())
        redis.Redis(port=ports["redis"]).set("kept", "survives")
        token = register(ports["gateway"], "ada@example.org")["data"]["register"]["accessToken"]
        refused = register(ports["gateway"], "grace@example.org")
        assert refused["errors"][0]["extensions"]["code"] == "RATE_LIMITED", refused
        events = open_event_stream(ports["gateway"], token)

        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        code = process.wait(120)
        assert code in (0, 130, -signal.SIGINT), code
        text = log.read_text(errors="replace")
        assert not [line for line in text.splitlines() if line.startswith("make") and "Error" in line], text[-3000:]
        assert "[devstack] stopped" in text
        for name in ("profile_service", "tracker_service", "discovery_service"):
            assert f'"service": "{name}", "logger": "common.service", "msg": "stopped"' in text, name
        assert shutdown_problems(text) == [], text[text.find("[devstack] stopping"):][-4000:]
        for port in ports.values():  # nothing of the first run is left behind
            with socket.socket() as probe:
                assert probe.connect_ex(("127.0.0.1", port)) != 0, port

        first_run_length = len(log.read_text(errors="replace"))
        process = start_devstack(devstack_env(data_dir, ports, GATEWAY_REGISTER_PER_ADDRESS="1"), log)
        wait_for_line(log, "Press Ctrl-C to stop.", process, after=first_run_length)

        async def read() -> str:
            conn = await asyncpg.connect(database_url(data_dir))
            try:
                return await conn.fetchval("SELECT note FROM public.kept")
            finally:
                await conn.close()

        assert asyncio.run(read()) == "survives"
        assert redis.Redis(port=ports["redis"]).get("kept") == b"survives"
        # In dev mode the earlier run's rate limits are forgotten: this sign-up is not refused.
        again = register(ports["gateway"], "grace@example.org")
        assert again.get("errors") is None and again["data"]["register"]["accessToken"], again
        process.send_signal(signal.SIGTERM)
        assert process.wait(120) == 0
        assert shutdown_problems(log.read_text(errors="replace")[first_run_length:]) == []
    finally:
        if events is not None:
            events.close()
        if process.poll() is None:  # a failed assertion: stop what is left, the whole group for make
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM) if process.args[0] == "make" else process.terminate()
            process.wait(60)


def test_make_dev_refuses_to_start_when_a_port_is_taken_and_names_what_holds_it(data_dir: Path) -> None:
    ports = {name: free_port() for name in PORT_NAMES}
    log = data_dir / "devstack.log"
    with socket.socket() as squatter:  # say, the gateway of a `make dev` already running
        squatter.bind(("127.0.0.1", ports["gateway"]))
        squatter.listen()
        process = start_devstack(devstack_env(data_dir, ports), log)
        code = process.wait(120)
    text = log.read_text(errors="replace")
    assert code == 1, text
    assert f"port {ports['gateway']} (gateway) is already in use by pid {os.getpid()}" in text, text
    assert "GATEWAY_PORT" in text  # how to move it
    assert "starting embedded PostgreSQL" not in text  # refused before starting anything
    assert not (data_dir / "postgres").exists()
