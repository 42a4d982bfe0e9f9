"""A user's data in and out (pure code): the JSON export and the CSV files, and the readers that turn an
uploaded JSON export or CSV into records (`UserData`) for crm.py to write.

- **JSON** is the whole account in one document (`format`, `version`, then one list per kind of
  record). Every record carries a `ref` (its id, or the ref it was imported under) and names the
  records it belongs to by theirs (`company_ref`, `application_ref`...), so the document restores
  everything into an empty account, and an export of imported data names its records as the original
  did (the round trip gives the same document).
- **CSV export** is one file per kind of record (applications, companies, contacts, events, notes,
  history, salaries), for spreadsheets. A cell a spreadsheet would run as a formula (starting with
  = + - @, a tab or a carriage return) is written with a leading apostrophe; the CSV reader removes it.
- **CSV import** reads one table of applications, one per row, with a column mapping: a preset
  (a spreadsheet of one's own, Huntr, Teal) recognises the usual column names, and `column_mapping`
  names any other. Every row is checked whole before anything is written; a row with any bad value is
  skipped whole, with its line and why (the report), never written in part.

An imported application has no posting in discovery: it keeps its own snapshot (title, company,
location, URL, source), as every application does, under a job id of its own (`import:` and a hash of
its company, title and URL), so importing the same row again finds it, and asks for no analysis
(there is no posting to analyse).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from common.errors import InvalidArgument
from tracker_service.companies import board_of, company_key, display_name
from tracker_service.domain import (
    OPEN_STATUSES,
    RECORDED_KINDS,
    AnalysisRecord,
    AnalysisState,
    ApplicationRecord,
    CompanyRecord,
    ContactRecord,
    CsvOptions,
    CsvPreset,
    EventKind,
    EventRecord,
    ExportedFile,
    HistoryRecord,
    ImportReport,
    JobSnapshot,
    NoteRecord,
    Salary,
    SalaryKind,
    SalaryPeriod,
    SalaryRecord,
    Status,
    UserData,
    details_as_dict,
    details_from_dict,
)
from tracker_service.tracker import MAX_NOTE_CHARS
from tracker_service.transitions import FUNNEL
from tracker_service.validation import (
    MAX_NAME_CHARS,
    MAX_SHORT_TEXT_CHARS,
    MAX_TITLE_CHARS,
    check_details,
    check_event_time,
    check_salary,
    check_url,
    company_fields,
    contact_fields,
    text,
)

EXPORT_FORMAT = "jobmate.tracker.export"
EXPORT_VERSION = 1
MAX_IMPORT_RECORDS = 20_000  # records of all kinds in one file
MAX_CSV_ROWS = 5_000
MAX_REF_CHARS = 100
MAX_JOB_ID_CHARS = 200
CSV_REF_PREFIX = "csv:"  # refs the CSV reader makes up (a CSV has no ids)
MAX_CSV_FIELD_CHARS = 100_000


class _Bad(Exception):
    """One record's problem: it is skipped with this reason."""


# --- export -------------------------------------------------------------------------------------------
def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _salary_dict(salary: Salary) -> dict[str, Any]:
    return {"min": salary.min, "max": salary.max, "currency": salary.currency,
            "period": salary.period.value if salary.period else "", "gross": salary.gross, "text": salary.text}


def export_document(data: UserData, *, exported_at: datetime) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported_at": _iso(exported_at),
        "silence_thresholds": {status.value: days for status, days in sorted(data.silence_thresholds.items())},
        "companies": [{"ref": c.ref, "name": c.name, "website": c.website, "careers_url": c.careers_url,
                       "board": c.board, "board_token": c.board_token, "notes": c.notes,
                       "created_at": _iso(c.created_at)} for c in data.companies],
        "contacts": [{"ref": c.ref, "company_ref": c.company_ref, "name": c.name, "role": c.role, "email": c.email,
                      "phone": c.phone, "profile_url": c.profile_url, "notes": c.notes,
                      "created_at": _iso(c.created_at)} for c in data.contacts],
        "applications": [{
            "ref": a.ref, "company_ref": a.company_ref,
            "job": {"job_id": a.job.job_id, "title": a.job.title, "company": a.job.company,
                    "location": a.job.location, "url": a.job.url, "source": a.job.source},
            "search_config_id": a.search_config_id, "status": a.status.value, "rating": a.rating,
            "created_at": _iso(a.created_at), "follow_up_at": _iso(a.follow_up_at),
            "follow_up_fired": a.follow_up_fired, "interview_at": _iso(a.interview_at),
            "no_response": a.no_response, "analysis_state": a.analysis_state.value, "analysis": a.analysis,
            "analysis_error": a.analysis_error,
            "history": [{"from_status": h.from_status.value if h.from_status else None, "to_status": h.to_status.value,
                         "at": _iso(h.at), "note": h.note, "correction": h.correction, "reopen": h.reopen}
                        for h in a.history],
            "analyses": [{"recorded_at": _iso(r.recorded_at), "ok": r.ok, "score": r.score, "reason": r.reason}
                         for r in a.analyses],
        } for a in data.applications],
        "notes": [{"ref": n.ref, "application_ref": n.application_ref, "body": n.body,
                   "created_at": _iso(n.created_at), "updated_at": _iso(n.updated_at)} for n in data.notes],
        "events": [{"ref": e.ref, "application_ref": e.application_ref, "kind": e.kind.value, "title": e.title,
                    "body": e.body, "occurred_at": _iso(e.occurred_at), "recorded_at": _iso(e.recorded_at),
                    "contact_refs": e.contact_refs, "details": details_as_dict(e.details)} for e in data.events],
        "salaries": [{"ref": s.ref, "application_ref": s.application_ref, "kind": s.kind.value,
                      **_salary_dict(s.salary), "note": s.note, "observed_at": _iso(s.observed_at),
                      "event_ref": s.event_ref} for s in data.salaries],
    }


