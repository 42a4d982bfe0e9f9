"""The CRM migrations (0003-0005) on data written by the schema before them: applications stored under
0002 are linked to one company per normalised name and user (the SQL key agrees with companies.py on
every normalisation case), get their last activity from their history, and nothing is flagged."""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg

from common.db import create_pool, migrate
from common.outbox import outbox_migrations
from tests.unit.test_company_names import DIFFERENT_COMPANIES, SAME_COMPANY
from tracker_service.companies import NO_COMPANY_NAME, company_key
from tracker_service.crm_repository import CrmRepository

MIGRATIONS = Path(__file__).resolve().parents[2] / "tracker_service" / "migrations"
BEFORE_CRM = ("0001_applications.sql", "0002_calendar_feeds.sql")


def _copy_migrations_before_crm(directory: Path) -> None:
    directory.mkdir()
    for name in BEFORE_CRM:
        shutil.copy(MIGRATIONS / name, directory / name)


async def migrate_up_to_0002(database_url: str, directory: Path) -> None:
    """The tracker's schema as it was before the CRM."""
    _copy_migrations_before_crm(directory)
    assert await migrate(database_url, schema="tracker", directory=directory,
                         before=outbox_migrations()) == ["outbox-0001", "0001", "0002"]


async def insert_card(conn: asyncpg.Connection, *, user_id: str, company: str, created_at: datetime,
                      moves: list[tuple[str, datetime]] = ()) -> uuid.UUID:
    """An application as the 0001/0002 service wrote it: the card, its creation entry and its moves."""
    card_id = uuid.uuid4()
    status = moves[-1][0] if moves else "TO_APPLY"
    await conn.execute(
        "INSERT INTO tracker.applications (id, user_id, job_id, job_title, job_company, job_url, status,"
        " analysis_state, created_at, updated_at) VALUES ($1, $2, $3, 'Engineer', $4, '', $5, 'DONE', $6, $6)",
        card_id, user_id, f"job-{card_id}", company, status, created_at)
    await conn.execute("INSERT INTO tracker.application_history (application_id, user_id, from_status, to_status,"
                       " by_user_id, at) VALUES ($1, $2, NULL, 'TO_APPLY', $2, $3)", card_id, user_id, created_at)
    previous = "TO_APPLY"
    for to_status, at in moves:
        await conn.execute("INSERT INTO tracker.application_history (application_id, user_id, from_status,"
                           " to_status, by_user_id, at) VALUES ($1, $2, $3, $4, $2, $5)",
                           card_id, user_id, previous, to_status, at)
        previous = to_status
    return card_id


async def test_the_migration_links_existing_applications_to_companies(database_url: str, tmp_path: Path) -> None:
    await migrate_up_to_0002(database_url, tmp_path / "up-to-0002")
    alice, bob = "user-alice", "user-bob"
    start = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    names = [name for group in SAME_COMPANY for name in group]
    names += [name for pair in DIFFERENT_COMPANIES for name in pair] + ["", "   "]
    conn = await asyncpg.connect(database_url)
    try:
        cards: dict[uuid.UUID, tuple[str, str]] = {}
        for index, name in enumerate(names):
            card = await insert_card(conn, user_id=alice, company=name, created_at=start + timedelta(minutes=index))
            cards[card] = (alice, name)
        moved = await insert_card(conn, user_id=alice, company="Globex", created_at=start,
                                  moves=[("APPLIED", start + timedelta(days=2)), ("INTERVIEW", start + timedelta(days=9))])
        cards[moved] = (alice, "Globex")
        for name in ("ACME", "acme gmbh"):
            card = await insert_card(conn, user_id=bob, company=name, created_at=start)
            cards[card] = (bob, name)

        applied = await migrate(database_url, schema="tracker", directory=MIGRATIONS, before=outbox_migrations())
        assert applied == ["0003", "0004", "0005", "0006", "0008"]

        rows = await conn.fetch("SELECT a.id, a.user_id, a.company_id, a.last_activity_at, a.no_response_at,"
                                " c.user_id AS company_user, c.name, c.name_key"
                                " FROM tracker.applications a JOIN tracker.companies c ON c.id = a.company_id")
        assert len(rows) == len(cards)  # every application has a company (the column is NOT NULL now)
        by_card = {r["id"]: r for r in rows}
        for card, (user_id, name) in cards.items():
            row = by_card[card]
            assert row["company_user"] == user_id
            assert row["name_key"] == company_key(name), (name, row["name_key"], company_key(name))
            assert row["no_response_at"] is None
        # One company per user and key; groups of one company share it, the others stay apart.
        for group in SAME_COMPANY:
            ids = {by_card[c]["company_id"] for c, (u, n) in cards.items() if u == alice and n in group}
            assert len(ids) == 1, group
        for first, second in DIFFERENT_COMPANIES:
            ids = {by_card[c]["company_id"] for c, (u, n) in cards.items() if u == alice and n in (first, second)}
            assert len(ids) == 2, (first, second)
        companies = await conn.fetch("SELECT user_id, name, name_key FROM tracker.companies")
        assert len(companies) == len({(u, company_key(n)) for u, n in cards.values()})
        # Named as the earliest application named it; no name at all is "Unknown company".
        acme = next(c for c in companies if c["user_id"] == alice and c["name_key"] == "acme")
        assert acme["name"] == SAME_COMPANY[0][0]
        assert next(c for c in companies if c["user_id"] == alice and c["name_key"] == "")["name"] == NO_COMPANY_NAME
        # Bob's ACME is his own.
        bobs = {r["company_id"] for r in rows if r["user_id"] == bob}
        alices = {r["company_id"] for r in rows if r["user_id"] == alice}
        assert len(bobs) == 1 and not bobs & alices
        # The last activity is the latest move.
        assert by_card[moved]["last_activity_at"] == start + timedelta(days=9)
    finally:
        await conn.close()

    # The service's find-or-create (the Python key) finds the migrated company: no twin is made.
    pool = await create_pool(database_url, schema="tracker")
    try:
        async with pool.acquire() as conn:
            for name in ("Acme, Inc.", "ООО Яндекс", "Müller Logistik GmbH"):
                found_id, created = await CrmRepository().find_or_create_company(
                    conn, user_id=alice, name=name, key=company_key(name), board=None)
                assert not created, name
                assert found_id == str(next(by_card[c]["company_id"] for c, (u, n) in cards.items()
                                            if u == alice and company_key(n) == company_key(name)))
    finally:
        await pool.close()


async def test_the_migration_on_an_empty_schema_and_again(database_url: str, tmp_path: Path) -> None:
    await migrate_up_to_0002(database_url, tmp_path / "up-to-0002")
    assert await migrate(database_url, schema="tracker", directory=MIGRATIONS,
                         before=outbox_migrations()) == ["0003", "0004", "0005", "0006", "0008"]
    assert await migrate(database_url, schema="tracker", directory=MIGRATIONS, before=outbox_migrations()) == []
