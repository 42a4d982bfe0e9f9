"""Smoke test: the mesh starts the way `make dev` starts it, every process reports healthy, and a
SIGTERM stops each one cleanly (exit code 0)."""

from __future__ import annotations

import json
import urllib.request

import pytest

from devtools.processes import GRPC_SERVICES, PROCESSES

pytestmark = pytest.mark.e2e


def test_all_five_processes_become_healthy_and_stop_cleanly(mesh_factory) -> None:
    mesh = mesh_factory()
    mesh.start()
    mesh.wait_healthy(timeout_s=90)

    for name in PROCESSES:
        assert mesh.is_healthy(name), name
    with urllib.request.urlopen(f"http://127.0.0.1:{mesh.ports['gateway']}/readyz", timeout=5) as response:
        body = json.loads(response.read())
    assert body["status"] == "ready"
    assert body["checks"] == {"redis": True, "profile": True, "tracker": True, "discovery": True}
    request = urllib.request.Request(f"http://127.0.0.1:{mesh.ports['gateway']}/graphql",
                                     data=json.dumps({"query": "{ health }"}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.loads(response.read())["data"]["health"] == "ok"

    codes = mesh.stop(timeout_s=20)
    # A process that does not exit 0 says why in its own log (a traceback at shutdown): show its end.
    failed = {name: code for name, code in codes.items() if code != 0}
    tails = {name: (mesh.log_dir / f"{name}.log").read_text(errors="replace")[-3000:]
             for name in failed if mesh.log_dir is not None and (mesh.log_dir / f"{name}.log").is_file()}
    assert not failed, f"exit codes {codes}; log ends: {tails}"
    assert set(GRPC_SERVICES) <= set(codes)