def export_json(data: UserData, *, exported_at: datetime) -> ExportedFile:
    document = export_document(data, exported_at=exported_at)
    return ExportedFile("jobmate-export.json", "application/json",
                        json.dumps(document, ensure_ascii=False, indent=2).encode())


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """One CSV cell: text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return _iso(value) or ""
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    value = str(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_file(name: str, header: list[str], rows: list[list[Any]]) -> ExportedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return ExportedFile(name, "text/csv; charset=utf-8", buffer.getvalue().encode())


def export_csv(data: UserData) -> list[ExportedFile]:
    companies = {c.ref: c.name for c in data.companies}
    applications = {a.ref: a for a in data.applications}
    contacts = {c.ref: c.name for c in data.contacts}

    def applied_at(record: ApplicationRecord) -> datetime | None:
        return next((h.at for h in record.history if h.to_status is Status.APPLIED), None)

    def job(ref: str) -> tuple[str, str]:
        record = applications.get(ref)
        return (companies.get(record.company_ref, record.job.company), record.job.title) if record else ("", "")

    return [
        _csv_file("applications.csv",
                  ["id", "company", "title", "url", "location", "source", "status", "created_at", "applied_at",
                   "rating", "follow_up_at", "interview_at", "no_response", "notes", "company_id", "job_id"],
                  [[a.ref, companies.get(a.company_ref, a.job.company), a.job.title, a.job.url, a.job.location,
                    a.job.source, a.status.value, a.created_at, applied_at(a), a.rating or None, a.follow_up_at,
                    a.interview_at, a.no_response,
                    "\n\n".join(n.body for n in data.notes if n.application_ref == a.ref), a.company_ref, a.job.job_id]
                   for a in data.applications]),
        _csv_file("companies.csv", ["id", "name", "website", "careers_url", "board", "board_token", "notes", "created_at"],
                  [[c.ref, c.name, c.website, c.careers_url, c.board, c.board_token, c.notes, c.created_at]
                   for c in data.companies]),
        _csv_file("contacts.csv", ["id", "company", "name", "role", "email", "phone", "profile_url", "notes",
                                   "company_id"],
                  [[c.ref, companies.get(c.company_ref, ""), c.name, c.role, c.email, c.phone, c.profile_url, c.notes,
                    c.company_ref] for c in data.contacts]),
        _csv_file("events.csv", ["id", "application_id", "company", "job_title", "kind", "title", "body",
                                 "occurred_at", "recorded_at", "contacts", "details"],
                  [[e.ref, e.application_ref, *job(e.application_ref), e.kind.value, e.title, e.body, e.occurred_at,
                    e.recorded_at, "; ".join(contacts.get(c, "") for c in e.contact_refs),
                    json.dumps(details_as_dict(e.details), ensure_ascii=False) if e.details else ""]
                   for e in data.events]),
        _csv_file("notes.csv", ["id", "application_id", "company", "job_title", "body", "created_at", "updated_at"],
                  [[n.ref, n.application_ref, *job(n.application_ref), n.body, n.created_at, n.updated_at]
                   for n in data.notes]),
        _csv_file("history.csv", ["application_id", "company", "job_title", "from_status", "to_status", "at", "note",
                                  "correction", "reopen"],
                  [[a.ref, *job(a.ref), h.from_status.value if h.from_status else "", h.to_status.value, h.at, h.note,
                    h.correction, h.reopen] for a in data.applications for h in a.history]),
        _csv_file("salaries.csv", ["id", "application_id", "company", "job_title", "kind", "min", "max", "currency",
                                   "period", "gross", "text", "note", "observed_at", "event_id"],
                  [[s.ref, s.application_ref, *job(s.application_ref), s.kind.value, s.salary.min, s.salary.max,
                    s.salary.currency, s.salary.period.value if s.salary.period else "", s.salary.gross,
                    s.salary.text, s.note, s.observed_at, s.event_ref] for s in data.salaries]),
    ]


# --- reading a JSON export ------------------------------------------------------------------------------
def _field(item: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    """item[key] when it has the type asked for (true and false are not numbers), the default when absent."""
    value = item.get(key, default)
    if value is None:
        return default
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        raise _Bad(f"{key} has the wrong type")
    return value


def _str(item: dict[str, Any], key: str, limit: int, *, required: bool = False) -> str:
    try:
        return text(_field(item, key, str, ""), key, limit, required=required)
    except InvalidArgument as exc:
        raise _Bad(exc.message) from None


def _time(item: dict[str, Any], key: str, *, required: bool = True) -> datetime | None:
    value = _field(item, key, str, None)
    if value is None or value == "":
        if required:
            raise _Bad(f"{key} is required")
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(f"{key} is not an ISO 8601 time: {value[:40]!r}") from None
    if parsed.tzinfo is None:
        raise _Bad(f"{key} needs a time zone (…Z or …+02:00)")
    return parsed


def _enum(enum_type: type, value: Any, key: str) -> Any:
    try:
        return enum_type(value)
    except ValueError:
        raise _Bad(f"{key} {str(value)[:40]!r} is not one of {', '.join(m.value for m in enum_type)}") from None


def _ref(item: dict[str, Any], key: str = "ref", *, required: bool = True) -> str:
    ref = _field(item, key, str, "").strip()
    if required and not ref:
        raise _Bad(f"{key} is required")
    if len(ref) > MAX_REF_CHARS:
        raise _Bad(f"{key} is too long (at most {MAX_REF_CHARS} characters)")
    return ref


def _check(check: Callable[[], Any]) -> Any:
    try:
        return check()
    except InvalidArgument as exc:
        raise _Bad(exc.message) from None


class _JsonReader:
    def __init__(self, report: ImportReport, now: datetime,
                 analysis_document: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        self.report, self.now, self.analysis_document = report, now, analysis_document

    def section(self, document: dict[str, Any], name: str, entity: str,
                parse: Callable[[dict[str, Any]], Any]) -> list[Any]:
        items = document.get(name, [])
        if not isinstance(items, list):
            raise InvalidArgument(f"{name} must be a list")
        records, refs = [], set()
        for row, item in enumerate(items, start=1):
            ref = item.get("ref", "") if isinstance(item, dict) else ""
            ref = ref if isinstance(ref, str) else ""
            try:
                if not isinstance(item, dict):
                    raise _Bad("a record must be an object")
                record = parse(item)
                if record.ref and record.ref in refs:
                    raise _Bad("another record of the file has the same ref")
            except _Bad as exc:
                self.report.skip(row, entity, str(exc), ref[:MAX_REF_CHARS])
                continue
            record.row = row
            refs.add(record.ref)
            records.append(record)
        return records

    def company(self, item: dict[str, Any]) -> CompanyRecord:
        fields = _check(lambda: company_fields({key: _field(item, key, str, "") for key in
                                                ("name", "website", "careers_url", "board", "board_token",
                                                 "notes")}))
        return CompanyRecord(ref=_ref(item), created_at=_time(item, "created_at", required=False), **fields)

    def contact(self, item: dict[str, Any]) -> ContactRecord:
        fields = _check(lambda: contact_fields({key: _field(item, key, str, "") for key in
                                                ("name", "role", "email", "phone", "profile_url", "notes")}))
        return ContactRecord(ref=_ref(item), company_ref=_ref(item, "company_ref"),
                             created_at=_time(item, "created_at", required=False), **fields)

    def application(self, item: dict[str, Any]) -> ApplicationRecord:
        job = _field(item, "job", dict, {})
        job_id = _str(job, "job_id", MAX_JOB_ID_CHARS, required=True)
        snapshot = JobSnapshot(job_id=job_id, title=_str(job, "title", MAX_TITLE_CHARS),
                               company=_str(job, "company", MAX_NAME_CHARS),
                               location=_str(job, "location", MAX_NAME_CHARS),
                               url=_check(lambda: check_url(_field(job, "url", str, ""), "job.url")),
                               source=_str(job, "source", MAX_NAME_CHARS))
        status = _enum(Status, item.get("status"), "status")
        rating = _field(item, "rating", int, 0)
        if not 0 <= rating <= 5:
            raise _Bad("rating must be between 0 and 5")
        state = _enum(AnalysisState, item.get("analysis_state", AnalysisState.NOT_REQUESTED.value), "analysis_state")
        analysis = _field(item, "analysis", dict, None)
        if analysis is not None:
            analysis = _check(lambda: self.analysis_document(analysis))
        if state is AnalysisState.DONE and analysis is None:
            raise _Bad("analysis_state is DONE but there is no analysis")
        if state in (AnalysisState.QUEUED, AnalysisState.RUNNING):
            state = AnalysisState.NOT_REQUESTED  # nothing is asked for it here: the user may ask again
        history = [self.history_entry(h) for h in _field(item, "history", list, [])]
        created_at = _time(item, "created_at")
        assert created_at is not None
        if not history:
            history = synthetic_history(status, created_at=created_at, applied_at=None)
        elif history[-1].to_status is not status:
            raise _Bad("the last entry of history does not move to the application's status")
        analyses = [self.analysis_result(a) for a in _field(item, "analyses", list, [])]
        return ApplicationRecord(
            ref=_ref(item), company_ref=_ref(item, "company_ref", required=False), job=snapshot, status=status,
            created_at=created_at, search_config_id=_str(item, "search_config_id", MAX_REF_CHARS), rating=rating,
            follow_up_at=_time(item, "follow_up_at", required=False),
            follow_up_fired=bool(_field(item, "follow_up_fired", bool, False)),
            interview_at=_time(item, "interview_at", required=False), analysis_state=state, analysis=analysis,
            analysis_error=_str(item, "analysis_error", MAX_SHORT_TEXT_CHARS), history=history, analyses=analyses)

    def history_entry(self, item: Any) -> HistoryRecord:
        if not isinstance(item, dict):
            raise _Bad("a history entry must be an object")
        from_status = item.get("from_status")
        at = _time(item, "at")
        assert at is not None
        return HistoryRecord(from_status=_enum(Status, from_status, "history.from_status") if from_status else None,
                             to_status=_enum(Status, item.get("to_status"), "history.to_status"), at=at,
                             note=_str(item, "note", MAX_SHORT_TEXT_CHARS * 2),
                             correction=bool(_field(item, "correction", bool, False)),
                             reopen=bool(_field(item, "reopen", bool, False)))

    def analysis_result(self, item: Any) -> AnalysisRecord:
        if not isinstance(item, dict):
            raise _Bad("an analysis result must be an object")
        score = _field(item, "score", int, 0)
        if not 0 <= score <= 100:
            raise _Bad("analyses.score must be between 0 and 100")
        recorded_at = _time(item, "recorded_at")
        assert recorded_at is not None
        return AnalysisRecord(recorded_at=recorded_at, ok=bool(_field(item, "ok", bool, False)), score=score,
                              reason=_str(item, "reason", MAX_SHORT_TEXT_CHARS))

    def note(self, item: dict[str, Any]) -> NoteRecord:
        created_at = _time(item, "created_at")
        assert created_at is not None
        return NoteRecord(ref=_ref(item), application_ref=_ref(item, "application_ref"),
                          body=_str(item, "body", MAX_NOTE_CHARS, required=True), created_at=created_at,
                          updated_at=_time(item, "updated_at", required=False) or created_at)

    def event(self, item: dict[str, Any]) -> EventRecord:
        kind = _enum(EventKind, item.get("kind"), "kind")
        if kind not in RECORDED_KINDS and kind is not EventKind.NO_RESPONSE:
            raise _Bad(f"{kind} entries are not stored as events (they come with their application)")
        try:
            details = details_from_dict(kind, _field(item, "details", dict, {}))
        except ValueError as exc:
            raise _Bad(str(exc)) from None
        occurred_at = _check(lambda: check_event_time(_time(item, "occurred_at"), "occurred_at", now=self.now))
        if kind in RECORDED_KINDS:
            details = _check(lambda: check_details(kind, details, now=self.now))
        refs = _field(item, "contact_refs", list, [])
        if not all(isinstance(r, str) and 0 < len(r) <= MAX_REF_CHARS for r in refs) or len(refs) > 50:
            raise _Bad("contact_refs must be a list of at most 50 refs")
        return EventRecord(ref=_ref(item), application_ref=_ref(item, "application_ref"), kind=kind,
                           occurred_at=occurred_at, recorded_at=_time(item, "recorded_at") or occurred_at,
                           title=_str(item, "title", MAX_TITLE_CHARS, required=kind is EventKind.CUSTOM),
                           body=_str(item, "body", MAX_NOTE_CHARS, required=kind is EventKind.NOTE), details=details,
                           contact_refs=sorted(set(refs)))

    def salary(self, item: dict[str, Any]) -> SalaryRecord:
        kind = _enum(SalaryKind, item.get("kind"), "kind")
        period = item.get("period") or None
        salary = Salary(min=_amount(item, "min"), max=_amount(item, "max"), currency=_str(item, "currency", 3),
                        period=_enum(SalaryPeriod, period, "period") if period else None,
                        gross=_field(item, "gross", bool, None), text=_str(item, "text", MAX_SHORT_TEXT_CHARS))
        observed_at = _time(item, "observed_at")
        assert observed_at is not None
        return SalaryRecord(ref=_ref(item), application_ref=_ref(item, "application_ref"), kind=kind,
                            salary=_check(lambda: check_salary(salary, kind=kind)), observed_at=observed_at,
                            note=_str(item, "note", MAX_SHORT_TEXT_CHARS),
                            event_ref=_ref(item, "event_ref", required=False))

    def thresholds(self, value: Any) -> dict[Status, int]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise InvalidArgument("silence_thresholds must be an object of status: days")
        found: dict[Status, int] = {}
        for name, days in value.items():
            try:
                status = _enum(Status, name, "silence_thresholds")
                if status not in OPEN_STATUSES or isinstance(days, bool) or not isinstance(days, int) \
                        or not 0 <= days <= 365:
                    raise _Bad(f"silence threshold {name!r}: days from 0 to 365 for an open status")
            except _Bad as exc:
                self.report.skip(0, "silence_threshold", str(exc))
                continue
            found[status] = days
        return found


def _amount(item: dict[str, Any], key: str) -> float | None:
    value = _field(item, key, (int, float), None)
    return float(value) if value is not None else None


def read_json(content: bytes, report: ImportReport, *, now: datetime,
              analysis_document: Callable[[dict[str, Any]], dict[str, Any]]) -> UserData:
    """The records of a JSON export. InvalidArgument when the file is not one; a bad record is skipped
    (the report says which and why)."""
    if re.search(rb"\\u0000", content, re.IGNORECASE):  # PostgreSQL stores no NUL in text or jsonb
        raise InvalidArgument("the file holds NUL characters (\\u0000), which no text may hold")
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidArgument("the file is not UTF-8 text") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InvalidArgument(f"the file is not JSON ({str(exc)[:100]})") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise InvalidArgument(f"the file is not a JobMate export (its \"format\" must be \"{EXPORT_FORMAT}\"); "
                              "for a spreadsheet or another tracker's export, import it as CSV")
    if document.get("version") != EXPORT_VERSION:
        raise InvalidArgument(f"export version {str(document.get('version'))[:20]} is not one this JobMate reads"
                              f" (version {EXPORT_VERSION})")
    sections = ("companies", "contacts", "applications", "notes", "events", "salaries")
    report.records = sum(len(document.get(s) or []) for s in sections if isinstance(document.get(s), list))
    if report.records > MAX_IMPORT_RECORDS:
        raise InvalidArgument(f"the file holds {report.records} records; at most {MAX_IMPORT_RECORDS} per import")
    reader = _JsonReader(report, now, analysis_document)
    return UserData(
        silence_thresholds=reader.thresholds(document.get("silence_thresholds")),
        companies=reader.section(document, "companies", "company", reader.company),
        contacts=reader.section(document, "contacts", "contact", reader.contact),
        applications=reader.section(document, "applications", "application", reader.application),
        notes=reader.section(document, "notes", "note", reader.note),
        events=reader.section(document, "events", "event", reader.event),
        salaries=reader.section(document, "salaries", "salary", reader.salary))


def synthetic_history(status: Status, *, created_at: datetime, applied_at: datetime | None) -> list[HistoryRecord]:
    """Moves for an application that comes without its history (a CSV row): created TO_APPLY, then
    through the funnel to its status, each move dated with the latest date the row gives."""
    history = [HistoryRecord(None, Status.TO_APPLY, created_at)]
    moved_at = applied_at or created_at
    if status is Status.TO_APPLY:
        return history
    path = FUNNEL[1:FUNNEL.index(status) + 1] if status in FUNNEL else (
        [Status.APPLIED, status] if applied_at else [status])
    previous = Status.TO_APPLY
    for step in path:
        history.append(HistoryRecord(previous, step, moved_at, note="imported"))
        previous = step
    return history


# --- reading a CSV ----------------------------------------------------------------------------------------
CSV_FIELDS = ("company", "title", "url", "location", "status", "applied_at", "created_at", "notes", "salary",
              "salary_min", "salary_max", "currency", "salary_period", "contact_name", "contact_email",
              "contact_phone", "contact_role", "rating", "source", "follow_up_at")

# Column names each field goes by (compared without case, spaces or punctuation), in every preset;
# a preset's own names come first.
_COMMON_COLUMNS: dict[str, tuple[str, ...]] = {
    "company": ("company", "companyname", "employer", "organization", "organisation", "firma", "entreprise",
                "empresa", "unternehmen"),
    "title": ("title", "jobtitle", "position", "jobposition", "role", "job", "poste", "stelle", "vacancy"),
    "url": ("url", "joburl", "link", "joblink", "postingurl", "jobposting", "postlink", "applicationurl"),
    "location": ("location", "joblocation", "city", "ort", "lieu", "ubicacion"),
    "status": ("status", "stage", "list", "listname", "state", "pipeline", "column", "jobstatus"),
    "applied_at": ("appliedat", "dateapplied", "applied", "applicationdate", "appliedon", "applieddate"),
    "created_at": ("createdat", "created", "datecreated", "dateadded", "added", "datesaved", "saved",
                   "datebookmarked", "bookmarked"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
    "salary": ("salary", "compensation", "pay", "salaryrange", "paterange"),
    "salary_min": ("salarymin", "minsalary", "minimumsalary", "min"),
    "salary_max": ("salarymax", "maxsalary", "maximumsalary", "max"),
    "currency": ("currency", "salarycurrency"),
    "salary_period": ("salaryperiod", "period", "payperiod", "salarytype"),
    "contact_name": ("contact", "contactname", "recruiter", "recruitername", "hiringmanager"),
    "contact_email": ("contactemail", "recruiteremail", "email"),
    "contact_phone": ("contactphone", "recruiterphone", "phone"),
    "contact_role": ("contactrole", "contacttitle", "contactposition"),
    "rating": ("rating", "excitement", "stars", "interest"),
    "source": ("source", "jobsource", "board", "jobboard", "via", "channel"),
    "follow_up_at": ("followupat", "followup", "followupdate", "nextfollowup", "remindat", "reminder"),
}
_PRESET_COLUMNS: dict[CsvPreset, dict[str, tuple[str, ...]]] = {
    CsvPreset.SPREADSHEET: {},
    # Huntr's job export: the board's list ("Wishlist", "Applied"...) is the status.
    CsvPreset.HUNTR: {"status": ("listname", "list", "stage"), "title": ("jobtitle", "title"),
                      "created_at": ("datecreated", "createdat", "dateadded"), "applied_at": ("dateapplied",)},
    # Teal's job tracker export.
    CsvPreset.TEAL: {"title": ("jobposition", "position", "jobtitle"), "status": ("status",),
                     "created_at": ("datesaved", "datebookmarked", "dateadded"), "applied_at": ("dateapplied",),
                     "rating": ("excitement",), "follow_up_at": ("followupdate", "followup")},
}
# Status words (compared without case, spaces or punctuation) of the trackers people come from.
STATUS_WORDS: dict[str, Status] = {
    **dict.fromkeys(("toapply", "wishlist", "bookmarked", "saved", "applying", "interested", "todo", "prospect",
                     "prospective", "draft", "new", "lead", "considering", "planned"), Status.TO_APPLY),
    **dict.fromkeys(("applied", "submitted", "applicationsent", "sent", "noresponse", "waiting", "pending",
                     "inreview", "underreview", "ghosted"), Status.APPLIED),
    **dict.fromkeys(("interview", "interviewing", "interviews", "phonescreen", "screening", "onsite", "technical",
                     "assessment", "interviewscheduled", "inprogress"), Status.INTERVIEW),
    **dict.fromkeys(("offer", "offered", "negotiating", "negotiation", "offerreceived"), Status.OFFER),
    **dict.fromkeys(("hired", "accepted", "offeraccepted", "joined", "signed"), Status.HIRED),
    **dict.fromkeys(("rejected", "notselected", "declined", "rejection", "turneddown", "unsuccessful"),
                    Status.REJECTED),
    **dict.fromkeys(("withdrawn", "iwithdrew", "withdrew", "notinterested", "offerdeclined", "declinedoffer",
                     "archived"), Status.WITHDRAWN),
}
_CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₽": "RUB", "₹": "INR", "₴": "UAH", "₺": "TRY",
                   "₩": "KRW", "zł": "PLN", "r$": "BRL", "chf": "CHF", "руб": "RUB"}
_PERIOD_WORDS = (
    (re.compile(r"(/\s*h\b|/\s*hr\b|\bhour|\bhourly|\bper\s+hour|\bph\b|\bстунд|\bчас)", re.I), SalaryPeriod.HOUR),
    (re.compile(r"(/\s*d\b|\bday\b|\bdaily|\bper\s+day|\bдень)", re.I), SalaryPeriod.DAY),
    (re.compile(r"(/\s*w(k)?\b|\bweek|\bweekly)", re.I), SalaryPeriod.WEEK),
    (re.compile(r"(/\s*mo?\b|\bmonth|\bmonthly|\bpm\b|\bp\.m\.|\bмес)", re.I), SalaryPeriod.MONTH),
    (re.compile(r"(/\s*y(r)?\b|\byear|\byearly|\bannual|\bannum|\bp\.?a\.?\b|\bгод)", re.I), SalaryPeriod.YEAR),
)
_NUMBER = re.compile(r"(\d[\d\s,.' ]*\d|\d)\s*([kKmM]|тыс)?")
_DATE_FORMATS_MONTH_NAMES = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y",
                             "%d-%b-%Y", "%d-%b-%y", "%a, %d %b %Y", "%a %b %d %Y")


def _column_name(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.lower())


def _amount_text(number: str, suffix: str | None) -> float:
    digits = number.replace(" ", "").replace("\u00a0", "").replace("'", "")
    if re.fullmatch(r"\d{1,3}([,.]\d{3})+", digits):  # thousands separators
        value = float(re.sub(r"[,.]", "", digits))
    elif "," in digits and "." in digits:  # 1,234.50 or 1.234,50: the last one is the decimal point
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        value = float(digits.replace("." if decimal == "," else ",", "").replace(",", "."))
    else:
        value = float(digits.replace(",", "."))
    if suffix and suffix.lower() in ("k", "тыс"):
        value *= 1_000
    elif suffix and suffix.lower() == "m":
        value *= 1_000_000
    return value


def parse_salary_text(value: str) -> Salary | None:
    """'€50k–60k / year', '$120,000', '45 €/h', '80000-90000 EUR' -> figures; None when it holds none."""
    lowered = value.lower()
    currency = next((code for sign, code in sorted(_CURRENCY_SIGNS.items(), key=lambda item: -len(item[0]))
                     if sign in lowered), "")  # "r$" before "$"
    code = re.search(r"\b([A-Z]{3})\b", value)
    if code:
        currency = code.group(1)
    found: list[tuple[float, float]] = []  # (amount as written, the k/m multiplier written after it)
    for match in _NUMBER.finditer(value):
        try:
            multiplier = _amount_text("1", match.group(2))
            found.append((_amount_text(match.group(1), None), multiplier))
        except ValueError:
            continue
    found = [(amount, multiplier) for amount, multiplier in found if amount > 0][:2]
    if not found:
        return None
    if len(found) == 2 and found[0][1] == 1 and found[1][1] > 1 and found[0][0] < 1000:
        found[0] = (found[0][0], found[1][1])  # "50-60k": the k is both figures'
    amounts = [amount * multiplier for amount, multiplier in found]
    period = next((p for pattern, p in _PERIOD_WORDS if pattern.search(value)), None)
    return Salary(min=min(amounts), max=max(amounts), currency=currency, period=period, text=value.strip())


def parse_date(value: str, *, day_first: bool) -> datetime:
    """A date (or time) as spreadsheets and trackers write it; ValueError when it is none."""
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", value)
    if match:
        first, separator, second, third = match.group(1), match.group(2), match.group(3), match.group(4)
        if len(first) == 4:  # 2024/03/05
            year, month, day = int(first), int(second), int(third)
        else:
            day_before_month = day_first or separator == "."  # 05.03.2024 is always day first
            day, month = (int(first), int(second)) if day_before_month else (int(second), int(first))
            year = int(third) + (2000 if len(third) == 2 else 0)
        hour, minute, second_ = (int(match.group(5) or 0), int(match.group(6) or 0), int(match.group(7) or 0))
        return datetime(year, month, day, hour, minute, second_, tzinfo=UTC)
    for pattern in _DATE_FORMATS_MONTH_NAMES:
        try:
            return datetime.strptime(value, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise ValueError(value)


def _decode_csv(content: bytes) -> str:
    try:
        decoded = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidArgument("the file is not UTF-8 text; save it as \"CSV UTF-8\" and import it again") from None
    if "\x00" in decoded:
        raise InvalidArgument("the file holds NUL characters: it is not a CSV text file")
    return decoded


def _delimiter(first_line: str) -> str:
    """The separator the header uses most: , ; tab or | (spreadsheets in many locales write ;)."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _uncell(value: str) -> str:
    """A cell as JobMate's CSV export wrote it: without the apostrophe that kept a formula inert."""
    value = value.strip()
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value


