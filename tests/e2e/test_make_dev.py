"""`make dev` as a user runs it: `python -m common.devstack` with no DATABASE_URL/REDIS_URL starts the
embedded servers and all five processes; Ctrl-C stops everything with exit status 0; started again on
the same data directory, what was stored before is still there."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import pytest
import redis

from common.devstack import free_port
from common.settings import REPO_ROOT

pytestmark = pytest.mark.e2e


def start_devstack(data_dir: Path, ports: dict[str, int], log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update({
        "JOBMATE_ENV": "dev", "DATA_DIR": str(data_dir), "PYTHONPATH": f"{REPO_ROOT}:{REPO_ROOT / 'proto'}",
        "GATEWAY_PORT": str(ports["gateway"]), "AI_COACH_HEALTH_PORT": str(ports["ai_coach"]),
        "PROFILE_ADDR": f"localhost:{ports['profile']}", "TRACKER_ADDR": f"localhost:{ports['tracker']}",
        "DISCOVERY_ADDR": f"localhost:{ports['discovery']}", "EMBEDDED_REDIS_PORT": str(ports["redis"]),
        "SHUTDOWN_DRAIN_S": "0.2",
    })
    return subprocess.Popen([sys.executable, "-m", "common.devstack"], cwd=REPO_ROOT, env=env,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)


def wait_for_line(log: Path, text: str, process: subprocess.Popen, timeout_s: float = 120, *,
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


def test_make_dev_runs_stops_on_ctrl_c_and_keeps_data() -> None:
    # The embedded PostgreSQL runs as an unprivileged user when we are root: it needs a reachable dir.
    data_dir = Path(tempfile.mkdtemp(prefix="jobmate-devstack-"))
    data_dir.chmod(0o755)
    log = data_dir / "devstack.log"
    ports = {name: free_port() for name in ("gateway", "ai_coach", "profile", "tracker", "discovery", "redis")}
    try:
        process = start_devstack(data_dir, ports, log)
        wait_for_line(log, "Press Ctrl-C to stop.", process)
        # The first line of the banner is where to open the app (or how to build it, without Node).
        if (REPO_ROOT / "web" / "dist" / "index.html").is_file():
            assert f"Web app      http://localhost:{ports['gateway']}/" in log.read_text()
        else:
            assert "Web app      not built (install Node 20, then `make web`)" in log.read_text()

        async def store() -> None:
            conn = await asyncpg.connect(database_url(data_dir))
            await conn.execute("CREATE TABLE public.kept (note text); INSERT INTO public.kept VALUES ('survives')")
            await conn.close()

        asyncio.run(store())
        redis.Redis(port=ports["redis"]).set("kept", "survives")

        process.send_signal(signal.SIGINT)
        assert process.wait(60) == 0
        text = log.read_text()
        assert "[devstack] stopped" in text
        for name in ("profile_service", "tracker_service", "discovery_service"):
            assert f'"service": "{name}", "logger": "common.service", "msg": "stopped"' in text, name

        first_run_length = len(log.read_text(errors="replace"))
        process = start_devstack(data_dir, ports, log)
        wait_for_line(log, "Press Ctrl-C to stop.", process, after=first_run_length)

        async def read() -> str:
            conn = await asyncpg.connect(database_url(data_dir))
            try:
                return await conn.fetchval("SELECT note FROM public.kept")
            finally:
                await conn.close()

        assert asyncio.run(read()) == "survives"
        assert redis.Redis(port=ports["redis"]).get("kept") == b"survives"
        process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 0
    finally:
        if process.poll() is None:
            process.kill()
        if not os.environ.get("KEEP_DEVSTACK_DIR"):
            shutil.rmtree(data_dir, ignore_errors=True)
