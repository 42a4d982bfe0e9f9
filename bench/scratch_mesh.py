"""A throwaway mesh for a benchmark: a scratch folder, the servers (DATABASE_URL / REDIS_URL's, else
embedded ones), dev keys and migrations, the processes started as `make dev` starts them, all removed after.

    figures = run_on_scratch_mesh(bench, args, name="gateway")   # bench(scratch: ScratchMesh, args)

Beside bench/scratch_db.py, which gives a benchmark a database alone.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common.settings import Settings
from devtools.devstack import Mesh, throwaway_mesh
from devtools.processes import PROCESSES

# What every benchmark wants unless it says otherwise: no log lines to slow the processes down, and no
# scheduled discovery run landing in the middle of a measurement.
QUIET = {"LOG_LEVEL": "WARNING", "DISCOVERY_SCHEDULER_ENABLED": "false"}


@dataclass(frozen=True)
class ScratchMesh:
    mesh: Mesh
    work: Path  # the run's scratch folder (logs, embedded servers' data, dev keys); removed on exit
    settings: Settings  # the dev keys and servers the processes use, to sign tokens as profile_service does

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.mesh.ports['gateway']}"

    def grpc_address(self, service: str) -> str:
        return f"127.0.0.1:{self.mesh.ports[service]}"


@contextmanager
def scratch_mesh(name: str, *, env: Mapping[str, str] | None = None,
                 processes: tuple[str, ...] = PROCESSES) -> Iterator[ScratchMesh]:
    """`processes` healthy on entry (in dev mode, with QUIET and then `env` in their environment), stopped and
    their scratch folder `jobmate-bench-<name>-*` removed on exit."""
    work = Path(tempfile.mkdtemp(prefix=f"jobmate-bench-{name}-"))
    try:
        with throwaway_mesh(work, jobmate_env="dev", processes=processes, env={**QUIET, **(env or {})}) as mesh:
            settings = Settings(jobmate_env="dev", data_dir=Path(mesh.env["DATA_DIR"]),
                                database_url=mesh.env["DATABASE_URL"], redis_url=mesh.env["REDIS_URL"])
            yield ScratchMesh(mesh=mesh, work=work, settings=settings)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_on_scratch_mesh(measure: Callable[..., Awaitable[Any]], *args: Any, name: str,
                        env: Mapping[str, str] | None = None, processes: tuple[str, ...] = PROCESSES) -> Any:
    """`measure(scratch, *args)` on a scratch mesh (see `scratch_mesh`), in an event loop of its own."""
    with scratch_mesh(name, env=env, processes=processes) as scratch:
        return asyncio.run(measure(scratch, *args))
