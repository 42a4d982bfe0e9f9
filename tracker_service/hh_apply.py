"""Applying on HH.ru (docs/hh.md): the durable apply queue, the per-user token bucket, the worker.

- `HhApplies` (the RPCs): queue an apply for one of the user's applications whose posting came from HH,
  one per (user, vacancy, resume); list them; show the bucket.
- `HhApplyWorker` (a periodic job in every replica): claims one due apply at a time with
  `FOR UPDATE SKIP LOCKED`, takes a token from the user's bucket in the same transaction, and commits
  the claim as SENDING (attempt n, with a lease) *before* calling HH. An attempt after the first asks
  HH's negotiations for the vacancy before posting, so a POST that went through before a crash is
  found, not repeated. The outcome, the card's move to APPLIED, the timeline entry and the SSE event
  are written in one transaction, only if the claim is still that attempt's.

Time comes from an injected clock (tests move it; nothing here sleeps).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import asyncpg

from common.errors import FailedPrecondition, InvalidArgument, Unavailable
from common.hh_api import HhApi, HhError, describe_refusal
from common.outbox import Outbox
from common.pagination import decode_cursor, encode_cursor, page_size
from tracker_service import convert
from tracker_service.domain import BucketStatus, HhApply, HhApplyOutcome, HhApplyState
from tracker_service.downstream import DiscoveryJobs, HhAccountNeeded, ProfileHhTokens
from tracker_service.hh_repository import HhApplyRepository
from tracker_service.token_bucket import BucketPolicy
from tracker_service.tracker import Tracker, parse_id

if TYPE_CHECKING:
    from tracker_service.auto_apply import AutoApply

log = logging.getLogger(__name__)
T = TypeVar("T")
Clock = Callable[[], datetime]

NOT_ENABLED = ("applying through HH.ru is not enabled on this installation: open the vacancy on HH.ru, paste the "
               "letter there, then mark the card applied")
MAX_MESSAGE = 10_000
MAX_RESUME_ID = 64
DEFAULT_PAGE, MAX_PAGE = 50, 200
BACKOFF = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=8), timedelta(minutes=30))


def utc_now() -> datetime:
    return datetime.now(UTC)


def cover_letter(analysis: dict[str, Any] | None) -> str:
    """The letter of the card's analysis (protobuf JSON mapping: camelCase or the field name)."""
    if not analysis:
        return ""
    value = analysis.get("coverLetter") or analysis.get("cover_letter") or ""
    return value if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """How an attempt ended, and what it does to the apply and the bucket."""

    state: HhApplyState
    event: HhApplyOutcome | None
    reason: str = ""
    detail: str = ""
    negotiation_id: str = ""
    retry_at: datetime | None = None
    empty_bucket: bool = False  # HH's limit_exceeded: the bucket starts again from zero
    token_back: bool = False  # HH took nothing: the token returns to the bucket
    fields: dict[str, Any] = field(default_factory=dict)


class HhApplies:
    def __init__(self, pool: asyncpg.Pool, outbox: Outbox, tracker: Tracker, *, jobs: DiscoveryJobs,
                 tokens: ProfileHhTokens, policy: BucketPolicy, enabled: bool, clock: Clock = utc_now) -> None:
        self._pool = pool
        self._outbox = outbox
        self._tracker = tracker
        self._jobs = jobs
        self._tokens = tokens
        self._policy = policy
        self._enabled = enabled
        self._repo = HhApplyRepository()
        self._now = clock

    async def enqueue(self, *, user_id: str, application_id: str, resume_id: str, message: str,
                      automatic: bool = False) -> tuple[HhApply, bool]:
        if not self._enabled:
            raise FailedPrecondition(NOT_ENABLED)
        resume_id = resume_id.strip()
        if not resume_id or len(resume_id) > MAX_RESUME_ID or not resume_id.isalnum():
            raise InvalidArgument("resume_id: pick one of your HH.ru resumes")
        if len(message) > MAX_MESSAGE:
            raise InvalidArgument(f"message: the cover letter is too long (at most {MAX_MESSAGE} characters)")
        application = await self._tracker.get_application(application_id=application_id, user_id=user_id)
        vacancy_id = await self._jobs.hh_vacancy_id(application.job.job_id)
        message = message.strip() or cover_letter(application.analysis)
        try:
            await self._tokens.access_token(user_id)  # linked and usable: nothing is queued that cannot go
        except HhAccountNeeded as exc:
            raise FailedPrecondition(exc.message) from None
        now = self._now()
        async with self._pool.acquire() as conn, conn.transaction():
            apply, created = await self._repo.insert(conn, user_id=user_id, application_id=parse_id(application_id),
                                                     vacancy_id=vacancy_id, resume_id=resume_id, message=message,
                                                     automatic=automatic, now=now)
            if created:
                await self._repo.add_event(conn, apply=apply, outcome=HhApplyOutcome.QUEUED, reason="", body=message,
                                           now=now, automatic=automatic)
                await self._outbox.add_event(conn, convert.hh_apply_changed_event(
                    apply, await self._bucket_in(conn, user_id=user_id, now=now)))
        if created:
            self._outbox.wake()
        return apply, created

    async def list(self, *, user_id: str, application_id: str, size: int, token: str) -> tuple[list[HhApply], str]:
        """A page of the user's applies, newest first, and the next page's token ("" at the end)."""
        size = page_size(size, default=DEFAULT_PAGE, maximum=MAX_PAGE)
        app_id = parse_id(application_id) if application_id else None
        position = decode_cursor(token, filters=application_id)
        after = None
        if position:
            try:
                after = (datetime.fromisoformat(position["c"]), uuid.UUID(position["i"]))
            except (KeyError, TypeError, ValueError):
                raise InvalidArgument("page_token is not valid: ask for the first page again") from None
        async with self._pool.acquire() as conn:
            found = await self._repo.list(conn, user_id=user_id, application_id=app_id, after=after, limit=size + 1)
        page = found[:size]
        more = len(found) > size
        next_token = encode_cursor({"c": page[-1].created_at.isoformat(), "i": page[-1].id},
                                   filters=application_id) if more else ""
        return page, next_token

    async def bucket(self, *, user_id: str) -> BucketStatus:
        async with self._pool.acquire() as conn:
            return await self._bucket_in(conn, user_id=user_id, now=self._now())

    async def _bucket_in(self, conn: asyncpg.Connection, *, user_id: str, now: datetime) -> BucketStatus:
        return await bucket_status(conn, self._repo, self._policy, user_id=user_id, now=now)


