"""Apply every service's migrations and exit: `python -m common.migrate` (a Kubernetes Job, or by hand).

Services also apply their own migrations at start-up; both paths take the same advisory lock per schema.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from common.db import migrate
from common.outbox import outbox_migrations
from common.settings import REPO_ROOT, get_settings

# (package, schema, uses the outbox)
SCHEMAS = (("profile_service", "profile", True), ("tracker_service", "tracker", True),
           ("discovery_service", "discovery", True))


async def migrate_all(database_url: str) -> dict[str, list[str]]:
    applied = {}
    for package, schema, uses_outbox in SCHEMAS:
        directory: Path = REPO_ROOT / package / "migrations"
        applied[schema] = await migrate(database_url, schema=schema, directory=directory,
                                        before=outbox_migrations() if uses_outbox else None)
    return applied


def main() -> int:
    applied = asyncio.run(migrate_all(get_settings().require_database_url()))
    for schema, versions in applied.items():
        print(f"{schema}: {', '.join(versions) if versions else 'up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