class _CsvRows:
    def __init__(self, options: CsvOptions, header: list[str], report: ImportReport, now: datetime) -> None:
        self.options, self.report, self.now = options, report, now
        self.columns = self._mapping(header)
        if "company" not in self.columns:
            raise InvalidArgument("no column holds the company: name it with column_mapping "
                                  f"(company = one of: {', '.join(h for h in header if h)})")
        self.source = options.preset.value.lower()

    def _mapping(self, header: list[str]) -> dict[str, int]:
        positions: dict[str, int] = {}
        for index, name in enumerate(header):
            positions.setdefault(_column_name(name), index)
        columns: dict[str, int] = {}
        for field in CSV_FIELDS:
            names = _PRESET_COLUMNS[self.options.preset].get(field, ()) + _COMMON_COLUMNS[field]
            found = next((positions[n] for n in names if n in positions), None)
            if found is not None and found not in columns.values():
                columns[field] = found
        for field, column in self.options.column_mapping.items():
            if field not in CSV_FIELDS:
                raise InvalidArgument(f"column_mapping: {field!r} is not a field; fields: {', '.join(CSV_FIELDS)}")
            if column == "":
                columns.pop(field, None)  # "this file's column of that name is not it"
                continue
            if _column_name(column) not in positions:
                raise InvalidArgument(f"column_mapping: the file has no column {column[:60]!r} "
                                      f"(columns: {', '.join(h for h in header if h)[:500]})")
            index = positions[_column_name(column)]
            for other, taken in list(columns.items()):  # a column holds one field
                if taken == index and other != field:
                    del columns[other]
            columns[field] = index
        return columns

    def value(self, cells: list[str], field: str) -> str:
        index = self.columns.get(field)
        return _uncell(cells[index]) if index is not None and index < len(cells) else ""

    def date(self, cells: list[str], field: str) -> datetime | None:
        raw = self.value(cells, field)
        if not raw:
            return None
        try:
            return parse_date(raw, day_first=self.options.day_first)
        except ValueError:
            raise _Bad(f"{field} {raw[:40]!r} is not a date") from None

    def row(self, line: int, cells: list[str], width: int) -> tuple[ApplicationRecord, NoteRecord | None,
                                                                     ContactRecord | None, SalaryRecord | None]:
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            raise _Bad(f"the row has {len(cells)} cells but the header names {width} columns")
        company = _check(lambda: text(self.value(cells, "company"), "company", MAX_NAME_CHARS, required=True))
        title = _check(lambda: text(self.value(cells, "title"), "title", MAX_TITLE_CHARS))
        url = _check(lambda: check_url(self.value(cells, "url"), "url", bare_domain_ok=True))
        location = _check(lambda: text(self.value(cells, "location"), "location", MAX_NAME_CHARS))
        raw_status = self.value(cells, "status")
        applied_at = self.date(cells, "applied_at")
        if raw_status:
            status = STATUS_WORDS.get(_column_name(raw_status)) or next(
                (s for s in Status if _column_name(s.value) == _column_name(raw_status)), None)
            if status is None:
                raise _Bad(f"status {raw_status[:40]!r} is not one JobMate knows (TO_APPLY, APPLIED, INTERVIEW, "
                           "OFFER, HIRED, REJECTED, WITHDRAWN, or a tracker's word for one)")
        else:
            status = Status.APPLIED if applied_at else Status.TO_APPLY
        created_at = self.date(cells, "created_at") or applied_at or self.now
        for label, when in (("created_at", created_at), ("applied_at", applied_at)):
            if when is not None and when > self.now + timedelta(days=1):
                raise _Bad(f"{label} is in the future")
            if when is not None and when < self.now - timedelta(days=50 * 365):
                raise _Bad(f"{label} is more than 50 years ago")
        if applied_at is not None and applied_at < created_at:
            created_at = applied_at  # saved after applying: the card exists since the application
        follow_up_at = self.date(cells, "follow_up_at")
        rating = self._rating(self.value(cells, "rating"))
        source = _check(lambda: text(self.value(cells, "source"), "source", MAX_NAME_CHARS)) or self.source
        notes = _check(lambda: text(self.value(cells, "notes"), "notes", MAX_NOTE_CHARS))
        salary = self._salary(cells)
        key = company_key(company)
        identity = hashlib.sha256("\x1f".join((key, title.casefold(), url)).encode()).hexdigest()[:32]
        job_id = f"import:{identity}"
        company_ref = f"{CSV_REF_PREFIX}company:{key}"
        application = ApplicationRecord(
            ref="", company_ref=company_ref,
            job=JobSnapshot(job_id=job_id, title=title, company=company, location=location, url=url, source=source),
            status=status, created_at=created_at, rating=rating, follow_up_at=follow_up_at,
            follow_up_fired=follow_up_at is not None and follow_up_at <= self.now,
            history=synthetic_history(status, created_at=created_at, applied_at=applied_at), row=line)
        note = NoteRecord(f"{CSV_REF_PREFIX}note:{identity}", job_id, notes, created_at, created_at, row=line) \
            if notes else None
        contact = self._contact(cells, company_ref, key, line)
        observation = SalaryRecord(f"{CSV_REF_PREFIX}salary:{identity}", job_id, SalaryKind.ADVERTISED, salary,
                                   created_at, note="imported", row=line) if salary else None
        return application, note, contact, observation

    def _rating(self, raw: str) -> int:
        if not raw:
            return 0
        stars = raw.count("★")
        if stars:
            return min(stars, 5)
        match = re.fullmatch(r"(\d)(?:\s*/\s*(5|10))?", raw)
        if not match:
            raise _Bad(f"rating {raw[:20]!r} is not a number from 0 to 5")
        value = int(match.group(1))
        if match.group(2) == "10":
            value = round(value / 2)
        if not 0 <= value <= 5:
            raise _Bad("rating must be from 0 to 5")
        return value

    def _salary(self, cells: list[str]) -> Salary | None:
        free_text = self.value(cells, "salary")
        salary = parse_salary_text(free_text) if free_text else None
        if free_text and salary is None:
            raise _Bad(f"salary {free_text[:40]!r} holds no figure")
        low, high = self.value(cells, "salary_min"), self.value(cells, "salary_max")
        if low or high:
            try:
                low_value = parse_salary_text(low) if low else None
                high_value = parse_salary_text(high) if high else None
            except ValueError:
                raise _Bad("salary_min or salary_max is not a number") from None
            if (low and low_value is None) or (high and high_value is None):
                raise _Bad("salary_min or salary_max is not a number")
            salary = Salary(min=low_value.min if low_value else None, max=high_value.max if high_value else None,
                            currency=(low_value or high_value).currency if (low_value or high_value) else "",
                            period=None, text=free_text)
        if salary is None:
            return None
        currency = self.value(cells, "currency").upper() or salary.currency
        period_text = self.value(cells, "salary_period")
        period = salary.period
        if period_text:
            period = next((p for pattern, p in _PERIOD_WORDS if pattern.search(period_text)), None) or next(
                (p for p in SalaryPeriod if p.value == period_text.strip().upper()), None)
            if period is None:
                raise _Bad(f"salary_period {period_text[:20]!r} is not hour, day, week, month or year")
        salary = Salary(min=salary.min, max=salary.max, currency=currency, period=period, text=salary.text)
        return _check(lambda: check_salary(salary, kind=SalaryKind.ADVERTISED))

    def _contact(self, cells: list[str], company_ref: str, key: str, line: int) -> ContactRecord | None:
        name = self.value(cells, "contact_name")
        email, phone, role = (self.value(cells, f) for f in ("contact_email", "contact_phone", "contact_role"))
        if not name and (email or phone):
            name = email or phone
        if not name:
            return None
        fields = _check(lambda: contact_fields({"name": name, "email": email, "phone": phone, "role": role}))
        ref = f"{CSV_REF_PREFIX}contact:{key}:{hashlib.sha256(name.casefold().encode()).hexdigest()[:16]}"
        return ContactRecord(ref=ref, company_ref=company_ref, row=line, **fields)


