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

from common.errors import Aborted, NotFound
from common.outbox import Outbox
from discovery_service.convert import discovered_event, plan_from_snapshot, progress_event
from discovery_service.domain import (
    Fetcher,
    Origin,
    Posting,
    RunRecord,
    RunStatus,
    SavedSearch,
    ScheduledSearch,
    SearchQuery,
    SourceError,
)
from discovery_service.fit import FitScores
from discovery_service.pipeline import screen_and_store
from discovery_service.repository import JobRepository, RunRepository, ScheduleRepository
from discovery_service.sources import BoardSource

log = logging.getLogger(__name__)


@dataclass(slots=True)
class SourceOutcome:
    source: str
    postings: list[Posting] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None


class SearchRunner:
    def __init__(self, *, pool: asyncpg.Pool, outbox: Outbox, sources: Mapping[str, BoardSource], fetcher: Fetcher,
                 runner_name: str, source_timeout_s: float, fit: FitScores | None = None) -> None:
        self._pool = pool
        self._outbox = outbox
        self._fit = fit
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

    async def run_now(self, saved: SavedSearch, *, user_id: str, default_interval_minutes: int) -> RunRecord:
        """Start a run of one of the user's saved searches (RunSearchNow); it goes on in the background
        (progress events, ListDiscoveryRuns). When a run of it is already going, that run is returned."""
        if saved.user_id and saved.user_id != user_id:
            raise NotFound("search configuration not found")
        entry = ScheduledSearch(search_config_id=saved.id, user_id=user_id, config=saved.snapshot,
                                interval_minutes=saved.run_interval_minutes or default_interval_minutes)
        if not await self.schedules.claim_now(entry, runner=self.name, active=saved.active):
            running = await self.runs.running_for(search_config_id=entry.search_config_id)
            if running is not None and running.user_id == user_id:
                return running
            raise Aborted("a run of this search is just finishing; try again in a moment")
        run = await self.start(entry, trigger="manual")
        self.spawn(run, entry)
        return run

    async def list_runs(self, *, user_id: str, search_config_id: str, before_seq: int | None,
                        limit: int) -> tuple[list[RunRecord], bool, int]:
        """The user's runs, newest first: (a page, whether more follow, how many in all)."""
        return await self.runs.list(user_id=user_id, search_config_id=search_config_id, before_seq=before_seq,
                                    limit=limit)

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
        criteria, selections = plan_from_snapshot(entry.config)
        query = criteria.query()
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
                if self._fit is not None:
                    await self._fit.request(conn, user_id=entry.user_id, job_ids=counts.new_ids)
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