async def bucket_status(conn: asyncpg.Connection, repo: HhApplyRepository, policy: BucketPolicy, *, user_id: str,
                        now: datetime) -> BucketStatus:
    stored = await repo.read_bucket(conn, user_id=user_id)
    level = policy.capacity if stored is None else policy.level(stored[0], stored[1], now)
    return BucketStatus(tokens=level, capacity=policy.capacity, refill_per_hour=policy.refill_per_hour,
                        next_token_at=policy.next_token_at(level, now),
                        queued=await repo.count_waiting(conn, user_id=user_id))


class HhApplyWorker:
    def __init__(self, pool: asyncpg.Pool, outbox: Outbox, tracker: Tracker, *, api: HhApi,
                 tokens: ProfileHhTokens, policy: BucketPolicy, lease: timedelta = timedelta(minutes=2),
                 max_attempts: int = len(BACKOFF) + 1, clock: Clock = utc_now, auto: AutoApply | None = None) -> None:
        self._auto = auto
        self._pool = pool
        self._outbox = outbox
        self._tracker = tracker
        self._api = api
        self._tokens = tokens
        self._policy = policy
        self._lease = lease
        self._max_attempts = max_attempts
        self._repo = HhApplyRepository()
        self._now = clock

    async def run_once(self) -> int:
        """Send every apply that is due and has a token; returns how many attempts were made. Automatic
        applies whose letter is ready join the queue first, as far as their searches' daily caps allow."""
        if self._auto is not None:
            await self._auto.promote_due()
        attempts = 0
        while True:
            claimed = await self._claim()
            if claimed is None:
                return attempts
            if claimed is False:
                continue  # that user's bucket is empty: the apply waits, the next one may go
            outcome = await self._attempt(claimed)
            await self._finish(claimed, outcome)
            attempts += 1

    # --- claim ----------------------------------------------------------------------------------------
    async def _claim(self) -> HhApply | bool | None:
        """A due apply claimed as SENDING (its token taken in the same transaction); False when the
        apply found had to wait for a token; None when nothing is due."""
        now = self._now()
        async with self._pool.acquire() as conn, conn.transaction():
            apply = await self._repo.claim_due(conn, now=now)
            if apply is None:
                return None
            if not apply.token_taken:
                tokens, at = await self._repo.lock_bucket(conn, user_id=apply.user_id,
                                                          capacity=self._policy.capacity, now=now)
                level = self._policy.level(tokens, at, now)
                if not self._policy.has_token(level):
                    await self._repo.postpone(conn, apply_id=uuid.UUID(apply.id),
                                              not_before=now + self._policy.until_token(level), now=now)
                    return False
                await self._repo.store_bucket(conn, user_id=apply.user_id, tokens=self._policy.take(level), now=now)
            return await self._repo.mark_sending(conn, apply_id=uuid.UUID(apply.id), lease_until=now + self._lease,
                                                 now=now)

    # --- the HH calls -----------------------------------------------------------------------------------
    async def _attempt(self, apply: HhApply) -> Outcome:
        try:
            if apply.attempts > 1:  # an earlier attempt may have posted before it could write its outcome
                found = await self._with_token(apply.user_id, lambda token: self._api.negotiations_for(
                    token=token, vacancy_id=apply.vacancy_id))
                mine = [n for n in found if n.resume_id == apply.resume_id or not n.resume_id]
                if mine:
                    return Outcome(HhApplyState.APPLIED, HhApplyOutcome.APPLIED, negotiation_id=mine[0].id,
                                   detail="HH.ru has the application (sent by an earlier attempt)")
            negotiation_id = await self._with_token(apply.user_id, lambda token: self._api.apply(
                token=token, vacancy_id=apply.vacancy_id, resume_id=apply.resume_id, message=apply.message))
            return Outcome(HhApplyState.APPLIED, HhApplyOutcome.APPLIED, negotiation_id=negotiation_id,
                           detail="applied on HH.ru")
        except HhAccountNeeded as exc:
            return Outcome(HhApplyState.NEEDS_USER, HhApplyOutcome.NEEDS_USER, reason="account", detail=exc.message,
                           token_back=True)
        except Unavailable as exc:
            return self._retry_or_fail(apply, "profile_unavailable", exc.message)
        except HhError as exc:
            return self._refused(apply, exc)

    async def _with_token(self, user_id: str, call: Callable[[str], Awaitable[T]]) -> T:
        token = await self._tokens.access_token(user_id)
        try:
            return await call(token)
        except HhError as exc:
            if not exc.token_expired:
                raise
        return await call(await self._tokens.access_token(user_id, expired=token))

    def _refused(self, apply: HhApply, error: HhError) -> Outcome:
        if error.value == "already_applied":
            return Outcome(HhApplyState.APPLIED, HhApplyOutcome.APPLIED, reason="already_applied",
                           detail="HH.ru says you had already applied to this vacancy")
        if error.value == "limit_exceeded":
            now = self._now()
            retry_at = now + self._policy.until_token(0.0)
            return Outcome(HhApplyState.QUEUED, HhApplyOutcome.WAITING, reason="limit_exceeded",
                           detail="HH.ru's limit on applications was reached: the apply waits for the next token",
                           retry_at=retry_at, empty_bucket=True, fields={"token_taken": False})
        if error.transient:
            return self._retry_or_fail(apply, error.reason, describe_refusal(error))
        return Outcome(HhApplyState.NEEDS_USER, HhApplyOutcome.NEEDS_USER, reason=error.reason,
                       detail=describe_refusal(error), token_back=True)

    def _retry_or_fail(self, apply: HhApply, reason: str, detail: str) -> Outcome:
        if apply.attempts >= self._max_attempts:
            return Outcome(HhApplyState.FAILED, HhApplyOutcome.FAILED, reason=reason,
                           detail=f"HH.ru did not answer after {apply.attempts} attempts ({reason}); try again later "
                                  "or apply on HH.ru")
        wait = BACKOFF[min(apply.attempts, len(BACKOFF)) - 1]
        return Outcome(HhApplyState.QUEUED, None, reason=reason, detail=f"{detail}; trying again",
                       retry_at=self._now() + wait)

    # --- the outcome ------------------------------------------------------------------------------------
    async def _finish(self, apply: HhApply, outcome: Outcome) -> None:
        now = self._now()
        fields: dict[str, Any] = {"state": outcome.state.value, "reason": outcome.reason, "detail": outcome.detail,
                                  **outcome.fields}
        if outcome.negotiation_id:
            fields["negotiation_id"] = outcome.negotiation_id
        if outcome.retry_at is not None:
            fields["not_before"] = outcome.retry_at
        async with self._pool.acquire() as conn, conn.transaction():
            done = await self._repo.finish_attempt(conn, apply_id=uuid.UUID(apply.id), attempt=apply.attempts,
                                                   fields=fields, now=now)
            if done is None:  # the lease ran out and another worker took over: its outcome counts
                log.warning("an apply's claim was lost before its outcome", extra={"apply_id": apply.id})
                return
            if outcome.empty_bucket or outcome.token_back:
                tokens, at = await self._repo.lock_bucket(conn, user_id=apply.user_id,
                                                          capacity=self._policy.capacity, now=now)
                level = 0.0 if outcome.empty_bucket else self._policy.give_back(self._policy.level(tokens, at, now))
                await self._repo.store_bucket(conn, user_id=apply.user_id, tokens=level, now=now)
            if outcome.state is HhApplyState.APPLIED:
                await self._tracker.move_to_applied_in(conn, application_id=apply.application_id,
                                                       user_id=apply.user_id, note="applied on HH.ru")
            if outcome.event is not None:
                body = apply.message if outcome.state is HhApplyState.APPLIED else outcome.detail
                await self._repo.add_event(conn, apply=done, outcome=outcome.event, reason=outcome.reason, body=body,
                                           now=now)
            status = await bucket_status(conn, self._repo, self._policy, user_id=apply.user_id, now=now)
            await self._outbox.add_event(conn, convert.hh_apply_changed_event(done, status))
        self._outbox.wake()
        log.info("HH apply attempt", extra={"apply_id": apply.id, "state": outcome.state.value,
                                            "reason": outcome.reason, "attempt": apply.attempts})

