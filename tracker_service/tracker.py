"""The tracker's domain operations: what each RPC does, below the gRPC edge.

Every state change that needs work elsewhere writes its command or event to the outbox in the same
transaction (ARCHITECTURE.md, "Commands and events"), then wakes the relay after commit. Reads and
writes on behalf of a user always match the card's owner: another user's card is NOT_FOUND, whether
its id was guessed or not.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import asyncpg

from common import messages
from common.db import read_only
from common.errors import Aborted, InvalidArgument, NotFound
from common.outbox import Outbox
from common.pagination import decode_cursor, encode_cursor, page_size
from tracker_service import convert
from tracker_service.calendar import feed_token_hash, new_feed_token, plausible_feed_token
from tracker_service.companies import board_of, company_key, display_name
from tracker_service.crm_repository import CrmRepository
from tracker_service.domain import (
    RESPONSE_KINDS,
    AnalysisState,
    Application,
    CalendarEntries,
    CalendarFeed,
    CardDate,
    Change,
    CreateResult,
    FunnelReport,
    HistoryEntry,
    JobSnapshot,
    ListResult,
    Move,
    Note,
    Page,
    SalaryKind,
    Sort,
    Status,
)
from tracker_service.funnel import funnel_report, response_stats, time_in_stage
from tracker_service.repository import TrackerRepository
from tracker_service.transitions import check_move, check_reopen

if TYPE_CHECKING:  # the outbox hands its give-up hook the command; convert.py reads it
    from jobmate.events.v1.events_pb2 import Command

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_BATCH_IDS = 200
MAX_NOTE_CHARS = 10_000
MAX_MOVE_NOTE_CHARS = 2_000
FOLLOW_UP_CLAIM_BATCH = 100

SnapshotLookup = Callable[[str], Awaitable[JobSnapshot]]
AnalysisHook = Callable[[asyncpg.Connection, Application, bool], Awaitable[None]]


def parse_id(value: str, what: str = "application id") -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        raise InvalidArgument(f"{value!r} is not a valid {what}") from None


def _cursor_position(key: Any, application_id: str) -> dict[str, Any]:
    if isinstance(key, datetime):
        return {"at": key.isoformat(), "id": application_id}
    return {"n": int(key), "id": application_id}


def _cursor_after(position: dict[str, Any]) -> tuple[Any, str]:
    try:
        key = datetime.fromisoformat(position["at"]) if "at" in position else int(position["n"])
        return key, str(uuid.UUID(str(position["id"])))
    except (KeyError, ValueError, TypeError):
        raise InvalidArgument("page_token is not valid: ask for the first page again") from None


class Tracker:
    def __init__(self, pool: asyncpg.Pool, outbox: Outbox, snapshot_lookup: SnapshotLookup,
                 repository: TrackerRepository | None = None, crm_repository: CrmRepository | None = None) -> None:
        # Called in the transaction that records an analysis (or its failure): auto-apply's next step.
        self.on_analysis: AnalysisHook | None = None
        self._pool = pool
        self._outbox = outbox
        self._snapshot = snapshot_lookup
        self._repo = repository or TrackerRepository()
        self._crm = crm_repository or CrmRepository()

    # --- applications ---------------------------------------------------------------------------
    async def create_application(self, *, user_id: str, job_id: str, search_config_id: str) -> CreateResult:
        job_id = job_id.strip()
        if not job_id:
            raise InvalidArgument("job_id is required")
        async with self._pool.acquire() as conn:
            existing = await self._repo.get_by_job(conn, user_id=user_id, job_id=job_id)
        if existing is not None:
            return CreateResult(existing, created=False)
        snapshot = await self._snapshot(job_id)  # NOT_FOUND when the posting is not the caller's
        search_config_id = search_config_id or snapshot.search_config_id
        command_id = messages.new_id()
        async with self._pool.acquire() as conn, conn.transaction():
            # The posting's company, found by its normalised name or created (with the board its URL shows).
            company_id, company_created = await self._crm.find_or_create_company(
                conn, user_id=user_id, name=display_name(snapshot.company), key=company_key(snapshot.company),
                board=board_of(snapshot.url))
            application = await self._repo.insert_application(
                conn, user_id=user_id, job=snapshot, search_config_id=search_config_id,
                analysis_command_id=command_id, company_id=company_id)
            if application is None:  # a concurrent call created it first (the company waited on it too)
                existing = await self._repo.get_by_job(conn, user_id=user_id, job_id=job_id)
                assert existing is not None
                return CreateResult(existing, created=False)
            await self._repo.add_history(conn, application_id=application.id, user_id=user_id, from_status=None,
                                         to_status=Status.TO_APPLY, by_user_id=user_id)
            if company_created:
                await self._outbox.add_event(conn, convert.company_changed_event(
                    user_id, company_id, display_name(snapshot.company), Change.CREATED))
            if snapshot.salary is not None:
                await self._crm.insert_salary(conn, user_id=user_id, application_id=application.id,
                                              kind=SalaryKind.ADVERTISED, salary=snapshot.salary,
                                              note="from the posting", observed_at=None)
            await self._outbox.add_command(conn, convert.analyze_job_command(
                command_id=command_id, user_id=user_id, application_id=application.id, job_id=job_id,
                search_config_id=search_config_id))
        self._outbox.wake()
        return CreateResult(application, created=True)

    async def get_application(self, *, application_id: str, user_id: str | None) -> Application:
        """`user_id=None` for internal callers with scope tracker.read."""
        async with self._pool.acquire() as conn:
            application = await self._repo.get(conn, application_id=parse_id(application_id), user_id=user_id)
        if application is None:
            raise NotFound("application not found")
        return application

    async def batch_get(self, *, ids: list[str], user_id: str | None) -> list[Application]:
        """In the order asked; unknown ids (and other users' cards) are left out."""
        if len(ids) > MAX_BATCH_IDS:
            raise InvalidArgument(f"at most {MAX_BATCH_IDS} ids per call")
        parsed = [parse_id(i) for i in ids]
        async with self._pool.acquire() as conn:
            found = {a.id: a for a in await self._repo.batch_get(conn, ids=parsed, user_id=user_id)}
        return [found[str(i)] for i in dict.fromkeys(parsed) if str(i) in found]

    async def list_applications(self, *, user_id: str, statuses: list[Status], sort: Sort, size: int,
                                token: str, company_id: str = "") -> ListResult:
        statuses = sorted(set(statuses))
        company = parse_id(company_id, "company id") if company_id else None
        filters = (sort.value, statuses) if company is None else (sort.value, statuses, str(company))
        position = decode_cursor(token, filters=filters)
        async with self._pool.acquire() as conn:
            if company is not None and await self._crm.get_company(conn, company_id=company, user_id=user_id) is None:
                raise NotFound("company not found")
            page: Page = await self._repo.list_page(
                conn, user_id=user_id, statuses=statuses, sort=sort,
                after=_cursor_after(position) if position else None,
                limit=page_size(size, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE), company_id=company)
        next_token = ""
        if page.next_after is not None:
            next_token = encode_cursor(_cursor_position(*page.next_after), filters=filters)
        return ListResult(page.items, next_token, page.total)

    async def board_rows(self, *, user_id: str, cards_per_column: int, analyses: bool = True) -> list[asyncpg.Record]:
        """The board as its rows (TrackerRepository.board_rows), for GetBoard to put on the wire
        (convert.board_from_rows)."""
        per_column = page_size(cards_per_column, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
        async with read_only(self._pool) as conn:
            return await self._repo.board_rows(conn, user_id=user_id, cards_per_column=per_column, analyses=analyses)

    async def delete_application(self, *, application_id: str, user_id: str) -> None:
        async with self._pool.acquire() as conn, conn.transaction():
            deleted = await self._repo.delete(conn, application_id=parse_id(application_id), user_id=user_id)
            if deleted is None:
                raise NotFound("application not found")
            if deleted.analysis_command_id:  # nobody waits for that analysis any more
                await self._outbox.fail(conn, deleted.analysis_command_id, "the application was deleted")

    # --- moves -----------------------------------------------------------------------------------
    async def move_card(self, *, application_id: str, user_id: str, to_status: Status,
                        expected_version: int | None, note: str) -> Application:
        return await self._move(application_id=application_id, user_id=user_id, expected_version=expected_version,
                                note=note, decide=lambda current: check_move(current, to_status))

    async def reopen(self, *, application_id: str, user_id: str, to_status: Status,
                     expected_version: int | None, note: str) -> Application:
        return await self._move(application_id=application_id, user_id=user_id, expected_version=expected_version,
                                note=note, decide=lambda current: check_reopen(current, to_status))

    async def _move(self, *, application_id: str, user_id: str, expected_version: int | None, note: str,
                    decide: Callable[[Status], Move]) -> Application:
        note = note.strip()
        if len(note) > MAX_MOVE_NOTE_CHARS:
            raise InvalidArgument(f"the note is too long (at most {MAX_MOVE_NOTE_CHARS} characters)")
        app_id = parse_id(application_id)
        async with self._pool.acquire() as conn, conn.transaction():
            current = await self._repo.get(conn, application_id=app_id, user_id=user_id, for_update=True)
            if current is None:
                raise NotFound("application not found")
            if expected_version is not None and expected_version != current.version:
                raise Aborted(f"the card changed meanwhile (version {current.version}, you had {expected_version});"
                              " reload it and try again")
            move = decide(current.status)
            moved = await self._repo.set_status(conn, application_id=app_id, status=move.to_status)
            moved.notes = current.notes
            await self._repo.add_history(conn, application_id=app_id, user_id=user_id,
                                         from_status=move.from_status, to_status=move.to_status,
                                         by_user_id=user_id, note=note, correction=move.correction,
                                         reopen=move.reopen)
            await self._outbox.add_event(conn, convert.card_moved_event(moved, move))
            if move.to_status is Status.HIRED:
                # Durable: the outbox calls profile's ArchiveSearchConfigs until it succeeds or gives up.
                await self._outbox.add_command(conn, convert.archive_searches_command(moved))
        self._outbox.wake()
        return moved

    async def lock_application_in(self, conn: asyncpg.Connection, *, application_id: str) -> Application | None:
        """In the caller's transaction: the card, locked as RecordAnalysis and moves lock it."""
        return await self._repo.get(conn, application_id=parse_id(application_id), user_id=None, for_update=True)

    async def move_to_applied_in(self, conn: asyncpg.Connection, *, application_id: str, user_id: str,
                                 note: str) -> bool:
        """In the caller's transaction: a card still in TO_APPLY moves to APPLIED (history, event), as
        MoveCard would; any other status is left alone (the user moved it on already). True if moved."""
        app_id = parse_id(application_id)
        current = await self._repo.get(conn, application_id=app_id, user_id=user_id, for_update=True)
        if current is None or current.status is not Status.TO_APPLY:
            return False
        move = check_move(current.status, Status.APPLIED)
        moved = await self._repo.set_status(conn, application_id=app_id, status=move.to_status)
        await self._repo.add_history(conn, application_id=app_id, user_id=user_id, from_status=move.from_status,
                                     to_status=move.to_status, by_user_id=user_id, note=note,
                                     correction=False, reopen=False)
        await self._outbox.add_event(conn, convert.card_moved_event(moved, move))
        return True

    async def history(self, *, application_id: str, user_id: str) -> list[HistoryEntry]:
        app_id = parse_id(application_id)
        async with self._pool.acquire() as conn:
            if await self._repo.get(conn, application_id=app_id, user_id=user_id) is None:
                raise NotFound("application not found")
            return await self._repo.history(conn, application_id=app_id)

    async def batch_history(self, *, ids: list[str], user_id: str) -> list[tuple[str, list[HistoryEntry]]]:
        """(application id, its history) in the order asked; unknown ids and other users' cards are left out."""
        if len(ids) > MAX_BATCH_IDS:
            raise InvalidArgument(f"at most {MAX_BATCH_IDS} ids per call")
        parsed = list(dict.fromkeys(parse_id(i) for i in ids))
        if not parsed:
            return []
        async with self._pool.acquire() as conn:
            found = await self._repo.histories(conn, application_ids=parsed, user_id=user_id)
        return [(str(i), found[str(i)]) for i in parsed if str(i) in found]

    # --- notes, rating, dates --------------------------------------------------------------------
    @staticmethod
    def _note_body(body: str) -> str:
        body = body.strip()
        if not body:
            raise InvalidArgument("a note cannot be empty")
        if len(body) > MAX_NOTE_CHARS:
            raise InvalidArgument(f"the note is too long (at most {MAX_NOTE_CHARS} characters)")
        return body

    async def add_note(self, *, application_id: str, user_id: str, body: str) -> Note:
        body = self._note_body(body)
        app_id = parse_id(application_id)
        async with self._pool.acquire() as conn, conn.transaction():
            if await self._repo.get(conn, application_id=app_id, user_id=user_id) is None:
                raise NotFound("application not found")
            return await self._repo.add_note(conn, application_id=app_id, user_id=user_id, body=body)

    async def edit_note(self, *, application_id: str, note_id: str, user_id: str, body: str) -> Note:
        body = self._note_body(body)
        async with self._pool.acquire() as conn, conn.transaction():
            note = await self._repo.edit_note(conn, application_id=parse_id(application_id),
                                              note_id=parse_id(note_id, "note id"), user_id=user_id, body=body)
        if note is None:
            raise NotFound("note not found")
        return note

    async def delete_note(self, *, application_id: str, note_id: str, user_id: str) -> None:
        async with self._pool.acquire() as conn, conn.transaction():
            deleted = await self._repo.delete_note(conn, application_id=parse_id(application_id),
                                                   note_id=parse_id(note_id, "note id"), user_id=user_id)
        if not deleted:
            raise NotFound("note not found")

    async def rate(self, *, application_id: str, user_id: str, rating: int) -> Application:
        if not 0 <= rating <= 5:
            raise InvalidArgument("rating must be between 1 and 5 (0 clears it)")
        app_id = parse_id(application_id)
        async with self._pool.acquire() as conn:
            if not await self._repo.set_rating(conn, application_id=app_id, user_id=user_id, rating=rating):
                raise NotFound("application not found")
        return await self.get_application(application_id=application_id, user_id=user_id)

    async def set_dates(self, *, application_id: str, user_id: str, follow_up_at: datetime | None,
                        interview_at: datetime | None,
                        changing: frozenset[CardDate] = frozenset(CardDate)) -> Application:
        """Set the `changing` dates (None clears one); the others keep their stored value."""
        app_id = parse_id(application_id)
        async with self._pool.acquire() as conn, conn.transaction():
            current = await self._repo.get(conn, application_id=app_id, user_id=user_id, for_update=True)
            if current is None:
                raise NotFound("application not found")
            if CardDate.FOLLOW_UP not in changing:
                follow_up_at = current.follow_up_at
            if CardDate.INTERVIEW not in changing:
                interview_at = current.interview_at
            # A kept follow-up is not a new one: it is not re-armed, and may already be past.
            unchanged = CardDate.FOLLOW_UP not in changing or (
                follow_up_at is not None and follow_up_at == current.follow_up_at)
            if follow_up_at is not None and not unchanged and follow_up_at <= datetime.now(UTC):
                raise InvalidArgument("follow_up_at must be in the future")
            await self._repo.set_dates(conn, application_id=app_id, follow_up_at=follow_up_at,
                                       rearm_follow_up=not unchanged, interview_at=interview_at)
        return await self.get_application(application_id=application_id, user_id=user_id)

    async def calendar_entries(self, *, user_id: str) -> CalendarEntries:
        """Follow-ups and interview dates of the cards, and the recorded interviews."""
        async with self._pool.acquire() as conn:
            return CalendarEntries(applications=await self._repo.calendar_entries(conn, user_id=user_id),
                                   interviews=await self._crm.interviews(conn, user_id=user_id))

    # --- calendar feed ----------------------------------------------------------------------------
    async def get_calendar_feed(self, *, user_id: str) -> CalendarFeed:
        """The user's feed, created if missing; its token is known only to the call that creates it."""
        token = new_feed_token()
        async with self._pool.acquire() as conn:
            created_at = await self._repo.insert_calendar_feed(conn, user_id=user_id, token_sha256=feed_token_hash(token))
            if created_at is not None:
                return CalendarFeed(token=token, created=True, created_at=created_at)
            existing = await self._repo.calendar_feed_created_at(conn, user_id=user_id)
        assert existing is not None  # feeds are never deleted
        return CalendarFeed(token=None, created=False, created_at=existing)

    async def rotate_calendar_feed(self, *, user_id: str) -> CalendarFeed:
        token = new_feed_token()
        async with self._pool.acquire() as conn:
            created_at = await self._repo.replace_calendar_feed(conn, user_id=user_id,
                                                                token_sha256=feed_token_hash(token))
        return CalendarFeed(token=token, created=True, created_at=created_at)

    async def calendar_entries_by_feed_token(self, *, feed_token: str) -> CalendarEntries:
        """The calendar of the feed token's owner; NotFound for a token that is unknown or was rotated."""
        async with self._pool.acquire() as conn:
            owner = (await self._repo.calendar_feed_owner(conn, token_sha256=feed_token_hash(feed_token))
                     if plausible_feed_token(feed_token) else None)
        if owner is None:
            raise NotFound("no calendar feed has this token (it may have been replaced)")
        return await self.calendar_entries(user_id=owner)

    async def fire_due_follow_ups(self) -> int:
        """Claim due reminders (SKIP LOCKED) and emit one EVENT_FOLLOW_UP_DUE each, in one transaction."""
        async with self._pool.acquire() as conn, conn.transaction():
            due = await self._repo.claim_due_follow_ups(conn, limit=FOLLOW_UP_CLAIM_BATCH)
            for application in due:
                await self._outbox.add_event(conn, convert.follow_up_due_event(application))
        if due:
            self._outbox.wake()
        return len(due)

    # --- analyses --------------------------------------------------------------------------------
    async def record_analysis(self, *, command_id: str, application_id: str, analysis: dict[str, Any] | None,
                              ok: bool, reason: str) -> bool:
        """Store ai_coach's result (or failure); True when this command id was already recorded."""
        if not ok and not reason.strip():
            raise InvalidArgument("reason is required")
        cmd_id, app_id = parse_id(command_id, "command id"), parse_id(application_id)
        async with self._pool.acquire() as conn, conn.transaction():
            application = await self._repo.get(conn, application_id=app_id, user_id=None, for_update=True)
            if application is None:
                raise NotFound("application not found (it may have been deleted)")
            if not await self._repo.record_analysis_result(conn, command_id=cmd_id, application_id=app_id, ok=ok,
                                                           analysis=analysis, reason=reason):
                return True
            if ok:
                await self._outbox.complete(conn, command_id)
            else:
                await self._outbox.fail(conn, command_id, reason)
            updated = await self._repo.set_analysis_outcome(
                conn, application_id=app_id, command_id=cmd_id,
                state=AnalysisState.DONE if ok else AnalysisState.FAILED, analysis=analysis, error=reason)
            if updated is not None:
                await self._outbox.add_event(conn, convert.analysis_done_event(updated, command_id, ok=ok,
                                                                               reason=reason))
                if self.on_analysis is not None:
                    await self.on_analysis(conn, updated, ok)
        self._outbox.wake()
        return False

    async def mark_analysis_running(self, *, command_id: str, application_id: str) -> bool:
        cmd_id, app_id = parse_id(command_id, "command id"), parse_id(application_id)
        async with self._pool.acquire() as conn:
            return await self._repo.mark_analysis_running(conn, application_id=app_id, command_id=cmd_id)

    async def reanalyze(self, *, application_id: str, user_id: str) -> Application:
        app_id = parse_id(application_id)
        async with self._pool.acquire() as conn, conn.transaction():
            current = await self._repo.get(conn, application_id=app_id, user_id=user_id, for_update=True)
            if current is None:
                raise NotFound("application not found")
            if current.analysis_command_id:  # stop re-publishing the one this replaces
                await self._outbox.fail(conn, current.analysis_command_id, "superseded by a new analysis request")
            command_id = messages.new_id()
            await self._outbox.add_command(conn, convert.analyze_job_command(
                command_id=command_id, user_id=user_id, application_id=current.id, job_id=current.job.job_id,
                search_config_id=current.search_config_id))
            updated = await self._repo.queue_analysis(conn, application_id=app_id, command_id=uuid.UUID(command_id))
            updated.notes = current.notes
        self._outbox.wake()
        return updated

    async def on_command_given_up(self, conn: asyncpg.Connection, command: Command, reason: str) -> None:
        """Outbox give-up hook, in the relay's transaction: store the failure where the user sees it."""
        if convert.is_analyze_job(command):
            application_id = convert.analyze_job_application(command)
            if application_id is None:  # not one of ours: nothing to mark, and the relay must not stall on it
                return
            user_reason = f"The analysis did not complete ({reason}). You can ask for it again."
            updated = await self._repo.set_analysis_outcome(
                conn, application_id=application_id, command_id=uuid.UUID(command.id),
                state=AnalysisState.FAILED, analysis=None, error=user_reason)
            if updated is not None:
                await self._outbox.add_event(conn, convert.analysis_done_event(updated, command.id, ok=False,
                                                                               reason=user_reason))
                if self.on_analysis is not None:
                    await self.on_analysis(conn, updated, False)
            return
        await self._outbox.add_event(conn, convert.command_failed_event(command, reason))

    # --- stats -----------------------------------------------------------------------------------
    async def funnel(self, *, user_id: str) -> FunnelReport:
        now = datetime.now(UTC)
        async with self._pool.acquire() as conn:
            cards, history = await self._repo.funnel_rows(conn, user_id=user_id)
            responses = await self._crm.response_events(conn, user_id=user_id, kinds=RESPONSE_KINDS)
            silent = await self._crm.no_response_count(conn, user_id=user_id)
        report = funnel_report(cards, history)
        report.time_in_stage = time_in_stage(cards, history, now=now)
        report.response = response_stats(history, responses)
        report.no_response_count = silent
        return report
