"""Apply services' migrations and exit (a Kubernetes Job, or by hand):

    python -m common.migrate profile_service tracker_service discovery_service

Each package named declares its schema in `<package>.server.MIGRATIONS` (a `SchemaMigrations`).
Services also apply their own migrations at start-up; both paths take the same advisory lock per schema.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from common.db import migrate
from common.outbox import outbox_migrations
from common.settings import get_settings


@dataclass(frozen=True, slots=True)
class SchemaMigrations:
    """A service's schema: its own `NNNN_name.sql` files, after the outbox's when it uses one."""

    schema: str
    directory: Path
    with_outbox: bool = False

    async def apply(self, target: str | asyncpg.Pool) -> list[str]:
        """Apply what is missing; returns the versions applied."""
        return await migrate(target, schema=self.schema, directory=self.directory,
                             before=outbox_migrations() if self.with_outbox else None)


def of_package(package: str) -> SchemaMigrations:
    migrations = getattr(importlib.import_module(f"{package}.server"), "MIGRATIONS", None)
    if not isinstance(migrations, SchemaMigrations):
        raise SystemExit(f"{package}.server declares no MIGRATIONS: it owns no schema")
    return migrations


async def migrate_packages(database_url: str, packages: Iterable[str]) -> dict[str, list[str]]:
    applied = {}
    for package in packages:
        migrations = of_package(package)
        applied[migrations.schema] = await migrations.apply(database_url)
    return applied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m common.migrate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("packages", nargs="+", metavar="package", help="a service package that owns a schema")
    args = parser.parse_args(argv)
    applied = asyncio.run(migrate_packages(get_settings().require_database_url(), args.packages))
    for schema, versions in applied.items():
        print(f"{schema}: {', '.join(versions) if versions else 'up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
