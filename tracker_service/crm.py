"""The CRM's operations (issue 18), below the gRPC edge: companies, contacts, the timeline, salary
observations, silence, and the user's data in and out.

As in tracker.py: every change that others should see writes its event to the outbox in the same
transaction (and wakes the relay after commit), and every read or change on behalf of a user matches
that user: another user's company, contact, event or application is NOT_FOUND.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import asyncpg

from common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from common.outbox import Outbox
from common.pagination import decode_cursor, encode_cursor, page_size
from common.pay import PERIODS_PER_YEAR
from tracker_service import convert, transfer
from tracker_service.companies import board_of, company_key, display_name
from tracker_service.crm_repository import CrmRepository
from tracker_service.domain import (
    OPEN_STATUSES,
    RECORDED_KINDS,
    AnalysisRecord,
    Application,
    ApplicationRecord,
    Change,
    Company,
    CompanyRecord,
    CompanySort,
    Contact,
    ContactRecord,
    CsvOptions,
    DataFormat,
    EventFields,
    EventKind,
    EventRecord,
    ExportedFile,
    HistoryRecord,
    ImportReport,
    NoResponseDetails,
    NoteRecord,
    OfferDetails,
    OfferRow,
    Salary,
    SalaryKind,
    SalaryObservation,
    SalaryRecord,
    SilenceThreshold,
    Status,
    TimelineEvent,
    TimelinePosition,
    UserData,
    details_as_dict,
)
from tracker_service.repository import TrackerRepository
from tracker_service.silence import (
    DEFAULT_THRESHOLDS,
    MAX_THRESHOLD_DAYS,
    SILENCE_CLAIM_BATCH,
    effective_thresholds,
)
from tracker_service.tracker import MAX_BATCH_IDS, MAX_NOTE_CHARS, parse_id
from tracker_service.validation import (
    DETAILS_PATH,
    EVENT_PATHS,
    MAX_EVENT_CONTACTS,
    MAX_SHORT_TEXT_CHARS,
    MAX_TITLE_CHARS,
    check_details,
    check_event_time,
    check_salary,
    company_fields,
    contact_fields,
    text,
)

log = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Large files: the gateway refuses bigger uploads before they reach the tracker (GATEWAY_MAX_IMPORT_BYTES).
MAX_IMPORT_BYTES = 5 * 1024 * 1024
# An export travels as one gRPC message (at most 16 MiB): refuse clearly rather than fail in transport.
MAX_EXPORT_BYTES = 15 * 1024 * 1024

def annualised(salary: Salary) -> tuple[float | None, float | None]:
    """The figures per year (common.pay.PERIODS_PER_YEAR: hour x 2080, day x 260, week x 52, month x 12),
    or (None, None)."""
    factor = PERIODS_PER_YEAR.get(salary.period) if salary.period else None
    if factor is None:
        return None, None
    return (salary.min * factor if salary.min is not None else None,
            salary.max * factor if salary.max is not None else None)


def _cursor(position: dict[str, Any], key: str) -> tuple[Any, str]:
    try:
        value = position["k"]
        if key == "time":
            value = datetime.fromisoformat(value)
        elif not isinstance(value, str):
            raise ValueError
        return value, str(position["id"])
    except (KeyError, ValueError, TypeError):
        raise InvalidArgument("page_token is not valid: ask for the first page again") from None


def _timeline_position(position: dict[str, Any]) -> TimelinePosition:
    try:
        return TimelinePosition(datetime.fromisoformat(position["k"]), datetime.fromisoformat(position["r"]),
                                int(position["o"]), int(position["s"]), str(position["id"]))
    except (KeyError, ValueError, TypeError):
        raise InvalidArgument("page_token is not valid: ask for the first page again") from None


class Crm:
    def __init__(self, pool: asyncpg.Pool, outbox: Outbox, *,
                 analysis_document: Callable[[dict[str, Any]], dict[str, Any]],
                 repository: CrmRepository | None = None, tracker_repository: TrackerRepository | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        """`analysis_document` checks an imported analysis and returns it as stored (convert.py)."""
        self._pool = pool
        self._outbox = outbox
        self._repo = repository or CrmRepository()
        self._cards = tracker_repository or TrackerRepository()
        self._analysis_document = analysis_document
        self._now = clock

    async def _own_application(self, conn: asyncpg.Connection, application_id: str, user_id: str, *,
                               for_update: bool = False) -> Application:
        application = await self._cards.get(conn, application_id=parse_id(application_id), user_id=user_id,
                                            for_update=for_update)
        if application is None:
            raise NotFound("application not found")
        return application

    async def _own_company(self, conn: asyncpg.Connection, company_id: str, user_id: str) -> Company:
        company = await self._repo.get_company(conn, company_id=parse_id(company_id, "company id"), user_id=user_id)
        if company is None:
            raise NotFound("company not found")
        return company

    # --- companies --------------------------------------------------------------------------------
    async def create_company(self, *, user_id: str, fields: dict[str, str]) -> Company:
        checked = company_fields({"name": "", **fields} if "name" not in fields else fields)
        key = company_key(checked["name"])
        async with self._pool.acquire() as conn, conn.transaction():
            company_id = await self._repo.insert_company(conn, user_id=user_id, key=key, fields=checked)
            if company_id is None:
                existing = (await self._repo.company_ids_by_key(conn, user_id=user_id, keys=[key]))[key]
                raise AlreadyExists(f"you already have this company (id {existing}); "
                                    "names that differ only by case, accents or a legal form are one company")
            await self._outbox.add_event(conn, convert.company_changed_event(user_id, company_id, checked["name"],
                                                                             Change.CREATED))
            company = await self._own_company(conn, company_id, user_id)
        self._outbox.wake()
        return company

    async def get_company(self, *, user_id: str, company_id: str) -> Company:
        async with self._pool.acquire() as conn:
            return await self._own_company(conn, company_id, user_id)

    async def batch_get_companies(self, *, user_id: str, ids: list[str]) -> list[Company]:
        if len(ids) > MAX_BATCH_IDS:
            raise InvalidArgument(f"at most {MAX_BATCH_IDS} ids per call")
        parsed = [parse_id(i, "company id") for i in ids]
        async with self._pool.acquire() as conn:
            found = {c.id: c for c in await self._repo.batch_get_companies(conn, ids=parsed, user_id=user_id)}
        return [found[str(i)] for i in dict.fromkeys(parsed) if str(i) in found]

    async def list_companies(self, *, user_id: str, sort: CompanySort, size: int,
                             token: str) -> tuple[list[Company], str, int]:
        filters = ("companies", sort.value)
        position = decode_cursor(token, filters=filters)
        key_kind = "time" if sort is CompanySort.LAST_ACTIVITY_DESC else "text"
        async with self._pool.acquire() as conn:
            companies, next_after, total = await self._repo.list_companies(
                conn, user_id=user_id, sort=sort, after=_cursor(position, key_kind) if position else None,
                limit=page_size(size, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE))
        next_token = ""
        if next_after is not None:
            key = next_after[0].isoformat() if isinstance(next_after[0], datetime) else next_after[0]
            next_token = encode_cursor({"k": key, "id": next_after[1]}, filters=filters)
        return companies, next_token, total

    async def update_company(self, *, user_id: str, company_id: str, changes: dict[str, str]) -> Company:
        if not changes:
            raise InvalidArgument("update_mask names no field to change")
        checked = company_fields(changes)
        if "name" in checked:
            checked["name_key"] = company_key(checked["name"])
        async with self._pool.acquire() as conn, conn.transaction():
            company = await self._own_company(conn, company_id, user_id)
            try:
                async with conn.transaction():
                    await self._repo.update_company(conn, company_id=uuid.UUID(company.id), user_id=user_id,
                                                    changes=checked)
            except asyncpg.UniqueViolationError:
                raise AlreadyExists("you already have a company with this name") from None
            updated = await self._own_company(conn, company_id, user_id)
            await self._outbox.add_event(conn, convert.company_changed_event(user_id, updated.id, updated.name,
                                                                             Change.UPDATED))
        self._outbox.wake()
        return updated

    async def delete_company(self, *, user_id: str, company_id: str) -> None:
        async with self._pool.acquire() as conn, conn.transaction():
            deleted = await self._repo.delete_company(conn, company_id=parse_id(company_id, "company id"),
                                                      user_id=user_id)
            if deleted is None:
                raise NotFound("company not found")
            if deleted.application_count:
                raise FailedPrecondition(f"{deleted.application_count} application(s) still belong to this company;"
                                         " move them to another company or delete them first")
            await self._outbox.add_event(conn, convert.company_changed_event(user_id, deleted.id, deleted.name,
                                                                             Change.DELETED))
        self._outbox.wake()

    async def set_application_company(self, *, user_id: str, application_id: str, company_id: str) -> Application:
        async with self._pool.acquire() as conn, conn.transaction():
            application = await self._own_application(conn, application_id, user_id, for_update=True)
            company = await self._own_company(conn, company_id, user_id)
            if application.company_id != company.id:
                await self._repo.set_application_company(conn, application_id=uuid.UUID(application.id),
                                                         company_id=uuid.UUID(company.id))
                await self._outbox.add_event(conn, convert.company_changed_event(
                    user_id, company.id, company.name, Change.UPDATED, application_id=application.id))
            moved = await self._own_application(conn, application_id, user_id)
        self._outbox.wake()
        return moved

    # --- contacts -----------------------------------------------------------------------------------
    async def create_contact(self, *, user_id: str, company_id: str, fields: dict[str, str]) -> Contact:
        checked = contact_fields({"name": "", **fields} if "name" not in fields else fields)
        async with self._pool.acquire() as conn, conn.transaction():
            company = await self._own_company(conn, company_id, user_id)
            contact = await self._repo.insert_contact(conn, user_id=user_id, company_id=uuid.UUID(company.id),
                                                      fields=checked)
            await self._outbox.add_event(conn, convert.contact_changed_event(user_id, contact, Change.CREATED))
        self._outbox.wake()
        return contact

    async def update_contact(self, *, user_id: str, contact_id: str, changes: dict[str, str]) -> Contact:
        if not changes:
            raise InvalidArgument("update_mask names no field to change")
        moving_to = changes.pop("company_id", None)
        checked: dict[str, Any] = contact_fields(changes)
        async with self._pool.acquire() as conn, conn.transaction():
            if moving_to is not None:
                checked["company_id"] = uuid.UUID((await self._own_company(conn, moving_to, user_id)).id)
            contact = await self._repo.update_contact(conn, contact_id=parse_id(contact_id, "contact id"),
                                                      user_id=user_id, changes=checked)
            if contact is None:
                raise NotFound("contact not found")
            await self._outbox.add_event(conn, convert.contact_changed_event(user_id, contact, Change.UPDATED))
        self._outbox.wake()
        return contact

    async def delete_contact(self, *, user_id: str, contact_id: str) -> None:
        async with self._pool.acquire() as conn, conn.transaction():
            contact = await self._repo.delete_contact(conn, contact_id=parse_id(contact_id, "contact id"),
                                                      user_id=user_id)
            if contact is None:
                raise NotFound("contact not found")
            await self._outbox.add_event(conn, convert.contact_changed_event(user_id, contact, Change.DELETED))
        self._outbox.wake()

    async def list_contacts(self, *, user_id: str, company_id: str, size: int,
                            token: str) -> tuple[list[Contact], str, int]:
        company = parse_id(company_id, "company id")
        filters = ("contacts", str(company))
        position = decode_cursor(token, filters=filters)
        async with self._pool.acquire() as conn:
            await self._own_company(conn, company_id, user_id)
            contacts, next_after, total = await self._repo.list_contacts(
                conn, user_id=user_id, company_id=company, after=_cursor(position, "text") if position else None,
                limit=page_size(size, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE))
        next_token = encode_cursor({"k": next_after[0], "id": next_after[1]}, filters=filters) if next_after else ""
        return contacts, next_token, total

    async def batch_get_contacts(self, *, user_id: str, ids: list[str]) -> list[Contact]:
        if len(ids) > MAX_BATCH_IDS:
            raise InvalidArgument(f"at most {MAX_BATCH_IDS} ids per call")
        parsed = [parse_id(i, "contact id") for i in ids]
        async with self._pool.acquire() as conn:
            found = {c.id: c for c in await self._repo.batch_get_contacts(conn, ids=parsed, user_id=user_id)}
        return [found[str(i)] for i in dict.fromkeys(parsed) if str(i) in found]

    # --- the timeline ---------------------------------------------------------------------------------
    async def _check_contacts(self, conn: asyncpg.Connection, user_id: str, contact_ids: Sequence[str]) -> list[str]:
        if len(contact_ids) > MAX_EVENT_CONTACTS:
            raise InvalidArgument(f"at most {MAX_EVENT_CONTACTS} contacts per event")
        parsed = list(dict.fromkeys(parse_id(c, "contact id") for c in contact_ids))
        owned = await self._repo.owned_contact_ids(conn, user_id=user_id, ids=parsed)
        if len(owned) != len(parsed):
            raise NotFound("contact not found")
        return [str(c) for c in parsed]

    async def create_event(self, *, user_id: str, application_id: str, kind: EventKind,
                           fields: EventFields) -> TimelineEvent:
        if kind not in RECORDED_KINDS:
            raise InvalidArgument(f"kind must be one of {', '.join(sorted(RECORDED_KINDS))}"
                                  " (the others are written by the tracker)")
        now = self._now()
        title = text(fields.title, "title", MAX_TITLE_CHARS, required=kind is EventKind.CUSTOM)
        body = text(fields.body, "body", MAX_NOTE_CHARS, required=kind is EventKind.NOTE)
        occurred_at = check_event_time(fields.occurred_at, "occurred_at", now=now)
        assert occurred_at is not None
        details = check_details(kind, fields.details, now=now)
        async with self._pool.acquire() as conn, conn.transaction():
            application = await self._own_application(conn, application_id, user_id, for_update=True)
            contact_ids = await self._check_contacts(conn, user_id, fields.contact_ids)
            event_id = await self._repo.insert_event(
                conn, user_id=user_id, application_id=uuid.UUID(application.id), kind=kind, title=title, body=body,
                details=details_as_dict(details), occurred_at=occurred_at)
            await self._repo.replace_event_contacts(conn, event_id=event_id, contact_ids=contact_ids)
            if isinstance(details, OfferDetails) and details.salary is not None:
                await self._repo.set_event_salary(conn, user_id=user_id, application_id=uuid.UUID(application.id),
                                                  event_id=event_id, salary=details.salary, observed_at=occurred_at)
            # Any new event ends a silence.
            cleared = await self._repo.refresh_activity(conn, application_id=uuid.UUID(application.id),
                                                        clear_no_response=True)
            event = await self._repo.get_recorded_event(conn, event_id=uuid.UUID(event_id), user_id=user_id)
            assert event is not None
            await self._outbox.add_event(conn, convert.timeline_event_changed_event(user_id, event, Change.CREATED,
                                                                                    no_response_cleared=cleared))
        self._outbox.wake()
        return event

    async def update_event(self, *, user_id: str, event_id: str, fields: EventFields,
                           changing: frozenset[str]) -> TimelineEvent:
        if not changing:
            raise InvalidArgument(f"update_mask names no field to change; paths: {', '.join(sorted(EVENT_PATHS))}")
        unknown = changing - EVENT_PATHS
        if unknown:
            raise InvalidArgument(f"update_mask path {sorted(unknown)[0]!r} is not a field of an event; "
                                  f"paths: {', '.join(sorted(EVENT_PATHS))}")
        now = self._now()
        async with self._pool.acquire() as conn, conn.transaction():
            current = await self._repo.get_recorded_event(conn, event_id=parse_id(event_id, "event id"),
                                                          user_id=user_id, for_update=True)
            if current is None:
                raise NotFound("event not found")
            if not current.editable:
                raise FailedPrecondition("this entry is written by the tracker and cannot be edited")
            details_paths = changing & set(DETAILS_PATH.values())
            allowed = DETAILS_PATH.get(current.kind)
            if details_paths and details_paths != {allowed}:
                raise InvalidArgument(f"a {current.kind} event has " + (f"{allowed} details only" if allowed
                                                                         else "no details"))
            changes: dict[str, Any] = {}
            if "title" in changing:
                changes["title"] = text(fields.title, "title", MAX_TITLE_CHARS,
                                         required=current.kind is EventKind.CUSTOM)
            if "body" in changing:
                changes["body"] = text(fields.body, "body", MAX_NOTE_CHARS, required=current.kind is EventKind.NOTE)
            if "occurred_at" in changing:
                changes["occurred_at"] = check_event_time(fields.occurred_at, "occurred_at", now=now)
            details = current.details
            if details_paths:
                details = check_details(current.kind, fields.details, now=now)
                changes["details"] = details_as_dict(details)
            event_uuid = uuid.UUID(current.id)
            if changes:
                await self._repo.update_event(conn, event_id=event_uuid, changes=changes)
            if "contact_ids" in changing:
                contact_ids = await self._check_contacts(conn, user_id, fields.contact_ids)
                await self._repo.replace_event_contacts(conn, event_id=event_uuid, contact_ids=contact_ids)
            if isinstance(details, OfferDetails) and (details_paths or "occurred_at" in changing):
                await self._repo.set_event_salary(conn, user_id=user_id, application_id=uuid.UUID(current.application_id),
                                                  event_id=current.id, salary=details.salary,
                                                  observed_at=changes.get("occurred_at", current.occurred_at))
            cleared = await self._repo.refresh_activity(conn, application_id=uuid.UUID(current.application_id),
                                                        clear_no_response=True)
            event = await self._repo.get_recorded_event(conn, event_id=event_uuid, user_id=user_id)
            assert event is not None
            await self._outbox.add_event(conn, convert.timeline_event_changed_event(user_id, event, Change.UPDATED,
                                                                                    no_response_cleared=cleared))
        self._outbox.wake()
        return event

    async def delete_event(self, *, user_id: str, event_id: str) -> None:
        async with self._pool.acquire() as conn, conn.transaction():
            current = await self._repo.get_recorded_event(conn, event_id=parse_id(event_id, "event id"),
                                                          user_id=user_id, for_update=True)
            if current is None:
                raise NotFound("event not found")
            if not current.editable:
                raise FailedPrecondition("this entry is written by the tracker and cannot be deleted")
            await self._repo.delete_event(conn, event_id=uuid.UUID(current.id))
            # The activity it counted for goes with it; the flag stays as it is (a deletion is not news).
            await self._repo.refresh_activity(conn, application_id=uuid.UUID(current.application_id),
                                              clear_no_response=False)
            await self._outbox.add_event(conn, convert.timeline_event_changed_event(user_id, current, Change.DELETED))
        self._outbox.wake()

    async def list_timeline(self, *, user_id: str, application_id: str, company_id: str, size: int,
                            token: str) -> tuple[list[TimelineEvent], str, int]:
        if bool(application_id) == bool(company_id):
            raise InvalidArgument("give either application_id or company_id")
        application = parse_id(application_id) if application_id else None
        company = parse_id(company_id, "company id") if company_id else None
        filters = ("timeline", str(application or ""), str(company or ""))
        position = decode_cursor(token, filters=filters)
        async with self._pool.acquire() as conn:
            if application is not None:
                await self._own_application(conn, application_id, user_id)
            else:
                await self._own_company(conn, company_id, user_id)
            page = await self._repo.timeline_page(
                conn, user_id=user_id, application_id=application, company_id=company,
                after=_timeline_position(position) if position else None,
                limit=page_size(size, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE))
        next_token = ""
        if (end := page.next_after) is not None:
            next_token = encode_cursor({"k": end.minute.isoformat(), "r": end.recorded_at.isoformat(), "o": end.rank,
                                        "s": end.seq, "id": end.item_id}, filters=filters)
        return page.events, next_token, page.total

    # --- salary observations ------------------------------------------------------------------------
    async def add_salary(self, *, user_id: str, application_id: str, kind: SalaryKind, salary: Salary, note: str,
                         observed_at: datetime | None) -> SalaryObservation:
        salary = check_salary(salary, kind=kind)
        note = text(note, "note", MAX_SHORT_TEXT_CHARS)
        observed_at = check_event_time(observed_at, "observed_at", now=self._now(), required=False)
        async with self._pool.acquire() as conn, conn.transaction():
            application = await self._own_application(conn, application_id, user_id)
            observation = await self._repo.insert_salary(conn, user_id=user_id, application_id=application.id,
                                                         kind=kind, salary=salary, note=note, observed_at=observed_at)
            await self._outbox.add_event(conn, convert.salary_changed_event(user_id, observation, Change.CREATED))
        self._outbox.wake()
        return observation

    async def delete_salary(self, *, user_id: str, observation_id: str) -> None:
        async with self._pool.acquire() as conn, conn.transaction():
            observation = await self._repo.delete_salary(
                conn, observation_id=parse_id(observation_id, "salary observation id"), user_id=user_id)
            if observation is None:
                raise NotFound("salary observation not found")
            await self._outbox.add_event(conn, convert.salary_changed_event(user_id, observation, Change.DELETED))
        self._outbox.wake()

    async def list_salaries(self, *, user_id: str, application_id: str) -> list[SalaryObservation]:
        async with self._pool.acquire() as conn:
            application = await self._own_application(conn, application_id, user_id)
            return await self._repo.list_salaries(conn, application_id=uuid.UUID(application.id))

    async def compare_offers(self, *, user_id: str) -> list[OfferRow]:
        async with self._pool.acquire() as conn:
            applications, observations, offer_events = await self._repo.offer_candidates(conn, user_id=user_id)
            companies = {c.id: c for c in await self._repo.batch_get_companies(
                conn, ids=list({uuid.UUID(a.company_id) for a in applications}), user_id=user_id)}
        latest: dict[tuple[str, SalaryKind], SalaryObservation] = {}
        for observation in observations:  # oldest first: the last one of each kind wins
            latest[(observation.application_id, observation.kind)] = observation
        rows = []
        for application in applications:
            offered = latest.get((application.id, SalaryKind.OFFERED))
            annual_min, annual_max = annualised(offered.salary) if offered else (None, None)
            event = offer_events.get(application.id)
            company = companies.get(application.company_id)
            rows.append(OfferRow(
                application_id=application.id, company_id=application.company_id,
                company=company.name if company else application.job.company, title=application.job.title,
                status=application.status, offered=offered, asked=latest.get((application.id, SalaryKind.ASKED)),
                advertised=latest.get((application.id, SalaryKind.ADVERTISED)), annual_min=annual_min,
                annual_max=annual_max, offer=event.details if event and isinstance(event.details, OfferDetails) else None,
                offered_at=event.occurred_at if event else (offered.observed_at if offered else None)))

        def order(row: OfferRow) -> tuple[str, float]:
            figures = [v for v in (row.annual_min, row.annual_max) if v is not None]
            return (row.offered.salary.currency if row.offered else "~",
                    -(sum(figures) / len(figures)) if figures else 0.0)

        return sorted(rows, key=order)

    # --- silence ------------------------------------------------------------------------------------
    async def get_thresholds(self, *, user_id: str) -> list[SilenceThreshold]:
        async with self._pool.acquire() as conn:
            return effective_thresholds(await self._repo.silence_overrides(conn, user_id=user_id))

    async def set_thresholds(self, *, user_id: str, thresholds: list[SilenceThreshold]) -> list[SilenceThreshold]:
        days: dict[Status, int] = {}
        reset: list[Status] = []
        seen: set[Status] = set()
        for threshold in thresholds:
            if threshold.status not in OPEN_STATUSES:
                raise InvalidArgument(f"thresholds are for open statuses only ({', '.join(OPEN_STATUSES)})")
            if threshold.status in seen:
                raise InvalidArgument(f"{threshold.status} is named twice")
            seen.add(threshold.status)
            if threshold.is_default:
                reset.append(threshold.status)
            elif not 0 <= threshold.days <= MAX_THRESHOLD_DAYS:
                raise InvalidArgument(f"days must be between 0 (never flag) and {MAX_THRESHOLD_DAYS}")
            else:
                days[threshold.status] = threshold.days
        async with self._pool.acquire() as conn, conn.transaction():
            await self._repo.set_silence_thresholds(conn, user_id=user_id, days=days, reset=reset)
            return effective_thresholds(await self._repo.silence_overrides(conn, user_id=user_id))

    async def flag_silent_applications(self, now: datetime | None = None) -> int:
        """The silence job (every replica runs it): claim applications past their threshold with SKIP LOCKED,
        flag them and write one reminder each (a timeline entry and EVENT_NO_RESPONSE) in the same
        transaction, a batch at a time. Returns how many were flagged."""
        now = now or self._now()
        total = 0
        while True:
            async with self._pool.acquire() as conn, conn.transaction():
                claimed = await self._repo.claim_silent(conn, now=now, defaults=DEFAULT_THRESHOLDS,
                                                        limit=SILENCE_CLAIM_BATCH)
                for application, days in claimed:
                    assert application.last_activity_at is not None
                    reminder = NoResponseDetails(status=application.status, threshold_days=days,
                                                 last_activity_at=application.last_activity_at)
                    await self._repo.insert_event(
                        conn, user_id=application.user_id, application_id=uuid.UUID(application.id),
                        kind=EventKind.NO_RESPONSE, title=f"No response for {days} days", body="",
                        details=details_as_dict(reminder), occurred_at=now)
                    await self._outbox.add_event(conn, convert.no_response_event(application, days))
            total += len(claimed)
            if claimed:
                self._outbox.wake()
            if len(claimed) < SILENCE_CLAIM_BATCH:
                if total:
                    log.info("applications flagged no response", extra={"count": total})
                return total

    # --- your data in and out -------------------------------------------------------------------------
    async def export(self, *, user_id: str, data_format: DataFormat) -> list[ExportedFile]:
        async with self._pool.acquire() as conn, conn.transaction(isolation="repeatable_read", readonly=True):
            data = await self._repo.export_records(conn, user_id=user_id)
        files = [transfer.export_json(data, exported_at=self._now())] if data_format is DataFormat.JSON \
            else transfer.export_csv(data)
        size = sum(len(f.content) for f in files)
        if size > MAX_EXPORT_BYTES:
            raise FailedPrecondition(f"your data ({size / 1024 / 1024:.1f} MiB) is more than one export carries "
                                     f"({MAX_EXPORT_BYTES // (1024 * 1024)} MiB); export as CSV, or delete "
                                     "applications you no longer need")
        return files

    async def import_data(self, *, user_id: str, data_format: DataFormat, content: bytes, csv: CsvOptions,
                          dry_run: bool) -> ImportReport:
        if len(content) > MAX_IMPORT_BYTES:
            raise InvalidArgument(f"the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB")
        if not content.strip():
            raise InvalidArgument("the file is empty")
        report = ImportReport(dry_run=dry_run)
        now = self._now()
        if data_format is DataFormat.JSON:
            data = transfer.read_json(content, report, now=now, analysis_document=self._analysis_document)
        else:
            data = transfer.read_csv(content, csv, report, now=now)
        async with self._pool.acquire() as conn:
            transaction = conn.transaction()
            await transaction.start()
            try:
                await _Importer(self._repo, conn, user_id, report, now).write(data)
                if not dry_run and (report.applications or report.companies or report.contacts or report.events
                                    or report.notes or report.salaries):
                    await self._outbox.add_event(conn, convert.data_imported_event(user_id, data_format, report))
            except BaseException:
                await transaction.rollback()
                raise
            if dry_run:
                await transaction.rollback()  # the report says what would be written; nothing is
            else:
                await transaction.commit()
        if not dry_run:
            self._outbox.wake()
        return report


@dataclass(frozen=True, slots=True)
class _Kind:
    """One kind of record an import writes, and how it hangs on the others."""

    noun: str  # as the report names it
    table: str  # where the user's own ids and earlier imports' refs are looked up
    counted_as: str  # the ImportReport field that counts what is written
    parent: str = ""  # "company" or "application": a record whose parent was not imported is skipped
    # A CSV row's notes and salary figures come with its application only: an application already there
    # keeps its own, so importing the same file twice does not write them twice.
    only_with_new_application: bool = False


COMPANIES = _Kind("company", "companies", "companies")
CONTACTS = _Kind("contact", "contacts", "contacts", parent="company")
APPLICATIONS = _Kind("application", "applications", "applications")
NOTES = _Kind("note", "notes", "notes", parent="application", only_with_new_application=True)
EVENTS = _Kind("event", "timeline_events", "events", parent="application")
SALARIES = _Kind("salary", "salary_observations", "salaries", parent="application", only_with_new_application=True)


def _by_ref(record: Any) -> str:
    return record.ref


class _Importer:
    """Writes an import's records in the caller's transaction, matching what is already there: a
    record whose ref is one of the user's ids (their own export) or refs (an earlier import) is not
    written again, nor is an application for a posting the user already has; companies are matched by
    their normalised name too. What depends on a record that was skipped is skipped, saying why."""

    def __init__(self, repo: CrmRepository, conn: asyncpg.Connection, user_id: str, report: ImportReport,
                 now: datetime) -> None:
        self.repo, self.conn, self.user_id, self.report, self.now = repo, conn, user_id, report, now
        self.companies: dict[str, str] = {}  # ref -> id
        self.contacts: dict[str, str] = {}
        self.applications: dict[str, str] = {}  # ref (or, without one, job id) -> id
        self.new_applications: set[str] = set()  # ids written by this import
        self.touched: set[str] = set()  # applications whose last activity is worked out again
        self.events: dict[str, str] = {}

    async def write(self, data: UserData) -> None:
        await self._thresholds(data.silence_thresholds)
        await self._companies(data)
        await self._contacts(data)
        await self._applications(data)
        await self._each(NOTES, data.notes, self._write_note)
        await self._each(EVENTS, data.events, self._write_event, ids=self.events)
        await self._each(SALARIES, data.salaries, self._write_salary)
        for application_id in self.new_applications | self.touched:
            await self.repo.refresh_activity(self.conn, application_id=uuid.UUID(application_id),
                                             clear_no_response=False)
        # Imported applications already past their threshold are flagged, without a reminder: history, not news.
        overrides = await self.repo.silence_overrides(self.conn, user_id=self.user_id)
        await self.repo.flag_silent_quietly(self.conn, application_ids=[uuid.UUID(i) for i in self.new_applications],
                                            now=self.now, defaults={**DEFAULT_THRESHOLDS, **overrides})

    async def _each(self, kind: _Kind, records: Sequence[Any],
                    write: Callable[[Any, str | None], Awaitable[str | None]], *, ids: dict[str, str] | None = None,
                    key: Callable[[Any], str] = _by_ref,
                    matched: Callable[[Any, str | None], Awaitable[str | None]] | None = None) -> None:
        """The loop every kind shares. A record already there (its ref is the user's id or an earlier
        import's ref, or `matched(record, parent_id)` finds it) is counted as present; one whose parent was
        not imported is skipped, saying why; any other is written by `write(record, parent_id)` and counted.
        With `ids`, the id of each record present or written is kept under `key(record)` for what hangs on it."""
        existing = await self.repo.existing_refs(self.conn, table=kind.table, user_id=self.user_id,
                                                 refs=[r.ref for r in records if r.ref])
        parents = {"company": self.companies, "application": self.applications}.get(kind.parent)
        for record in records:
            found = existing.get(record.ref) if record.ref else None
            parent_id = None
            if found is None and parents is not None:
                parent_id = parents.get(getattr(record, f"{kind.parent}_ref"))
                if parent_id is None:
                    self.report.skip(record.row, kind.noun, f"its {kind.parent} was not imported", record.ref)
                    continue
                if kind.only_with_new_application and record.ref.startswith(transfer.CSV_REF_PREFIX) \
                        and parent_id not in self.new_applications:
                    self.report.already_present += 1
                    continue
            if found is None and matched is not None:
                found = await matched(record, parent_id)
            if found is not None:
                if ids is not None:
                    ids[key(record)] = found
                self.report.already_present += 1
                continue
            written = await write(record, parent_id)
            if ids is not None:
                assert written is not None
                ids[key(record)] = written
            setattr(self.report, kind.counted_as, getattr(self.report, kind.counted_as) + 1)

    async def _thresholds(self, thresholds: dict[Status, int]) -> None:
        """Thresholds the user has not set are taken from the file; theirs are kept."""
        if not thresholds:
            return
        mine = await self.repo.silence_overrides(self.conn, user_id=self.user_id)
        await self.repo.set_silence_thresholds(self.conn, user_id=self.user_id, reset=[],
                                               days={s: d for s, d in thresholds.items() if s not in mine})

    async def _companies(self, data: UserData) -> None:
        by_key = await self.repo.company_ids_by_key(self.conn, user_id=self.user_id,
                                                    keys=[company_key(c.name) for c in data.companies])

        async def same_name(record: CompanyRecord, _: str | None) -> str | None:
            return by_key.get(company_key(record.name))

        async def write(record: CompanyRecord, _: str | None) -> str:
            key = company_key(record.name)
            fields = {"name": record.name, "website": record.website, "careers_url": record.careers_url,
                      "board": record.board, "board_token": record.board_token, "notes": record.notes}
            company_id = await self.repo.insert_company(self.conn, user_id=self.user_id, key=key, fields=fields,
                                                        created_at=record.created_at, imported_ref=record.ref)
            assert company_id is not None  # by_key had no company with this key, and the file's are distinct
            by_key[key] = company_id
            return company_id

        await self._each(COMPANIES, data.companies, write, ids=self.companies, matched=same_name)

    async def _company_for(self, record: ApplicationRecord) -> str:
        if record.company_ref in self.companies:
            return self.companies[record.company_ref]
        company_id, created = await self.repo.find_or_create_company(
            self.conn, user_id=self.user_id, name=display_name(record.job.company),
            key=company_key(record.job.company), board=board_of(record.job.url))
        if created:
            self.report.companies += 1
        if record.company_ref:
            self.companies[record.company_ref] = company_id
        return company_id

    async def _contacts(self, data: UserData) -> None:
        names: dict[str, dict[str, str]] = {}  # company id -> lower-case name -> contact id

        async def same_person(record: ContactRecord, company_id: str | None) -> str | None:
            # A CSV names people, not records: the same name at the same company is the same person.
            assert company_id is not None
            if company_id not in names:
                names[company_id] = await self.repo.contact_ids_by_name(self.conn, user_id=self.user_id,
                                                                        company_id=company_id)
            if not record.ref.startswith(transfer.CSV_REF_PREFIX):
                return None
            return names[company_id].get(record.name.lower())

        async def write(record: ContactRecord, company_id: str | None) -> str:
            assert company_id is not None
            fields = {"name": record.name, "role": record.role, "email": record.email, "phone": record.phone,
                      "profile_url": record.profile_url, "notes": record.notes}
            contact = await self.repo.insert_contact(self.conn, user_id=self.user_id, company_id=uuid.UUID(company_id),
                                                     fields=fields, created_at=record.created_at,
                                                     imported_ref=record.ref)
            names[company_id][record.name.lower()] = contact.id
            return contact.id

        await self._each(CONTACTS, data.contacts, write, ids=self.contacts, matched=same_person)

    async def _applications(self, data: UserData) -> None:
        by_job = await self.repo.application_ids_by_job(self.conn, user_id=self.user_id,
                                                        job_ids=[a.job.job_id for a in data.applications])
        history: list[tuple[str, HistoryRecord]] = []
        analyses: list[tuple[str, AnalysisRecord]] = []

        async def same_posting(record: ApplicationRecord, _: str | None) -> str | None:
            return by_job.get(record.job.job_id)

        async def write(record: ApplicationRecord, _: str | None) -> str:
            company_id = await self._company_for(record)
            application_id = await self.repo.insert_imported_application(self.conn, user_id=self.user_id,
                                                                         company_id=company_id, record=record)
            assert application_id is not None  # by_job had none for this posting, and the file's are distinct
            by_job[record.job.job_id] = application_id
            self.new_applications.add(application_id)
            history.extend((application_id, h) for h in record.history)
            analyses.extend((application_id, a) for a in record.analyses)
            return application_id

        await self._each(APPLICATIONS, data.applications, write, ids=self.applications,
                         key=lambda record: record.ref or record.job.job_id, matched=same_posting)
        await self.repo.insert_imported_history(self.conn, user_id=self.user_id, rows=history)
        await self.repo.insert_imported_analyses(self.conn, rows=analyses)

    async def _write_note(self, record: NoteRecord, application_id: str | None) -> None:
        await self.repo.insert_imported_note(self.conn, user_id=self.user_id, application_id=application_id,
                                             record=record)

    async def _write_event(self, record: EventRecord, application_id: str | None) -> str:
        assert application_id is not None
        contact_ids = [self.contacts[c] for c in record.contact_refs if c in self.contacts]
        if len(contact_ids) < len(record.contact_refs):
            self.report.warn(record.row, "event", "a contact it names was not imported; the event is"
                             " imported without them", record.ref)
        event_id = await self.repo.insert_event(
            self.conn, user_id=self.user_id, application_id=uuid.UUID(application_id), kind=record.kind,
            title=record.title, body=record.body, details=details_as_dict(record.details),
            occurred_at=record.occurred_at, recorded_at=record.recorded_at, imported_ref=record.ref)
        await self.repo.replace_event_contacts(self.conn, event_id=event_id, contact_ids=contact_ids)
        self.touched.add(application_id)
        return event_id

    async def _write_salary(self, record: SalaryRecord, application_id: str | None) -> None:
        event_id = self.events.get(record.event_ref) if record.event_ref else None
        if record.event_ref and event_id is None:
            self.report.warn(record.row, "salary", "the offer event it belongs to was not imported; the"
                             " figures are kept on their own", record.ref)
        await self.repo.insert_salary(self.conn, user_id=self.user_id, application_id=application_id,
                                      kind=record.kind, salary=record.salary, note=record.note,
                                      observed_at=record.observed_at, event_id=event_id,
                                      imported_ref=record.ref)