def read_csv(content: bytes, options: CsvOptions, report: ImportReport, *, now: datetime) -> UserData:
    """The applications of a CSV, one per row, with their companies, notes, contacts and advertised
    salaries. InvalidArgument when the file cannot be read as a table; a bad row is skipped whole."""
    decoded = _decode_csv(content)
    first_line = decoded.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(decoded, newline=""), delimiter=_delimiter(first_line), strict=True)
    previous_limit = csv.field_size_limit(MAX_CSV_FIELD_CHARS)
    rows: list[tuple[int, list[str]]] = []
    try:
        line = 1
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1
            if len(rows) > MAX_CSV_ROWS + 1:
                raise InvalidArgument(f"the file has more than {MAX_CSV_ROWS} rows; split it")
    except csv.Error as exc:
        raise InvalidArgument(f"line {reader.line_num}: the file is not valid CSV ({exc})") from None
    finally:
        csv.field_size_limit(previous_limit)
    rows = [(line, cells) for line, cells in rows if any(c.strip() for c in cells)]
    if not rows:
        raise InvalidArgument("the file has no rows")
    (_, header), body = rows[0], rows[1:]
    table = _CsvRows(options, header, report, now)
    report.records = len(body)
    data = UserData()
    seen: dict[str, int] = {}
    companies: dict[str, CompanyRecord] = {}
    contacts: dict[str, ContactRecord] = {}
    for line, cells in body:
        try:
            application, note, contact, salary = table.row(line, cells, len(header))
        except _Bad as exc:
            report.skip(line, "application", str(exc))
            continue
        if application.job.job_id in seen:
            report.skip(line, "application", f"same company, title and link as line {seen[application.job.job_id]}")
            continue
        seen[application.job.job_id] = line
        data.applications.append(application)
        if application.company_ref not in companies:
            board = board_of(application.job.url)
            companies[application.company_ref] = CompanyRecord(
                ref=application.company_ref, name=display_name(application.job.company), row=line,
                board=board.board if board else "", board_token=board.token if board else "",
                careers_url=board.careers_url if board else "")
        if note:
            data.notes.append(note)
        if contact and contact.ref not in contacts:
            contacts[contact.ref] = contact
        if salary:
            data.salaries.append(salary)
    data.companies = list(companies.values())
    data.contacts = list(contacts.values())
    return data
