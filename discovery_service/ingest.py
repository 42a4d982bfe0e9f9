"""IngestJobs: internal tooling streams postings in (a backfill, an import), counts come out.

Postings are grouped per (user, saved search) and stored in batches, each batch in its own transaction,
so a long stream makes progress as it goes. With a saved search named, its filters apply exactly as in a
scheduled run; without one nothing is filtered. A posting without a title, source or identity, or with
a malformed payload, is counted invalid and skipped; the rest of the stream goes on. Each user whose
inbox grew gets one EVENT_JOB_DISCOVERED summarising the stream, and each batch's new postings are sent
for their fit scores (SCORE_POSTINGS, in the batch's transaction).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterable

import asyncpg

from common.outbox import Outbox
from discovery_service.convert import criteria_from_snapshot, discovered_event
from discovery_service.domain import IngestCounts, IngestItem, IngestTotals, Origin, Posting, SearchCriteria
from discovery_service.fit import FitScores
from discovery_service.pipeline import screen_and_store
from discovery_service.profile_client import ProfileClient
from discovery_service.repository import JobRepository, ScheduleRepository
from discovery_service.web.extract import canonical_url

log = logging.getLogger(__name__)

BATCH = 500


def _valid_posting(item: IngestItem) -> Posting | None:
    """The item's posting when it names its user and has a title, a source and an identity (a board id or
    a URL, whose canonical form then serves as the id); None when it is invalid."""
    posting = item.posting
    if not item.user_id.strip() or posting is None:
        return None
    if not posting.title.strip() or not posting.source.strip() or not (posting.external_id.strip() or posting.url.strip()):
        return None
    if not posting.external_id:
        try:
            posting.external_id = canonical_url(posting.url)
        except ValueError:
            return None
    return posting


class Ingestor:
    def __init__(self, *, pool: asyncpg.Pool, outbox: Outbox, profile: ProfileClient,
                 fit: FitScores | None = None) -> None:
        self._pool = pool
        self._outbox = outbox
        self._fit = fit
        self._profile = profile
        self._jobs = JobRepository(pool)
        self._schedules = ScheduleRepository(pool)

    async def ingest(self, items: AsyncIterable[IngestItem]) -> IngestTotals:
        totals = IngestTotals()
        per_user: dict[str, IngestCounts] = {}
        buffers: dict[tuple[str, str], list[Posting]] = {}
        criteria_cache: dict[tuple[str, str], SearchCriteria | None | bool] = {}
        async for item in items:
            totals.received += 1
            posting = _valid_posting(item)
            if posting is None:
                totals.invalid += 1
                continue
            group = (item.user_id, item.search_config_id)
            buffer = buffers.setdefault(group, [])
            buffer.append(posting)
            if len(buffer) >= BATCH:
                await self._flush(group, buffers.pop(group), totals, per_user, criteria_cache)
        for group, postings in buffers.items():
            await self._flush(group, postings, totals, per_user, criteria_cache)
        events = [discovered_event(user_id, counts) for user_id, counts in per_user.items() if counts.new_ids]
        if events:
            async with self._pool.acquire() as conn, conn.transaction():
                for event in events:
                    await self._outbox.add_event(conn, event)
        if events or totals.inserted:  # the events and the SCORE_POSTINGS commands of each batch
            self._outbox.wake()
        return totals

    async def _criteria(self, user_id: str, config_id: str) -> SearchCriteria | None | bool:
        """The saved search's filters; None for no search; False when it is not this user's search."""
        if not config_id:
            return None
        scheduled = await self._schedules.get(search_config_id=config_id)
        if scheduled is not None:
            return criteria_from_snapshot(scheduled.config) if scheduled.user_id == user_id else False
        saved = next((s for s in await self._profile.batch_get_search_configs([config_id]) if s.id == config_id), None)
        if saved is None or saved.user_id != user_id:
            return False
        return criteria_from_snapshot(saved.snapshot)

    async def _flush(self, group: tuple[str, str], postings: list[Posting], totals: IngestTotals,
                     per_user: dict[str, IngestCounts],
                     criteria_cache: dict[tuple[str, str], SearchCriteria | None | bool]) -> None:
        user_id, config_id = group
        if group not in criteria_cache:
            criteria_cache[group] = await self._criteria(user_id, config_id)
        criteria = criteria_cache[group]
        if criteria is False:
            log.warning("ingest named a saved search that is not the user's", extra={"search_config_id": config_id})
            totals.invalid += len(postings)
            return
        assert criteria is not True
        async with self._pool.acquire() as conn, conn.transaction():
            counts = await screen_and_store(conn, self._jobs, user_id=user_id, postings=postings, criteria=criteria,
                                            origin=Origin.INGEST, search_config_id=config_id)
            if counts.new_ids and self._fit is not None:
                await self._fit.request(conn, user_id=user_id, job_ids=counts.new_ids)
        totals.inserted += len(counts.new_ids)
        totals.duplicates += counts.duplicates
        totals.filtered += counts.filtered
        per_user.setdefault(user_id, IngestCounts()).add(counts)
