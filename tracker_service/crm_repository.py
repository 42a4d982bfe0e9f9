"""Data access for the CRM tables of schema `tracker`: companies, contacts, timeline events and their
contacts, salary observations, silence thresholds, and an account's records for export and import.

As in repository.py: keyword-only methods taking the caller's connection (the logic decides what
shares a transaction) and returning domain objects; every read or change on behalf of a user matches
that user's id, so another user's record is simply not found.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import asyncpg

from tracker_service.domain import (
    OPEN_STATUSES,
    AnalysisDetails,
    AnalysisRecord,
    AnalysisState,
    Application,
    ApplicationRecord,
    BoardLink,
    Company,
    CompanyRecord,
    CompanySort,
    Contact,
    ContactRecord,
    EventKind,
    EventRecord,
    FollowUpDetails,
    HhApplyDetails,
    HistoryRecord,
    JobSnapshot,
    NoteRecord,
    OfferDetails,
    Salary,
    SalaryKind,
    SalaryObservation,
    SalaryPeriod,
    SalaryRecord,
    Status,
    StatusChangeDetails,
    TimelineEvent,
    TimelineOrigin,
    TimelinePage,
    TimelinePosition,
    UserData,
    details_from_dict,
)
from tracker_service.repository import application_from_row

_OPEN = "('TO_APPLY', 'APPLIED', 'INTERVIEW', 'OFFER')"

_COMPANY_STATS = f"""LEFT JOIN LATERAL (
    SELECT count(*)::int AS application_count,
           (count(*) FILTER (WHERE a.status IN {_OPEN}))::int AS open_application_count,
           (count(*) FILTER (WHERE a.status IN {_OPEN} AND a.no_response_at IS NOT NULL))::int AS no_response_count,
           max(a.last_activity_at) AS last_activity_at
    FROM applications a WHERE a.company_id = c.id) s ON true"""
# Companies without applications sort after all others (a key no activity can have).
_NO_ACTIVITY = "timestamptz '1970-01-01 00:00:00+00'"
COMPANY_SORT_KEYS: dict[CompanySort, tuple[str, str]] = {
    CompanySort.LAST_ACTIVITY_DESC: (f"COALESCE(s.last_activity_at, {_NO_ACTIVITY})", "DESC"),
    CompanySort.NAME_ASC: ("lower(c.name)", "ASC"),
}


def _company(row: asyncpg.Record) -> Company:
    return Company(id=str(row["id"]), user_id=row["user_id"], name=row["name"], name_key=row["name_key"],
                   website=row["website"], careers_url=row["careers_url"], board=row["board"],
                   board_token=row["board_token"], notes=row["notes"], created_at=row["created_at"],
                   updated_at=row["updated_at"], application_count=row["application_count"],
                   open_application_count=row["open_application_count"],
                   no_response_count=row["no_response_count"], last_activity_at=row["last_activity_at"])


def _contact(row: asyncpg.Record) -> Contact:
    return Contact(id=str(row["id"]), company_id=str(row["company_id"]), name=row["name"], role=row["role"],
                   email=row["email"], phone=row["phone"], profile_url=row["profile_url"], notes=row["notes"],
                   created_at=row["created_at"], updated_at=row["updated_at"])


def _salary(row: asyncpg.Record) -> Salary:
    return Salary(min=row["amount_min"], max=row["amount_max"], currency=row["currency"],
                  period=SalaryPeriod(row["period"]) if row["period"] else None, gross=row["gross"],
                  text=row["text"])


def _observation(row: asyncpg.Record) -> SalaryObservation:
    return SalaryObservation(id=str(row["id"]), application_id=str(row["application_id"]),
                             kind=SalaryKind(row["kind"]), salary=_salary(row), note=row["note"],
                             observed_at=row["observed_at"], event_id=str(row["event_id"] or ""),
                             created_at=row["created_at"])


def _derived_details(kind: EventKind, data: dict[str, Any]) -> Any:
    if kind is EventKind.STATUS_CHANGE:
        return StatusChangeDetails(from_status=Status(data["from_status"]) if data.get("from_status") else None,
                                   to_status=Status(data["to_status"]), correction=bool(data.get("correction")),
                                   reopen=bool(data.get("reopen")))
    if kind is EventKind.ANALYSIS:
        return AnalysisDetails(ok=bool(data.get("ok")), score=int(data.get("score") or 0), reason="")
    if kind is EventKind.FOLLOW_UP:
        return FollowUpDetails(fired=bool(data.get("fired")))
    if kind is EventKind.HH_APPLY:
        return HhApplyDetails(apply_id=str(data.get("apply_id") or ""), outcome=str(data.get("outcome") or ""),
                              reason=str(data.get("reason") or ""), vacancy_id=str(data.get("vacancy_id") or ""),
                              resume_id=str(data.get("resume_id") or ""),
                              negotiation_id=str(data.get("negotiation_id") or ""),
                              automatic=bool(data.get("automatic")))
    return None


def _timeline_event(row: asyncpg.Record) -> TimelineEvent:
    kind, origin = EventKind(row["kind"]), TimelineOrigin(row["origin"])
    data = row["details"] or {}
    if origin in (TimelineOrigin.RECORDED, TimelineOrigin.SILENCE):
        details = details_from_dict(kind, data)
    else:
        details = _derived_details(kind, data)
        if kind is EventKind.ANALYSIS and isinstance(details, AnalysisDetails):
            details = AnalysisDetails(ok=details.ok, score=details.score, reason=row["body"])
    return TimelineEvent(id=row["item_id"], application_id=str(row["application_id"]),
                         company_id=str(row["company_id"]), kind=kind, origin=origin, title=row["title"],
                         body="" if kind is EventKind.ANALYSIS else row["body"], occurred_at=row["occurred_at"],
                         recorded_at=row["recorded_at"], updated_at=row["updated_at"], details=details)


# Every entry of the timelines of the applications in `apps` (a CTE the caller defines), with a text id,
# and the two keys that order entries written together (TimelinePosition): `tie_rank` puts an
# application's creation (0) under its moves (1) and the rest (2) above them, `tie_seq` orders the moves
# as they were made (their text ids would put 'status:10' under 'status:9').
_TIMELINE_ITEMS = """items AS (
    SELECT e.id::text AS item_id, e.application_id, a.company_id,
           CASE WHEN e.kind = 'NO_RESPONSE' THEN 'SILENCE' ELSE 'RECORDED' END AS origin, e.kind, e.title, e.body,
           e.details, e.occurred_at, e.recorded_at, e.updated_at, 2 AS tie_rank, 0::bigint AS tie_seq
    FROM timeline_events e JOIN apps a ON a.id = e.application_id
    UNION ALL
    SELECT 'note:' || n.id, n.application_id, a.company_id, 'CARD_NOTE', 'NOTE', '', n.body, '{}'::jsonb,
           n.created_at, n.created_at, n.updated_at, 2, 0
    FROM notes n JOIN apps a ON a.id = n.application_id
    UNION ALL
    SELECT 'status:' || h.id, h.application_id, a.company_id, 'STATUS_HISTORY', 'STATUS_CHANGE', '', h.note,
           jsonb_build_object('from_status', h.from_status, 'to_status', h.to_status, 'correction', h.correction,
                              'reopen', h.reopen), h.at, h.at, h.at,
           CASE WHEN h.from_status IS NULL THEN 0 ELSE 1 END, h.id
    FROM application_history h JOIN apps a ON a.id = h.application_id
    UNION ALL
    SELECT 'analysis:' || r.command_id, r.application_id, a.company_id, 'ANALYSIS', 'ANALYSIS', '', r.reason,
           jsonb_build_object('ok', r.ok, 'score', r.analysis->'score'), r.recorded_at, r.recorded_at, r.recorded_at,
           2, 0
    FROM analysis_results r JOIN apps a ON a.id = r.application_id
    UNION ALL
    SELECT 'follow-up:' || a.id, a.id, a.company_id, 'FOLLOW_UP', 'FOLLOW_UP', '', '',
           jsonb_build_object('fired', a.follow_up_fired_at IS NOT NULL), a.follow_up_at, a.follow_up_at,
           a.follow_up_at, 2, 0
    FROM apps a WHERE a.follow_up_at IS NOT NULL
    UNION ALL
    SELECT 'hh-apply:' || x.id, x.application_id, a.company_id, 'HH_APPLY', 'HH_APPLY', '', x.body,
           jsonb_build_object('apply_id', p.id, 'outcome', x.outcome, 'reason', x.reason, 'vacancy_id', p.vacancy_id,
                              'resume_id', p.resume_id, 'negotiation_id', p.negotiation_id, 'automatic', x.automatic),
           x.at, x.at, x.at, 2, 0
    FROM hh_apply_events x JOIN hh_applies p ON p.id = x.apply_id JOIN apps a ON a.id = x.application_id)"""
# The timeline's order, newest first (TimelinePosition says why): the same keys in the cursor's comparison.
_TIMELINE_KEYS = ("date_trunc('minute', occurred_at)", "recorded_at", "tie_rank", "tie_seq", "item_id")


class CrmRepository:
    # --- companies --------------------------------------------------------------------------------
    async def find_or_create_company(self, conn: asyncpg.Connection, *, user_id: str, name: str, key: str,
                                     board: BoardLink | None) -> tuple[str, bool]:
        """The id of the user's company with `key` (created with `name` if missing) and whether it was
        created. A board the posting shows fills the company's when it has none yet."""
        row = await conn.fetchrow(
            "INSERT INTO companies (id, user_id, name, name_key, board, board_token, careers_url)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7)"
            " ON CONFLICT (user_id, name_key) DO UPDATE SET"
            " board = CASE WHEN companies.board = '' THEN EXCLUDED.board ELSE companies.board END,"
            " board_token = CASE WHEN companies.board = '' THEN EXCLUDED.board_token ELSE companies.board_token END,"
            " careers_url = CASE WHEN companies.careers_url = '' THEN EXCLUDED.careers_url"
            " ELSE companies.careers_url END"
            " RETURNING id, (xmax = 0) AS created",
            uuid.uuid4(), user_id, name, key, board.board if board else "", board.token if board else "",
            board.careers_url if board else "")
        return str(row["id"]), row["created"]

    async def insert_company(self, conn: asyncpg.Connection, *, user_id: str, key: str, fields: dict[str, str],
                             created_at: datetime | None = None, imported_ref: str | None = None) -> str | None:
        """A new company; None when the user has one with that key already."""
        return await conn.fetchval(
            "INSERT INTO companies (id, user_id, name, name_key, website, careers_url, board, board_token, notes,"
            " created_at, updated_at, imported_ref)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE($10, now()), COALESCE($10, now()), $11)"
            " ON CONFLICT (user_id, name_key) DO NOTHING RETURNING id::text",
            uuid.uuid4(), user_id, fields["name"], key, fields.get("website", ""), fields.get("careers_url", ""),
            fields.get("board", ""), fields.get("board_token", ""), fields.get("notes", ""), created_at, imported_ref)

    async def get_company(self, conn: asyncpg.Connection, *, company_id: uuid.UUID, user_id: str) -> Company | None:
        row = await conn.fetchrow(f"SELECT c.*, s.* FROM companies c {_COMPANY_STATS} WHERE c.id = $1 AND c.user_id = $2",
                                  company_id, user_id)
        return _company(row) if row else None

    async def batch_get_companies(self, conn: asyncpg.Connection, *, ids: list[uuid.UUID],
                                  user_id: str) -> list[Company]:
        rows = await conn.fetch(
            f"SELECT c.*, s.* FROM companies c {_COMPANY_STATS} WHERE c.id = ANY($1::uuid[]) AND c.user_id = $2",
            ids, user_id)
        return [_company(r) for r in rows]

    async def list_companies(self, conn: asyncpg.Connection, *, user_id: str, sort: CompanySort,
                             after: tuple[Any, str] | None,
                             limit: int) -> tuple[list[Company], tuple[Any, str] | None, int]:
        key, direction = COMPANY_SORT_KEYS[sort]
        total = await conn.fetchval("SELECT count(*) FROM companies WHERE user_id = $1", user_id)
        args: list[Any] = [user_id]
        where = ""
        if after is not None:
            args.extend([after[0], uuid.UUID(after[1])])
            where = f" WHERE (sort_key, id) {'<' if direction == 'DESC' else '>'} ($2, $3)"
        args.append(limit + 1)
        rows = await conn.fetch(
            f"SELECT * FROM (SELECT c.*, s.*, {key} AS sort_key FROM companies c {_COMPANY_STATS}"
            f" WHERE c.user_id = $1) listed{where} ORDER BY sort_key {direction}, id {direction} LIMIT ${len(args)}",
            *args)
        more = len(rows) > limit
        rows = rows[:limit]
        next_after = (rows[-1]["sort_key"], str(rows[-1]["id"])) if more and rows else None
        return [_company(r) for r in rows], next_after, total

    async def update_company(self, conn: asyncpg.Connection, *, company_id: uuid.UUID, user_id: str,
                             changes: dict[str, str]) -> bool:
        """Set the named columns (name comes with name_key); raises UniqueViolationError on a rename
        to a name the user already has."""
        columns = list(changes)
        assignments = ", ".join(f"{column} = ${index + 3}" for index, column in enumerate(columns))
        result = await conn.execute(
            f"UPDATE companies SET {assignments}, updated_at = now() WHERE id = $1 AND user_id = $2",
            company_id, user_id, *(changes[c] for c in columns))
        return result != "UPDATE 0"

    async def delete_company(self, conn: asyncpg.Connection, *, company_id: uuid.UUID, user_id: str) -> Company | None:
        """Deletes an empty company (with its contacts); returns what was there."""
        company = await self.get_company(conn, company_id=company_id, user_id=user_id)
        if company is not None and company.application_count == 0:
            await conn.execute("DELETE FROM companies WHERE id = $1 AND user_id = $2", company_id, user_id)
        return company

    async def set_application_company(self, conn: asyncpg.Connection, *, application_id: uuid.UUID,
                                      company_id: uuid.UUID) -> None:
        await conn.execute("UPDATE applications SET company_id = $2, updated_at = now() WHERE id = $1",
                           application_id, company_id)

    # --- contacts -----------------------------------------------------------------------------------
    async def insert_contact(self, conn: asyncpg.Connection, *, user_id: str, company_id: uuid.UUID,
                             fields: dict[str, str], created_at: datetime | None = None,
                             imported_ref: str | None = None) -> Contact:
        row = await conn.fetchrow(
            "INSERT INTO contacts (id, user_id, company_id, name, role, email, phone, profile_url, notes,"
            " created_at, updated_at, imported_ref)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE($10, now()), COALESCE($10, now()), $11) RETURNING *",
            uuid.uuid4(), user_id, company_id, fields["name"], fields.get("role", ""), fields.get("email", ""),
            fields.get("phone", ""), fields.get("profile_url", ""), fields.get("notes", ""), created_at, imported_ref)
        return _contact(row)

    async def update_contact(self, conn: asyncpg.Connection, *, contact_id: uuid.UUID, user_id: str,
                             changes: dict[str, Any]) -> Contact | None:
        columns = list(changes)
        assignments = ", ".join(f"{column} = ${index + 3}" for index, column in enumerate(columns))
        row = await conn.fetchrow(
            f"UPDATE contacts SET {assignments}, updated_at = now() WHERE id = $1 AND user_id = $2 RETURNING *",
            contact_id, user_id, *(changes[c] for c in columns))
        return _contact(row) if row else None

    async def delete_contact(self, conn: asyncpg.Connection, *, contact_id: uuid.UUID, user_id: str) -> Contact | None:
        row = await conn.fetchrow("DELETE FROM contacts WHERE id = $1 AND user_id = $2 RETURNING *", contact_id, user_id)
        return _contact(row) if row else None

    async def list_contacts(self, conn: asyncpg.Connection, *, user_id: str, company_id: uuid.UUID,
                            after: tuple[str, str] | None,
                            limit: int) -> tuple[list[Contact], tuple[str, str] | None, int]:
        total = await conn.fetchval("SELECT count(*) FROM contacts WHERE user_id = $1 AND company_id = $2",
                                    user_id, company_id)
        args: list[Any] = [user_id, company_id]
        where = ""
        if after is not None:
            args.extend([after[0], uuid.UUID(after[1])])
            where = " AND (lower(name), id) > ($3, $4)"
        args.append(limit + 1)
        rows = await conn.fetch(
            f"SELECT *, lower(name) AS sort_key FROM contacts WHERE user_id = $1 AND company_id = $2{where}"
            f" ORDER BY lower(name), id LIMIT ${len(args)}", *args)
        more = len(rows) > limit
        rows = rows[:limit]
        next_after = (rows[-1]["sort_key"], str(rows[-1]["id"])) if more and rows else None
        return [_contact(r) for r in rows], next_after, total

    async def batch_get_contacts(self, conn: asyncpg.Connection, *, ids: list[uuid.UUID],
                                 user_id: str) -> list[Contact]:
        rows = await conn.fetch("SELECT * FROM contacts WHERE id = ANY($1::uuid[]) AND user_id = $2", ids, user_id)
        return [_contact(r) for r in rows]

    # --- recorded timeline events -------------------------------------------------------------------
    async def insert_event(self, conn: asyncpg.Connection, *, user_id: str, application_id: uuid.UUID,
                           kind: EventKind, title: str, body: str, details: dict[str, Any], occurred_at: datetime,
                           recorded_at: datetime | None = None, imported_ref: str | None = None) -> str:
        return await conn.fetchval(
            "INSERT INTO timeline_events (id, user_id, application_id, kind, title, body, details, occurred_at,"
            " recorded_at, updated_at, imported_ref)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9, now()), COALESCE($9, now()), $10) RETURNING id::text",
            uuid.uuid4(), user_id, application_id, kind.value, title, body, details, occurred_at, recorded_at,
            imported_ref)

    async def replace_event_contacts(self, conn: asyncpg.Connection, *, event_id: str | uuid.UUID,
                                     contact_ids: Iterable[str]) -> None:
        event = uuid.UUID(str(event_id))
        await conn.execute("DELETE FROM event_contacts WHERE event_id = $1", event)
        await conn.executemany("INSERT INTO event_contacts (event_id, contact_id) VALUES ($1, $2)"
                               " ON CONFLICT DO NOTHING",
                               [(event, uuid.UUID(c)) for c in dict.fromkeys(contact_ids)])

    async def owned_contact_ids(self, conn: asyncpg.Connection, *, user_id: str, ids: Sequence[uuid.UUID]) -> set[str]:
        if not ids:
            return set()
        rows = await conn.fetch("SELECT id::text FROM contacts WHERE id = ANY($1::uuid[]) AND user_id = $2",
                                list(ids), user_id)
        return {r["id"] for r in rows}

    async def get_recorded_event(self, conn: asyncpg.Connection, *, event_id: uuid.UUID, user_id: str,
                                 for_update: bool = False) -> TimelineEvent | None:
        """A recorded event (or a "no response" reminder) of the user's, with its contacts and figures."""
        lock = " FOR UPDATE OF e" if for_update else ""
        row = await conn.fetchrow(
            "SELECT e.id::text AS item_id, e.application_id, a.company_id,"
            " CASE WHEN e.kind = 'NO_RESPONSE' THEN 'SILENCE' ELSE 'RECORDED' END AS origin, e.kind, e.title, e.body,"
            " e.details, e.occurred_at, e.recorded_at, e.updated_at"
            f" FROM timeline_events e JOIN applications a ON a.id = e.application_id"
            f" WHERE e.id = $1 AND e.user_id = $2{lock}", event_id, user_id)
        if row is None:
            return None
        event = _timeline_event(row)
        await self._attach_event_parts(conn, [event])
        return event

    async def update_event(self, conn: asyncpg.Connection, *, event_id: uuid.UUID, changes: dict[str, Any]) -> None:
        columns = list(changes)
        assignments = ", ".join(f"{column} = ${index + 2}" for index, column in enumerate(columns))
        await conn.execute(f"UPDATE timeline_events SET {assignments}, updated_at = now() WHERE id = $1",
                           event_id, *(changes[c] for c in columns))

    async def delete_event(self, conn: asyncpg.Connection, *, event_id: uuid.UUID) -> None:
        await conn.execute("DELETE FROM timeline_events WHERE id = $1", event_id)

    async def _attach_event_parts(self, conn: asyncpg.Connection, events: list[TimelineEvent]) -> None:
        """Contacts of recorded events, and the figures of offers (kept as salary observations)."""
        recorded = {e.id: e for e in events if e.origin in (TimelineOrigin.RECORDED, TimelineOrigin.SILENCE)}
        if not recorded:
            return
        ids = [uuid.UUID(i) for i in recorded]
        for row in await conn.fetch("SELECT event_id::text, contact_id::text FROM event_contacts"
                                    " WHERE event_id = ANY($1::uuid[]) ORDER BY contact_id", ids):
            recorded[row["event_id"]].contact_ids.append(row["contact_id"])
        for row in await conn.fetch("SELECT * FROM salary_observations WHERE event_id = ANY($1::uuid[])", ids):
            event = recorded[str(row["event_id"])]
            if isinstance(event.details, OfferDetails):
                details = event.details
                event.details = OfferDetails(salary=_salary(row), bonus=details.bonus, equity=details.equity,
                                             benefits=details.benefits, respond_by=details.respond_by)

    async def timeline_page(self, conn: asyncpg.Connection, *, user_id: str, application_id: uuid.UUID | None,
                            company_id: uuid.UUID | None, after: TimelinePosition | None,
                            limit: int) -> TimelinePage:
        scope = "a.id = $2" if application_id is not None else "a.company_id = $2"
        apps = ("WITH apps AS (SELECT a.id, a.company_id, a.follow_up_at, a.follow_up_fired_at FROM applications a"
                f" WHERE a.user_id = $1 AND {scope}), ")
        target = application_id if application_id is not None else company_id
        total = await conn.fetchval(f"{apps}{_TIMELINE_ITEMS} SELECT count(*) FROM items", user_id, target)
        args: list[Any] = [user_id, target]
        where = ""
        if after is not None:
            args.extend(after)
            where = f" WHERE ({', '.join(_TIMELINE_KEYS)}) < ($3, $4, $5, $6, $7)"
        args.append(limit + 1)
        order = ", ".join(f"{key} DESC" for key in _TIMELINE_KEYS)
        rows = await conn.fetch(f"{apps}{_TIMELINE_ITEMS} SELECT *, date_trunc('minute', occurred_at) AS minute"
                                f" FROM items{where} ORDER BY {order} LIMIT ${len(args)}", *args)
        more = len(rows) > limit
        rows = rows[:limit]
        events = [_timeline_event(r) for r in rows]
        await self._attach_event_parts(conn, events)
        last = rows[-1] if more and rows else None
        next_after = TimelinePosition(last["minute"], last["recorded_at"], last["tie_rank"], last["tie_seq"],
                                      last["item_id"]) if last else None
        return TimelinePage(events, next_after, total)

    async def interviews(self, conn: asyncpg.Connection, *,
                         user_id: str) -> list[tuple[TimelineEvent, Application]]:
        """The user's recorded interviews with their applications, for the calendar."""
        rows = await conn.fetch(
            "SELECT e.id::text AS item_id, e.application_id, a.company_id, 'RECORDED' AS origin, e.kind, e.title,"
            " e.body, e.details, e.occurred_at, e.recorded_at, e.updated_at"
            " FROM timeline_events e JOIN applications a ON a.id = e.application_id"
            " WHERE e.user_id = $1 AND e.kind = 'INTERVIEW' ORDER BY e.occurred_at, e.id", user_id)
        events = [_timeline_event(r) for r in rows]
        cards = {str(r["id"]): application_from_row(r) for r in await conn.fetch(
            "SELECT * FROM applications WHERE id = ANY($1::uuid[])", list({e.application_id for e in events}))}
        return [(event, cards[event.application_id]) for event in events]

    # --- salary observations ------------------------------------------------------------------------
    async def insert_salary(self, conn: asyncpg.Connection, *, user_id: str, application_id: uuid.UUID | str,
                            kind: SalaryKind, salary: Salary, note: str, observed_at: datetime | None,
                            event_id: str | None = None, imported_ref: str | None = None) -> SalaryObservation:
        row = await conn.fetchrow(
            "INSERT INTO salary_observations (id, user_id, application_id, kind, amount_min, amount_max, currency,"
            " period, gross, text, note, observed_at, event_id, imported_ref)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, COALESCE($12, now()), $13, $14) RETURNING *",
            uuid.uuid4(), user_id, uuid.UUID(str(application_id)), kind.value, salary.min, salary.max,
            salary.currency, salary.period.value if salary.period else "", salary.gross, salary.text, note,
            observed_at, uuid.UUID(event_id) if event_id else None, imported_ref)
        return _observation(row)

    async def set_event_salary(self, conn: asyncpg.Connection, *, user_id: str, application_id: uuid.UUID,
                               event_id: str, salary: Salary | None, observed_at: datetime) -> None:
        """An offer's figures: its OFFERED observation created, replaced or (None) removed."""
        await conn.execute("DELETE FROM salary_observations WHERE event_id = $1", uuid.UUID(event_id))
        if salary is not None:
            await self.insert_salary(conn, user_id=user_id, application_id=application_id, kind=SalaryKind.OFFERED,
                                     salary=salary, note="", observed_at=observed_at, event_id=event_id)

    async def delete_salary(self, conn: asyncpg.Connection, *, observation_id: uuid.UUID,
                            user_id: str) -> SalaryObservation | None:
        row = await conn.fetchrow("DELETE FROM salary_observations WHERE id = $1 AND user_id = $2 RETURNING *",
                                  observation_id, user_id)
        return _observation(row) if row else None

    async def list_salaries(self, conn: asyncpg.Connection, *, application_id: uuid.UUID) -> list[SalaryObservation]:
        rows = await conn.fetch("SELECT * FROM salary_observations WHERE application_id = $1"
                                " ORDER BY observed_at, created_at, id", application_id)
        return [_observation(r) for r in rows]

    async def offer_candidates(self, conn: asyncpg.Connection, *, user_id: str
                               ) -> tuple[list[Application], list[SalaryObservation], dict[str, TimelineEvent]]:
        """Applications with an offer (an OFFERED observation, or in OFFER/HIRED), their observations, and
        the latest OFFER event of each."""
        rows = await conn.fetch(
            "SELECT a.* FROM applications a WHERE a.user_id = $1 AND (a.status IN ('OFFER', 'HIRED') OR EXISTS"
            " (SELECT 1 FROM salary_observations o WHERE o.application_id = a.id AND o.kind = 'OFFERED'))"
            " ORDER BY a.created_at, a.id", user_id)
        applications = [application_from_row(r) for r in rows]
        ids = [uuid.UUID(a.id) for a in applications]
        observations = [_observation(r) for r in await conn.fetch(
            "SELECT * FROM salary_observations WHERE application_id = ANY($1::uuid[])"
            " ORDER BY observed_at, created_at, id", ids)]
        events = [_timeline_event(r) for r in await conn.fetch(
            "SELECT DISTINCT ON (e.application_id) e.id::text AS item_id, e.application_id, a.company_id,"
            " 'RECORDED' AS origin, e.kind, e.title, e.body, e.details, e.occurred_at, e.recorded_at, e.updated_at"
            " FROM timeline_events e JOIN applications a ON a.id = e.application_id"
            " WHERE e.application_id = ANY($1::uuid[]) AND e.kind = 'OFFER'"
            " ORDER BY e.application_id, e.occurred_at DESC, e.id DESC", ids)]
        await self._attach_event_parts(conn, events)
        return applications, observations, {e.application_id: e for e in events}

    # --- silence ------------------------------------------------------------------------------------
    async def silence_overrides(self, conn: asyncpg.Connection, *, user_id: str) -> dict[Status, int]:
        rows = await conn.fetch("SELECT status, days FROM silence_thresholds WHERE user_id = $1", user_id)
        return {Status(r["status"]): r["days"] for r in rows}

    async def set_silence_thresholds(self, conn: asyncpg.Connection, *, user_id: str, days: dict[Status, int],
                                     reset: Iterable[Status]) -> None:
        await conn.executemany(
            "INSERT INTO silence_thresholds (user_id, status, days) VALUES ($1, $2, $3)"
            " ON CONFLICT (user_id, status) DO UPDATE SET days = EXCLUDED.days",
            [(user_id, status.value, value) for status, value in days.items()])
        reset = [status.value for status in reset]
        if reset:
            await conn.execute("DELETE FROM silence_thresholds WHERE user_id = $1 AND status = ANY($2::text[])",
                               user_id, reset)

    @staticmethod
    def _silent_candidates(extra_where: str) -> str:
        """Open, unflagged applications past their threshold at $1; defaults come as $2 (statuses), $3 (days)."""
        return (
            "SELECT a.id, COALESCE(t.days, d.days) AS days FROM applications a"
            " JOIN unnest($2::text[], $3::int[]) AS d(status, days) ON d.status = a.status"
            " LEFT JOIN silence_thresholds t ON t.user_id = a.user_id AND t.status = a.status"
            f" WHERE a.no_response_at IS NULL AND a.status IN {_OPEN}"
            # No threshold is under a day: this bound lets the partial index do the first cut.
            " AND a.last_activity_at <= $1::timestamptz - interval '1 day'"
            " AND COALESCE(t.days, d.days) > 0"
            f" AND a.last_activity_at + make_interval(days => COALESCE(t.days, d.days)) <= $1::timestamptz{extra_where}")

    async def claim_silent(self, conn: asyncpg.Connection, *, now: datetime, defaults: dict[Status, int],
                           limit: int) -> list[tuple[Application, int]]:
        """Flag due applications and return them with their threshold. Rows another replica holds are
        skipped, so each silence is claimed by exactly one transaction. Call inside a transaction."""
        statuses = [s.value for s in OPEN_STATUSES]
        rows = await conn.fetch(
            f"WITH due AS ({self._silent_candidates('')}"
            " ORDER BY a.last_activity_at LIMIT $4 FOR UPDATE OF a SKIP LOCKED)"
            " UPDATE applications a SET no_response_at = $1 FROM due"
            " WHERE a.id = due.id AND a.no_response_at IS NULL RETURNING a.*, due.days AS threshold_days",
            now, statuses, [defaults[s] for s in OPEN_STATUSES], limit)
        return [(application_from_row(r), r["threshold_days"]) for r in rows]

    async def flag_silent_quietly(self, conn: asyncpg.Connection, *, application_ids: list[uuid.UUID],
                                  now: datetime, defaults: dict[Status, int]) -> int:
        """Flag those of `application_ids` already past their threshold, with no reminder (an import)."""
        if not application_ids:
            return 0
        statuses = [s.value for s in OPEN_STATUSES]
        result = await conn.execute(
            f"UPDATE applications SET no_response_at = $1 WHERE id IN"
            f" (SELECT id FROM ({self._silent_candidates(' AND a.id = ANY($4::uuid[])')}) due)",
            now, statuses, [defaults[s] for s in OPEN_STATUSES], application_ids)
        return int(result.split()[-1])

    async def refresh_activity(self, conn: asyncpg.Connection, *, application_id: uuid.UUID,
                               clear_no_response: bool) -> bool:
        """Work out the application's last activity again (after an event changed); with
        `clear_no_response`, lift its flag. Returns whether a flag was lifted."""
        row = await conn.fetchrow(
            "WITH before AS (SELECT no_response_at FROM applications WHERE id = $1)"
            " UPDATE applications a SET last_activity_at = GREATEST(a.created_at,"
            " (SELECT max(h.at) FROM application_history h WHERE h.application_id = a.id),"
            " (SELECT max(GREATEST(e.occurred_at, e.recorded_at)) FROM timeline_events e"
            "  WHERE e.application_id = a.id AND e.kind <> 'NO_RESPONSE')),"
            " no_response_at = CASE WHEN $2 THEN NULL ELSE a.no_response_at END"
            " FROM before WHERE a.id = $1 RETURNING before.no_response_at IS NOT NULL AND $2 AS cleared",
            application_id, clear_no_response)
        return bool(row and row["cleared"])

    async def no_response_count(self, conn: asyncpg.Connection, *, user_id: str) -> int:
        return await conn.fetchval(f"SELECT count(*) FROM applications WHERE user_id = $1 AND status IN {_OPEN}"
                                   " AND no_response_at IS NOT NULL", user_id)

    async def response_events(self, conn: asyncpg.Connection, *, user_id: str,
                              kinds: Iterable[EventKind]) -> list[tuple[str, datetime]]:
        rows = await conn.fetch("SELECT application_id::text, occurred_at FROM timeline_events"
                                " WHERE user_id = $1 AND kind = ANY($2::text[])", user_id, [k.value for k in kinds])
        return [(r["application_id"], r["occurred_at"]) for r in rows]

    # --- everything, for an export --------------------------------------------------------------------
    async def export_records(self, conn: asyncpg.Connection, *, user_id: str) -> UserData:
        """Every record of the user's; a record's ref is the id it was imported under, or its own id,
        so an export of imported data names records as the original export did."""
        data = UserData()
        data.silence_thresholds = await self.silence_overrides(conn, user_id=user_id)
        for r in await conn.fetch("SELECT *, COALESCE(imported_ref, id::text) AS ref FROM companies"
                                  " WHERE user_id = $1 ORDER BY created_at, ref", user_id):
            data.companies.append(CompanyRecord(ref=r["ref"], name=r["name"], website=r["website"],
                                                careers_url=r["careers_url"], board=r["board"],
                                                board_token=r["board_token"], notes=r["notes"],
                                                created_at=r["created_at"]))
        for r in await conn.fetch(
                "SELECT k.*, COALESCE(k.imported_ref, k.id::text) AS ref,"
                " COALESCE(c.imported_ref, c.id::text) AS company_ref FROM contacts k"
                " JOIN companies c ON c.id = k.company_id WHERE k.user_id = $1 ORDER BY k.created_at, ref", user_id):
            data.contacts.append(ContactRecord(ref=r["ref"], company_ref=r["company_ref"], name=r["name"],
                                               role=r["role"], email=r["email"], phone=r["phone"],
                                               profile_url=r["profile_url"], notes=r["notes"],
                                               created_at=r["created_at"]))
        refs: dict[str, str] = {}
        for r in await conn.fetch(
                "SELECT a.*, COALESCE(a.imported_ref, a.id::text) AS ref,"
                " COALESCE(c.imported_ref, c.id::text) AS company_ref FROM applications a"
                " JOIN companies c ON c.id = a.company_id WHERE a.user_id = $1 ORDER BY a.created_at, ref", user_id):
            refs[str(r["id"])] = r["ref"]
            data.applications.append(ApplicationRecord(
                ref=r["ref"], company_ref=r["company_ref"],
                job=JobSnapshot(job_id=r["job_id"], title=r["job_title"], company=r["job_company"],
                                location=r["job_location"], url=r["job_url"], source=r["job_source"]),
                status=Status(r["status"]), created_at=r["created_at"], search_config_id=r["search_config_id"],
                rating=r["rating"], follow_up_at=r["follow_up_at"], follow_up_fired=r["follow_up_fired_at"] is not None,
                interview_at=r["interview_at"], analysis_state=AnalysisState(r["analysis_state"]),
                analysis=r["analysis"], analysis_error=r["analysis_error"],
                no_response=r["no_response_at"] is not None))
        by_ref = {a.ref: a for a in data.applications}
        for r in await conn.fetch("SELECT * FROM application_history WHERE user_id = $1 ORDER BY at, id", user_id):
            by_ref[refs[str(r["application_id"])]].history.append(HistoryRecord(
                from_status=Status(r["from_status"]) if r["from_status"] else None, to_status=Status(r["to_status"]),
                at=r["at"], note=r["note"], correction=r["correction"], reopen=r["reopen"]))
        for r in await conn.fetch(
                "SELECT r.* FROM analysis_results r JOIN applications a ON a.id = r.application_id"
                " WHERE a.user_id = $1 ORDER BY r.recorded_at, r.command_id", user_id):
            score = (r["analysis"] or {}).get("score", 0)
            by_ref[refs[str(r["application_id"])]].analyses.append(AnalysisRecord(
                recorded_at=r["recorded_at"], ok=r["ok"], score=score if isinstance(score, int) else 0,
                reason=r["reason"]))
        for r in await conn.fetch("SELECT *, COALESCE(imported_ref, id::text) AS ref FROM notes WHERE user_id = $1"
                                  " ORDER BY created_at, ref", user_id):
            data.notes.append(NoteRecord(ref=r["ref"], application_ref=refs[str(r["application_id"])], body=r["body"],
                                         created_at=r["created_at"], updated_at=r["updated_at"]))
        contact_refs = {str(r["id"]): r["ref"] for r in await conn.fetch(
            "SELECT id, COALESCE(imported_ref, id::text) AS ref FROM contacts WHERE user_id = $1", user_id)}
        event_contacts: dict[str, list[str]] = {}
        for r in await conn.fetch("SELECT ec.* FROM event_contacts ec JOIN contacts k ON k.id = ec.contact_id"
                                  " WHERE k.user_id = $1", user_id):
            event_contacts.setdefault(str(r["event_id"]), []).append(contact_refs[str(r["contact_id"])])
        event_refs: dict[str, str] = {}
        for r in await conn.fetch("SELECT *, COALESCE(imported_ref, id::text) AS ref FROM timeline_events"
                                  " WHERE user_id = $1 ORDER BY occurred_at, ref", user_id):
            event_refs[str(r["id"])] = r["ref"]
            kind = EventKind(r["kind"])
            data.events.append(EventRecord(
                ref=r["ref"], application_ref=refs[str(r["application_id"])], kind=kind, occurred_at=r["occurred_at"],
                recorded_at=r["recorded_at"], title=r["title"], body=r["body"],
                details=details_from_dict(kind, r["details"] or {}),
                contact_refs=sorted(event_contacts.get(str(r["id"]), []))))
        for r in await conn.fetch("SELECT *, COALESCE(imported_ref, id::text) AS ref FROM salary_observations"
                                  " WHERE user_id = $1 ORDER BY observed_at, ref", user_id):
            data.salaries.append(SalaryRecord(
                ref=r["ref"], application_ref=refs[str(r["application_id"])], kind=SalaryKind(r["kind"]),
                salary=_salary(r), observed_at=r["observed_at"], note=r["note"],
                event_ref=event_refs.get(str(r["event_id"]), "") if r["event_id"] else ""))
        return data

    # --- what an import finds already there -----------------------------------------------------------
    async def existing_refs(self, conn: asyncpg.Connection, *, table: str, user_id: str,
                            refs: list[str]) -> dict[str, str]:
        """ref -> id of the user's records of `table` that are that ref (their own id, or the ref they
        were imported under)."""
        assert table in ("companies", "contacts", "applications", "notes", "timeline_events", "salary_observations")
        if not refs:
            return {}
        rows = await conn.fetch(
            f"SELECT id::text, imported_ref, id::text = ANY($2::text[]) AS by_id FROM {table}"
            " WHERE user_id = $1 AND (id::text = ANY($2::text[]) OR imported_ref = ANY($2::text[]))", user_id, refs)
        found: dict[str, str] = {}
        for row in rows:
            found[row["id"] if row["by_id"] else row["imported_ref"]] = row["id"]
        return found

    async def company_ids_by_key(self, conn: asyncpg.Connection, *, user_id: str, keys: list[str]) -> dict[str, str]:
        rows = await conn.fetch("SELECT name_key, id::text FROM companies WHERE user_id = $1 AND name_key = ANY($2)",
                                user_id, keys)
        return {r["name_key"]: r["id"] for r in rows}

    async def application_ids_by_job(self, conn: asyncpg.Connection, *, user_id: str,
                                     job_ids: list[str]) -> dict[str, str]:
        rows = await conn.fetch("SELECT job_id, id::text FROM applications WHERE user_id = $1 AND job_id = ANY($2)",
                                user_id, job_ids)
        return {r["job_id"]: r["id"] for r in rows}

    async def contact_ids_by_name(self, conn: asyncpg.Connection, *, user_id: str,
                                  company_id: str) -> dict[str, str]:
        rows = await conn.fetch("SELECT lower(name) AS name, id::text FROM contacts WHERE user_id = $1"
                                " AND company_id = $2 ORDER BY created_at DESC", user_id, uuid.UUID(company_id))
        return {r["name"]: r["id"] for r in rows}

    async def insert_imported_application(self, conn: asyncpg.Connection, *, user_id: str, company_id: str,
                                          record: ApplicationRecord) -> str | None:
        """The application as the record has it (status, dates, analysis); None when the user already
        has one for its posting."""
        return await conn.fetchval(
            "INSERT INTO applications (id, user_id, job_id, search_config_id, job_title, job_company, job_location,"
            " job_url, job_source, status, analysis_state, analysis, analysis_score, analysis_error, rating,"
            " follow_up_at, follow_up_fired_at, interview_at, created_at, updated_at, last_activity_at, company_id,"
            " imported_ref)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, ($12::jsonb->>'score')::int, $13,"
            " $14, $15::timestamptz, CASE WHEN $16::boolean THEN $15::timestamptz END, $17, $18::timestamptz,"
            " $18::timestamptz, $18::timestamptz, $19, $20)"
            " ON CONFLICT (user_id, job_id) DO NOTHING RETURNING id::text",
            uuid.uuid4(), user_id, record.job.job_id, record.search_config_id, record.job.title, record.job.company,
            record.job.location, record.job.url, record.job.source, record.status.value, record.analysis_state.value,
            record.analysis, record.analysis_error, record.rating, record.follow_up_at, record.follow_up_fired,
            record.interview_at, record.created_at, uuid.UUID(company_id), record.ref or None)

    async def insert_imported_history(self, conn: asyncpg.Connection, *, user_id: str,
                                      rows: list[tuple[str, HistoryRecord]]) -> None:
        await conn.executemany(
            "INSERT INTO application_history (application_id, user_id, from_status, to_status, by_user_id, note,"
            " correction, reopen, at) VALUES ($1, $2, $3, $4, $2, $5, $6, $7, $8)",
            [(uuid.UUID(app_id), user_id, h.from_status.value if h.from_status else None, h.to_status.value, h.note,
              h.correction, h.reopen, h.at) for app_id, h in rows])

    async def insert_imported_analyses(self, conn: asyncpg.Connection, *,
                                       rows: list[tuple[str, AnalysisRecord]]) -> None:
        await conn.executemany(
            "INSERT INTO analysis_results (command_id, application_id, ok, analysis, reason, recorded_at)"
            " VALUES ($1, $2, $3, $4, $5, $6)",
            [(uuid.uuid4(), uuid.UUID(app_id), a.ok, {"score": a.score} if a.ok else None, a.reason, a.recorded_at)
             for app_id, a in rows])

    async def insert_imported_note(self, conn: asyncpg.Connection, *, user_id: str, application_id: str,
                                   record: NoteRecord) -> None:
        await conn.execute(
            "INSERT INTO notes (id, application_id, user_id, body, created_at, updated_at, imported_ref)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7)", uuid.uuid4(), uuid.UUID(application_id), user_id, record.body,
            record.created_at, record.updated_at, record.ref or None)
