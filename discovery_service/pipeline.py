"""Postings found by a run (or sent by internal tooling) on their way into one user's inbox:
filter, then store with de-duplication, counting what happened to each."""

from __future__ import annotations

from collections.abc import Iterable

import asyncpg

from discovery_service.dedup import posting_keys
from discovery_service.domain import Candidate, IngestCounts, Origin, Posting, SearchCriteria
from discovery_service.filters import screen
from discovery_service.repository import JobRepository

STORE_BATCH = 1000


async def screen_and_store(conn: asyncpg.Connection, jobs: JobRepository, *, user_id: str,
                           postings: Iterable[Posting], criteria: SearchCriteria | None, origin: Origin,
                           search_config_id: str = "") -> IngestCounts:
    """Drop what the search's filters reject (a red flag, irrelevance), store the rest; call in a transaction.

    With no criteria nothing is filtered. Postings the user asked for themselves are never dropped."""
    counts = IngestCounts()
    batch: list[Candidate] = []
    for posting in postings:
        counts.received += 1
        if criteria is None:
            batch.append(Candidate(posting, posting_keys(posting)))
        else:
            verdict = screen(posting, criteria, user_requested=origin.user_requested)
            if not verdict.keep:
                assert verdict.drop_reason is not None
                counts.filtered_by_reason[verdict.drop_reason] += 1
                continue
            batch.append(Candidate(posting, posting_keys(posting), red_flags=verdict.red_flags))
        if len(batch) >= STORE_BATCH:
            await _store(conn, jobs, user_id, batch, origin, search_config_id, counts)
            batch = []
    if batch:
        await _store(conn, jobs, user_id, batch, origin, search_config_id, counts)
    return counts


async def _store(conn: asyncpg.Connection, jobs: JobRepository, user_id: str, batch: list[Candidate],
                 origin: Origin, search_config_id: str, counts: IngestCounts) -> None:
    results = await jobs.store(conn, user_id=user_id, candidates=batch, origin=origin,
                               search_config_id=search_config_id)
    for candidate, stored in zip(batch, results, strict=True):
        if stored.new:
            assert stored.job_id is not None
            counts.new_ids.append(stored.job_id)
            counts.first_new = counts.first_new or candidate.posting
        else:
            counts.duplicates += 1
