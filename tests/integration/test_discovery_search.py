"""The feed's text search through the real discovery_service: case and accents do not matter either way
("cafe" finds "Café", "CAFÉ" finds "Cafe"), for postings stored now and for those stored before
migration 0003 (backfilled in SQL)."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import asyncpg
import grpc
import pytest

from common.db import migrate
from common.outbox import outbox_migrations
from discovery_service.text import fold
from jobmate.discovery.v1 import discovery_pb2 as pb
from jobmate.discovery.v1 import discovery_pb2_grpc
from tests.helpers import bearer, user_token

MIGRATIONS = Path(__file__).parents[2] / "discovery_service" / "migrations"

POSTINGS = {
    "fr": {"title": "Serveur au Café de Flore", "company": "Société Générale de Restauration",
           "location": "Paris", "description": "Vous travaillerez à l'accueil d'une clientèle exigeante."},
    "es": {"title": "Señor desarrollador backend", "company": "Compañía Ibérica",
           "location": "Málaga", "description": "Buscamos una persona con pasión por la programación."},
    "de": {"title": "Softwareentwickler München", "company": "Straßenbau Müller GmbH",
           "location": "München", "description": "Wir suchen Verstärkung für unser Büro."},
    "plain": {"title": "Cafe manager", "company": "Senor Tacos", "location": "Austin",
              "description": "Run a busy cafe in Munchen Street."},
}


@pytest.fixture
async def discovery(services):
    await services.start("discovery_service", discovery_scheduler_enabled=False)
    channel = grpc.aio.insecure_channel(services.address("discovery_service"))
    yield discovery_pb2_grpc.DiscoveryServiceStub(channel)
    await channel.close()


async def search(stub, user_id: str, query: str) -> set[str]:
    feed = await stub.GetJobFeed(pb.GetJobFeedRequest(query=query), metadata=bearer(user_token(user_id)))
    assert feed.page_info.total_count == len(feed.jobs)
    return {job.title for job in feed.jobs}


TITLES = {key: posting["title"] for key, posting in POSTINGS.items()}


@pytest.mark.parametrize(("query", "found"), [
    ("cafe", {"fr", "plain"}),  # an unaccented query finds the accented posting, and the plain one
    ("CAFÉ", {"fr", "plain"}),  # an accented, upper-case query finds the unaccented posting too
    ("clientele", {"fr"}),
    ("societe generale", {"fr"}),
    ("senor", {"es", "plain"}),
    ("Señor", {"es", "plain"}),
    ("compania iberica", {"es"}),
    ("programacion", {"es"}),
    ("munchen", {"de", "plain"}),
    ("MÜNCHEN", {"de", "plain"}),
    ("strassenbau muller", {"de"}),
    ("Straßenbau", {"de"}),
    ("buro", {"de"}),
    ('"cafe de flore"', {"fr"}),  # web-search syntax still works: a phrase...
    ("munchen -softwareentwickler", {"plain"}),  # ...and an excluded word
    ("zürich", set()),
])
async def test_the_feed_search_ignores_case_and_accents_both_ways(discovery, query, found) -> None:
    user = str(uuid.uuid4())
    for posting in POSTINGS.values():
        await discovery.AddJobManually(pb.AddJobManuallyRequest(**posting), metadata=bearer(user_token(user)))
    assert await search(discovery, user, query) == {TITLES[key] for key in found}


async def test_postings_stored_before_the_migration_are_found_without_accents(services, database_url,
                                                                             tmp_path) -> None:
    """Migration 0003 backfills the folded search text of postings already in the inbox."""
    earlier = tmp_path / "migrations-before-0003"
    earlier.mkdir()
    for path in sorted(MIGRATIONS.glob("*.sql")):
        if path.name < "0003":
            shutil.copy(path, earlier / path.name)
    await migrate(database_url, schema="discovery", directory=earlier, before=outbox_migrations())
    user = str(uuid.uuid4())
    conn = await asyncpg.connect(database_url)
    try:
        for key, posting in POSTINGS.items():
            await conn.execute(
                "INSERT INTO discovery.jobs (id, user_id, source, external_id, url, title, company,"
                " description_text, origin) VALUES ($1, $2, 'manual', $3, '', $4, $5, $6, 'manual')",
                uuid.uuid4(), user, key, posting["title"], posting["company"], posting["description"])
    finally:
        await conn.close()

    await services.start("discovery_service", discovery_scheduler_enabled=False)  # applies 0003
    channel = grpc.aio.insecure_channel(services.address("discovery_service"))
    try:
        stub = discovery_pb2_grpc.DiscoveryServiceStub(channel)
        assert await search(stub, user, "cafe") == {TITLES["fr"], TITLES["plain"]}
        assert await search(stub, user, "senor") == {TITLES["es"], TITLES["plain"]}
        assert await search(stub, user, "MÜNCHEN") == {TITLES["de"], TITLES["plain"]}
        assert await search(stub, user, "strassenbau") == {TITLES["de"]}
    finally:
        await channel.close()


@pytest.mark.parametrize("text", [
    "Café Señor München", "STRAẞE Straße Ærø Œuvre Łódź Đakovo Þórr", "ﬁnance ½ Ⅻ", "Ça marche !",
    "crème brûlée, piñata; Ångström", "Μπορώ ΝΑ", "йод ёлка", "日本語 テスト",
])
async def test_the_migrations_sql_backfill_folds_as_the_service_does(database_url, text) -> None:
    """The backfill re-states `fold` in SQL for the rows already stored: the two must agree, or old
    postings would be found by other words than new ones."""
    sql = (MIGRATIONS / "0003_folded_search_text.sql").read_text()
    function = sql[sql.index("CREATE FUNCTION"):sql.index("$$;") + 3]
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute(function)
        folded_in_sql = await conn.fetchval("SELECT pg_temp.fold($1)", text)
    finally:
        await conn.close()
    assert folded_in_sql == fold(text)
