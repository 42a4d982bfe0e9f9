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
    assert codes == {name: 0 for name in PROCESSES}, codes
    assert set(GRPC_SERVICES) <= set(codes)
