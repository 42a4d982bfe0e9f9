"""The scheduler every discovery replica runs: two periodic jobs on the service runtime's APScheduler.

Each tick: recover what a dead process left behind (runs stuck RUNNING, claims never released), refresh
discovery's schedule from profile's active saved searches (one replica at a time, under an advisory
lock), then claim due searches with FOR UPDATE SKIP LOCKED and run them in the background, at most
`max_concurrent_runs` at once per replica. A slower job purges postings left PENDING or REJECTED too long.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, Protocol

import asyncpg
import grpc

from common.outbox import Outbox
from discovery_service.convert import progress_event
from discovery_service.domain import ScheduledSearch
from discovery_service.profile_client import ProfileClient
from discovery_service.repository import JobRepository
from discovery_service.runner import SearchRunner

log = logging.getLogger(__name__)

_SYNC_LOCK = "discovery.schedule.sync"


class PeriodicJobs(Protocol):
    """What registers periodic jobs: common.service.ServiceRuntime."""

    def every(self, interval_s: float, job: Callable[[], Awaitable[Any]], *, name: str,
              first_run_in_s: float = 0.0) -> None: ...


class DiscoveryScheduler:
    def __init__(self, *, pool: asyncpg.Pool, runner: SearchRunner, profile: ProfileClient, outbox: Outbox,
                 tick_interval_s: float, run_timeout: timedelta, default_interval_minutes: int,
                 max_concurrent_runs: int, purge_interval_s: float, pending_ttl: timedelta,
                 rejected_ttl: timedelta, tombstone_ttl: timedelta) -> None:
        self._pool = pool
        self._runner = runner
        self._profile = profile
        self._outbox = outbox
        self._tick_interval_s = tick_interval_s
        self._run_timeout = run_timeout
        self._default_interval = default_interval_minutes
        self._max_concurrent = max_concurrent_runs
        self._purge_interval_s = purge_interval_s
        self._pending_ttl = pending_ttl
        self._rejected_ttl = rejected_ttl
        self._tombstone_ttl = tombstone_ttl
        self._jobs = JobRepository(pool)

    # --- one tick, in steps (each callable on its own from tests) ----------------------------------
    async def tick(self) -> int:
        """Recover, sync, claim and start due runs; returns how many runs were started."""
        await self.recover()
        try:
            await self.sync()
        except grpc.aio.AioRpcError as exc:  # profile down: run from the snapshots we have
            log.warning("could not refresh saved searches from profile", extra={"code": exc.code().name})
        return await self.claim_and_start()

    async def recover(self) -> None:
        for run in await self._runner.runs.fail_stuck(older_than=self._run_timeout):
            log.warning("recovered a stuck discovery run", extra={"run_id": run.id})
            async with self._pool.acquire() as conn, conn.transaction():
                await self._outbox.add_event(conn, progress_event(run))
            self._outbox.wake()
        released = await self._runner.schedules.release_stale_claims(older_than=self._run_timeout)
        if released:
            log.warning("released stale schedule claims", extra={"count": released})

    async def sync(self) -> bool:
        """Refresh the schedule from profile; False when another replica is doing it right now."""
        async with self._pool.acquire() as conn:
            if not await conn.fetchval("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", _SYNC_LOCK):
                return False
            try:
                started = await conn.fetchval("SELECT now()")
                batch: list[ScheduledSearch] = []
                async for saved in self._profile.active_search_configs():
                    batch.append(ScheduledSearch(
                        search_config_id=saved.id, user_id=saved.user_id, config=saved.snapshot,
                        interval_minutes=saved.run_interval_minutes or self._default_interval))
                    if len(batch) >= 500:
                        await self._runner.schedules.upsert(batch, synced_at=started)
                        batch = []
                await self._runner.schedules.upsert(batch, synced_at=started)
                await self._runner.schedules.deactivate_unsynced(synced_before=started)
            finally:
                await conn.execute("SELECT pg_advisory_unlock(hashtextextended($1, 0))", _SYNC_LOCK)
        return True

    async def claim_and_start(self) -> int:
        room = self._max_concurrent - self._runner.in_flight
        if room <= 0:
            return 0
        claimed = await self._runner.schedules.claim_due(runner=self._runner.name, limit=room)
        for entry in claimed:
            try:
                run = await self._runner.start(entry, trigger="schedule")
            except Exception:
                await self._runner.schedules.release(search_config_id=entry.search_config_id, runner=self._runner.name)
                raise
            self._runner.spawn(run, entry)
        return len(claimed)

    async def purge(self) -> None:
        purged, dropped = await self._jobs.purge_expired(pending_ttl=self._pending_ttl, rejected_ttl=self._rejected_ttl,
                                                         tombstone_ttl=self._tombstone_ttl)
        if purged or dropped:
            log.info("purged expired postings", extra={"postings": purged, "tombstones": dropped})

    # --- on the runtime's scheduler ---------------------------------------------------------------
    def schedule_on(self, jobs: PeriodicJobs) -> None:
        """The tick right away and then every tick interval; the purge a little later, on its own interval.
        (The runtime logs a failing run and keeps the schedule.)"""
        jobs.every(self._tick_interval_s, self.tick, name="discovery tick")
        jobs.every(self._purge_interval_s, self.purge, name="discovery purge", first_run_in_s=5)
