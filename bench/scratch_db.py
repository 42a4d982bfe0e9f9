"""A scratch PostgreSQL database for a benchmark: the server DATABASE_URL names, else an embedded one."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from tests.helpers import create_database, drop_database


def run_on_scratch_database(measure: Callable[..., Awaitable[Any]], *args: Any) -> Any:
    """`measure(dsn, *args)` on a database made for it and dropped after, on DATABASE_URL's server or on an
    embedded PostgreSQL started (and stopped) for the run."""
    embedded = parent = None
    server_dsn = os.environ.get("DATABASE_URL")
    if not server_dsn:
        from devtools.devstack import EmbeddedPostgres

        parent = Path(tempfile.mkdtemp(prefix="jobmate-bench-pg-"))
        parent.chmod(0o755)  # as root, the embedded server runs as an unprivileged user
        embedded = EmbeddedPostgres(parent / "data")
        server_dsn = embedded.start()
    try:
        name, dsn = asyncio.run(create_database(server_dsn, "jm_bench"))
        try:
            return asyncio.run(measure(dsn, *args))
        finally:
            asyncio.run(drop_database(server_dsn, name))
    finally:
        if embedded is not None:
            embedded.stop()
        if parent is not None:
            shutil.rmtree(parent, ignore_errors=True)
