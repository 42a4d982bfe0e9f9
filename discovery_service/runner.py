"""One discovery run of one saved search: call its job boards, filter, de-duplicate, store, record.

Each source is fetched concurrently and fails alone: a board that errors (HTTP, shape, timeout) is
recorded with its reason and the run ends PARTIAL when others succeeded, FAILED when none did. A board
is not called again for the same search sooner than its `min_fetch_interval` (Remotive's terms, say);
it is listed under `skipped` instead. Results, the run's outcome and its events are written in one
transaction, so a crash leaves either everything or a RUNNING run that the scheduler later recovers.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

import asyncpg

from common import messages
from common.outbox import Outbox
from discovery_service.convert import config_from_json, criteria_from_config
from discovery_service.model import Fetcher, Posting, SearchQuery, SourceError
from discovery_service.pipeline import IngestCounts, screen_and_store
from discovery_service.repository import (
    JobRepository,
    Origin,
    RunRecord,
    RunRepository,
    RunStatus,
    ScheduledSearch,
    ScheduleRepository,
)
from discovery_service.sources import BoardSource
from jobmate.events.v1 import events_pb2

log = logging.getLogger(__name__)

# How many job ids a JOB_DISCOVERED event carries; the count says how many there were in all.
EVENT_JOB_IDS = 10


@dataclass(slots=True)
class SourceOutcome:
    source: str
    postings: list[Posting] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None


def progress_event(run: RunRecord, *, sources_total: int = 0, sources_done: int = 0,
                   fetched: int | None = None) -> events_pb2.Event:
    return messages.new_event(
        events_pb2.EVENT_TYPE_DISCOVERY_RUN_PROGRESS, run.user_id,
        discovery_run_progress=events_pb2.DiscoveryRunProgress(
            run_id=run.id, search_config_id=run.search_config_id, status=run.status.value,
            fetched=run.fetched if fetched is None else fetched, new_count=run.new_count, duplicates=run.duplicates,
            filtered=run.filtered, sources_total=sources_total, sources_done=sources_done))


def discovered_event(user_id: str, counts: IngestCounts, *, run_id: str = "",
                     search_config_id: str = "") -> events_pb2.Event:
    """One event summarising every new posting of a run: the first few ids and the count."""
    payload = events_pb2.JobDiscovered(job_ids=counts.new_ids[:EVENT_JOB_IDS], count=len(counts.new_ids),
                                       search_config_id=search_config_id, run_id=run_id)
    if counts.first_new is not None and len(counts.new_ids) == 1:
        payload.title, payload.company = counts.first_new.title, counts.first_new.company
    return messages.new_event(events_pb2.EVENT_TYPE_JOB_DISCOVERED, user_id, job_discovered=payload)


class SearchRunner:
    def __init__(self, *, pool: asyncpg.Pool, outbox: Outbox, sources: Mapping[str, BoardSource], fetcher: Fetcher,
                 runner_name: str, source_timeout_s: float) -> None:
        self._pool = pool
        self._outbox = outbox
        self._sources = sources
        self._fetcher = fetcher
        self.name = runner_name
        self._source_timeout_s = source_timeout_s
        self.jobs = JobRepository(pool)
        self.runs = RunRepository(pool)
        self.schedules = ScheduleRepository(pool)
        self._tasks: set[asyncio.Task] = set()

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    async def start(self, entry: ScheduledSearch, *, trigger: str) -> RunRecord:
        """Record a RUNNING run (and its progress event); the caller holds the search's claim."""
        async with self._pool.acquire() as conn, conn.transaction():
            run = await self.runs.start(conn, search_config_id=entry.search_config_id, user_id=entry.user_id,
                                        trigger=trigger, runner=self.name)
            await self._outbox.add_event(conn, progress_event(run, sources_total=len(entry.config.get("sources", []))))
        self._outbox.wake()
        return run

    def spawn(self, run: RunRecord, entry: ScheduledSearch) -> asyncio.Task:
        """Execute a started run in the background (the claim is released when it ends)."""
        task = asyncio.create_task(self.execute(run, entry), name=f"discovery-run-{run.id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def run(self, entry: ScheduledSearch, *, trigger: str) -> RunRecord:
        """Start and execute a run in the caller's task (tests, tools)."""
        return await self.execute(await self.start(entry, trigger=trigger), entry)

    async def execute(self, run: RunRecord, entry: ScheduledSearch) -> RunRecord:
        try:
            return await self._execute(run, entry)
        except asyncio.CancelledError:
            raise  # shutting down: the run stays RUNNING and is recovered as stuck
        except Exception:
            log.exception("discovery run failed", extra={"run_id": run.id})
            async with self._pool.acquire() as conn, conn.transaction():
                finished = await self.runs.finish(
                    conn, run_id=run.id, status=RunStatus.FAILED, fetched=0, new_count=0, duplicates=0,
                    filtered_by_reason={}, errors=[{"source": "", "reason": "internal error; see the service logs"}],
                    skipped=[])
                if finished is not None:
                    await self._outbox.add_event(conn, progress_event(finished))
            self._outbox.wake()
            return finished or run
        finally:
            await self.schedules.release(search_config_id=entry.search_config_id, runner=self.name)

    async def _execute(self, run: RunRecord, entry: ScheduledSearch) -> RunRecord:
        config = config_from_json(entry.config)
        criteria = criteria_from_config(config)
        query = criteria.query()
        selections = [(s.source, dict(s.params)) for s in config.sources]
        done: list[SourceOutcome] = []

        async def fetch_and_report(name: str, params: dict[str, str]) -> SourceOutcome:
            outcome = await self._fetch_source(entry.search_config_id, name, params, query)
            done.append(outcome)
            if len(done) < len(selections):  # the last board's news comes with the finished run
                await self._report_progress(run, sources_total=len(selections), sources_done=len(done),
                                            fetched=sum(len(o.postings) for o in done))
            return outcome

        outcomes = await asyncio.gather(*(fetch_and_report(name, params) for name, params in selections))
        postings = [posting for outcome in outcomes for posting in outcome.postings]
        errors = [{"source": o.source, "reason": o.error} for o in outcomes if o.error]
        skipped = [{"source": o.source, "reason": o.skipped} for o in outcomes if o.skipped]
        called = [o for o in outcomes if not o.skipped]
        if not selections:
            errors.append({"source": "", "reason": "this saved search lists no job boards"})
        if errors and (not selections or all(o.error for o in called)):
            status = RunStatus.FAILED
        else:
            status = RunStatus.PARTIAL if errors else RunStatus.SUCCEEDED
        async with self._pool.acquire() as conn, conn.transaction():
            counts = await screen_and_store(conn, self.jobs, user_id=entry.user_id, postings=postings,
                                            criteria=criteria, origin=Origin.SCHEDULE,
                                            search_config_id=entry.search_config_id)
            finished = await self.runs.finish(
                conn, run_id=run.id, status=status, fetched=len(postings), new_count=len(counts.new_ids),
                duplicates=counts.duplicates, filtered_by_reason=dict(counts.filtered_by_reason), errors=errors,
                skipped=skipped)
            if finished is None:
                log.warning("run finished after it was recovered as stuck; its postings are kept",
                            extra={"run_id": run.id})
                finished = await self.runs.get(run_id=run.id) or run
            else:
                await self._outbox.add_event(conn, progress_event(finished, sources_total=len(selections),
                                                                  sources_done=len(selections)))
            if counts.new_ids:
                await self._outbox.add_event(conn, discovered_event(
                    entry.user_id, counts, run_id=run.id, search_config_id=entry.search_config_id))
        self._outbox.wake()
        log.info("discovery run finished", extra={"run_id": run.id, "status": finished.status.value,
                                                  "fetched": finished.fetched, "new": finished.new_count})
        return finished

    async def _report_progress(self, run: RunRecord, *, sources_total: int, sources_done: int, fetched: int) -> None:
        """One board of a running run is done: tell the user's screens (best effort; the run goes on)."""
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                await self._outbox.add_event(conn, progress_event(
                    run, sources_total=sources_total, sources_done=sources_done, fetched=fetched))
            self._outbox.wake()
        except (asyncpg.PostgresError, OSError) as exc:
            log.warning("could not record a run's progress", extra={"run_id": run.id, "error": str(exc)})

    async def _fetch_source(self, search_config_id: str, name: str, params: dict[str, str],
                            query: SearchQuery) -> SourceOutcome:
        outcome = SourceOutcome(name)
        source = self._sources.get(name)
        if source is None:
            outcome.error = f"unknown job board {name!r}"
            return outcome
        if not await self.schedules.take_fetch_slot(search_config_id=search_config_id, source=name,
                                                    min_interval=source.min_fetch_interval):
            minutes = int(source.min_fetch_interval.total_seconds() // 60)
            outcome.skipped = f"called less than {minutes} min ago for this search (the board's minimum interval)"
            return outcome
        try:
            async with asyncio.timeout(self._source_timeout_s):
                async for posting in source.fetch(self._fetcher, query, params):
                    outcome.postings.append(posting)
        except SourceError as exc:
            outcome.error = exc.reason
        except TimeoutError:
            outcome.error = f"did not answer within {self._source_timeout_s:g}s"
        except Exception as exc:  # a bug in one source must not cost the others
            log.exception("job source crashed", extra={"source": name})
            outcome.error = f"internal error ({type(exc).__name__})"
        if outcome.error:
            log.warning("job source failed", extra={"source": name, "reason": outcome.error})
        return outcome

    async def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            try:
                await task
            except (asyncio.CancelledError, Exception):
                pass
