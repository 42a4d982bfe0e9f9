"""Protobuf ⇄ domain for tracker_service: the one module that knows both.

- requests' values → domain values (statuses, sorts, timestamps, the SetFollowUp mask, a reported
  analysis), refusing what is malformed with InvalidArgument;
- domain objects → `jobmate.tracker.v1` messages, for the servicer's responses;
- a discovery posting → the card's JobSnapshot (downstream.py);
- the outbox's messages (`jobmate.events.v1`): CMD_ANALYZE_JOB, CMD_ARCHIVE_SEARCH_CONFIGS and the
  events CARD_MOVED, ANALYSIS_DONE, FOLLOW_UP_DUE and COMMAND_FAILED;
- the CRM (issue 18): companies, contacts, timeline events and their details, salary observations,
  silence thresholds, exports and import reports, update masks, and the events COMPANY_CHANGED,
  TIMELINE_EVENT_CHANGED, CONTACT_CHANGED, SALARY_OBSERVATION_CHANGED, NO_RESPONSE, DATA_IMPORTED.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from google.protobuf import json_format, timestamp_pb2
from google.protobuf.field_mask_pb2 import FieldMask

from common import messages, wire
from common.errors import InvalidArgument
from common.wire import set_timestamp
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2
from jobmate.events.v1 import events_pb2
from jobmate.tracker.v1 import tracker_pb2
from tracker_service.domain import (
    AnalysisDetails,
    AnalysisState,
    Application,
    AssessmentDetails,
    BucketStatus,
    CardDate,
    Change,
    Company,
    CompanySort,
    Contact,
    CsvOptions,
    CsvPreset,
    DataFormat,
    EmailDetails,
    EventFields,
    EventKind,
    ExportedFile,
    FollowUpDetails,
    FunnelReport,
    FunnelStats,
    HhApply,
    HhApplyDetails,
    HistoryEntry,
    ImportReport,
    InterviewDetails,
    JobSnapshot,
    Move,
    NoResponseDetails,
    Note,
    OfferDetails,
    OfferRow,
    Salary,
    SalaryKind,
    SalaryObservation,
    SalaryPeriod,
    SilenceThreshold,
    Sort,
    Status,
    StatusChangeDetails,
    TimelineEvent,
)
from tracker_service.transitions import BOARD_ORDER, allowed_moves

_STATUS_PREFIX = "APPLICATION_STATUS_"
_SORTS = {
    tracker_pb2.APPLICATION_SORT_UNSPECIFIED: Sort.UPDATED_DESC,
    tracker_pb2.APPLICATION_SORT_UPDATED_DESC: Sort.UPDATED_DESC,
    tracker_pb2.APPLICATION_SORT_CREATED_DESC: Sort.CREATED_DESC,
    tracker_pb2.APPLICATION_SORT_SCORE_DESC: Sort.SCORE_DESC,
    tracker_pb2.APPLICATION_SORT_FOLLOW_UP_ASC: Sort.FOLLOW_UP_ASC,
}


# --- request values → domain -----------------------------------------------------------------------
# Domain enums -> wire numbers by a dict lookup: `ApplicationStatus.Value(name)` is a Python call
# through the enum's descriptor, and a board converts ~5 statuses per card (docs/perf/README.md).
_STATUS_TO_PROTO = {status: tracker_pb2.ApplicationStatus.Value(_STATUS_PREFIX + status.value) for status in Status}
_ANALYSIS_STATE_TO_PROTO = {state: tracker_pb2.AnalysisState.Value(f"ANALYSIS_STATE_{state.value}")
                            for state in AnalysisState}
# Each status's MoveCard targets on the wire, worked out once (transitions.allowed_moves is fixed).
_ALLOWED_MOVES_PROTO = {status: [_STATUS_TO_PROTO[target] for target in allowed_moves(status)] for status in Status}


def status_to_proto(status: Status) -> int:
    return _STATUS_TO_PROTO[status]


def status_from_proto(value: int, *, field: str = "to_status") -> Status:
    if value == tracker_pb2.APPLICATION_STATUS_UNSPECIFIED or value not in tracker_pb2.ApplicationStatus.values():
        raise InvalidArgument(f"{field} must be one of {', '.join(BOARD_ORDER)}")
    return Status(tracker_pb2.ApplicationStatus.Name(value).removeprefix(_STATUS_PREFIX))


def sort_from_proto(value: int) -> Sort:
    if value not in _SORTS:
        raise InvalidArgument("sort is not a known ApplicationSort")
    return _SORTS[value]


ts_to_proto = wire.timestamp


def ts_from_proto(value: timestamp_pb2.Timestamp) -> datetime:
    return value.ToDatetime(tzinfo=UTC)


def card_dates_from_mask(mask: FieldMask) -> frozenset[CardDate]:
    """The dates a SetFollowUp changes: those its mask names, or both without a mask."""
    if not mask.paths:
        return frozenset(CardDate)
    allowed = {date.value for date in CardDate}
    for path in mask.paths:
        if path not in allowed:
            raise InvalidArgument(f"update_mask path {path!r} is not a date of the card; "
                                  f"allowed: {', '.join(sorted(allowed))}")
    return frozenset(CardDate(path) for path in mask.paths)


def analysis_to_document(analysis: tracker_pb2.Analysis) -> dict[str, Any]:
    """A reported analysis as stored (its JSON mapping), stamped with the time it arrived if it has none."""
    if not 0 <= analysis.score <= 100:
        raise InvalidArgument("analysis.score must be between 0 and 100")
    stored = tracker_pb2.Analysis()
    stored.CopyFrom(analysis)
    if not stored.HasField("created_at"):
        stored.created_at.FromDatetime(datetime.now(UTC))
    return json_format.MessageToDict(stored, always_print_fields_with_no_presence=True)


def job_snapshot_from_proto(job: discovery_pb2.Job, job_id: str) -> JobSnapshot:
    """What the board keeps of a discovery posting (its salary becomes the ADVERTISED observation)."""
    return JobSnapshot(job_id=job.id or job_id, title=job.title, company=job.company,
                       location=", ".join(loc for loc in job.locations if loc), url=job.url, source=job.source,
                       search_config_id=job.search_config_id, salary=advertised_salary(job.salary))


def advertised_salary(salary: common_pb2.Salary) -> Salary | None:
    """A board's salary as an observation, when it gives figures that make sense (none is made up)."""
    low = salary.min if salary.HasField("min") else None
    high = salary.max if salary.HasField("max") else None
    figures = [v for v in (low, high) if v is not None]
    if not figures or any(not 0 <= v <= 1e10 for v in figures) or (low is not None and high is not None and low > high):
        return None
    currency = salary.currency.strip().upper()
    return Salary(min=low, max=high, currency=currency if len(currency) == 3 and currency.isalpha() else "",
                  period=_period_from_proto(salary.period), gross=salary.gross if salary.HasField("gross") else None,
                  text=salary.text[:1000])


_PERIOD_PREFIX = "SALARY_PERIOD_"


def _period_from_proto(value: int) -> SalaryPeriod | None:
    if value == common_pb2.SALARY_PERIOD_UNSPECIFIED or value not in common_pb2.SalaryPeriod.values():
        return None
    return SalaryPeriod(common_pb2.SalaryPeriod.Name(value).removeprefix(_PERIOD_PREFIX))


def salary_from_proto(salary: common_pb2.Salary) -> Salary:
    """A salary a user sends (checked by the logic: amounts, currency, period)."""
    return Salary(min=salary.min if salary.HasField("min") else None,
                  max=salary.max if salary.HasField("max") else None, currency=salary.currency,
                  period=_period_from_proto(salary.period), gross=salary.gross if salary.HasField("gross") else None,
                  text=salary.text)


def salary_to_proto(salary: Salary) -> common_pb2.Salary:
    period = common_pb2.SalaryPeriod.Value(_PERIOD_PREFIX + salary.period.value) if salary.period else 0
    return wire.salary(min=salary.min, max=salary.max, currency=salary.currency, period=period, gross=salary.gross,
                       text=salary.text)


def _enum_from_proto(enum_type: Any, value: int, prefix: str, domain: type, field: str) -> Any:
    if value == 0 or value not in enum_type.values():
        names = ", ".join(n.removeprefix(prefix) for n in enum_type.keys() if not n.endswith("UNSPECIFIED"))
        raise InvalidArgument(f"{field} must be one of {names}")
    return domain(enum_type.Name(value).removeprefix(prefix))


def event_kind_from_proto(value: int) -> EventKind:
    return _enum_from_proto(tracker_pb2.TimelineEventKind, value, "TIMELINE_EVENT_KIND_", EventKind, "kind")


def salary_kind_from_proto(value: int) -> SalaryKind:
    return _enum_from_proto(tracker_pb2.SalaryKind, value, "SALARY_KIND_", SalaryKind, "kind")


def data_format_from_proto(value: int) -> DataFormat:
    return _enum_from_proto(tracker_pb2.DataFormat, value, "DATA_FORMAT_", DataFormat, "format")


def company_sort_from_proto(value: int) -> CompanySort:
    if value == tracker_pb2.COMPANY_SORT_UNSPECIFIED:
        return CompanySort.LAST_ACTIVITY_DESC
    return _enum_from_proto(tracker_pb2.CompanySort, value, "COMPANY_SORT_", CompanySort, "sort")


def csv_options_from_proto(options: tracker_pb2.CsvImportOptions) -> CsvOptions:
    preset = CsvPreset.SPREADSHEET if options.preset == tracker_pb2.CSV_PRESET_UNSPECIFIED else _enum_from_proto(
        tracker_pb2.CsvPreset, options.preset, "CSV_PRESET_", CsvPreset, "csv.preset")
    if len(options.column_mapping) > 50:
        raise InvalidArgument("csv.column_mapping names at most 50 fields")
    return CsvOptions(preset=preset, column_mapping={k.strip(): v.strip()[:200] for k, v in options.column_mapping.items()},
                      day_first=options.day_first)


def mask_paths(mask: FieldMask, allowed: Iterable[str], *, what: str) -> frozenset[str]:
    """The paths of an update mask, each one a field of `what`; an empty mask changes nothing."""
    allowed = frozenset(allowed)
    for path in mask.paths:
        if path not in allowed:
            raise InvalidArgument(f"update_mask path {path!r} is not a field of {what}; "
                                  f"allowed: {', '.join(sorted(allowed))}")
    return frozenset(mask.paths)


COMPANY_FIELDS = ("name", "website", "careers_url", "board", "board_token", "notes")
CONTACT_FIELDS = ("name", "role", "email", "phone", "profile_url", "notes", "company_id")


def company_changes(request: tracker_pb2.UpdateCompanyRequest) -> dict[str, str]:
    return {path: getattr(request, path) for path in mask_paths(request.update_mask, COMPANY_FIELDS, what="a company")}


def contact_changes(request: tracker_pb2.UpdateContactRequest) -> dict[str, str]:
    return {path: getattr(request, path) for path in mask_paths(request.update_mask, CONTACT_FIELDS, what="a contact")}


def _details_from_request(request: Any) -> Any:
    which = request.WhichOneof("details")
    if which == "interview":
        i = request.interview
        return InterviewDetails(stage=i.stage, place=i.place, link=i.link, duration_minutes=i.duration_minutes)
    if which == "assessment":
        a = request.assessment
        return AssessmentDetails(link=a.link, due_at=ts_from_proto(a.due_at) if a.HasField("due_at") else None)
    if which == "offer":
        o = request.offer
        return OfferDetails(salary=salary_from_proto(o.salary) if o.HasField("salary") else None, bonus=o.bonus,
                            equity=o.equity, benefits=o.benefits,
                            respond_by=ts_from_proto(o.respond_by) if o.HasField("respond_by") else None)
    if which == "email":
        return EmailDetails(subject=request.email.subject, address=request.email.address)
    return None


def event_fields_from_proto(request: tracker_pb2.CreateTimelineEventRequest | tracker_pb2.UpdateTimelineEventRequest
                            ) -> EventFields:
    return EventFields(title=request.title, body=request.body,
                       occurred_at=ts_from_proto(request.occurred_at) if request.HasField("occurred_at") else None,
                       contact_ids=tuple(request.contact_ids), details=_details_from_request(request))


def thresholds_from_proto(items: Iterable[tracker_pb2.SilenceThreshold]) -> list[SilenceThreshold]:
    return [SilenceThreshold(status=status_from_proto(item.status, field="thresholds.status"), days=item.days,
                             is_default=item.is_default) for item in items]


def analysis_document_for_import(document: dict[str, Any]) -> dict[str, Any]:
    """An analysis from an imported export, checked against tracker.v1.Analysis and stored as its JSON
    mapping (what the tracker keeps for every analysis); InvalidArgument when it is not one."""
    analysis = tracker_pb2.Analysis()
    try:
        json_format.ParseDict(document, analysis, ignore_unknown_fields=False)
    except (json_format.ParseError, TypeError, ValueError) as exc:
        raise InvalidArgument(f"analysis is not a JobMate analysis ({str(exc)[:120]})") from None
    return analysis_to_document(analysis)


# --- domain → response messages --------------------------------------------------------------------
def note_to_proto(note: Note) -> tracker_pb2.Note:
    return tracker_pb2.Note(id=note.id, body=note.body, created_at=ts_to_proto(note.created_at),
                            updated_at=ts_to_proto(note.updated_at))


def application_to_proto(application: Application) -> tracker_pb2.Application:
    message = tracker_pb2.Application()
    fill_application(message, application)
    return message


def fill_application(message: tracker_pb2.Application, application: Application) -> None:
    """Fill `message` (new, or a reply's `cards.add()`) with the card. Built for speed, as a board converts
    up to 50 cards a column: scalars set one by one, nested messages (the job snapshot, timestamps) filled
    in place rather than built and copied in, repeated fields extended only when there is something to add."""
    job = application.job
    message.id = application.id
    message.user_id = application.user_id
    message.job_id = job.job_id
    message.status = _STATUS_TO_PROTO[application.status]
    message.version = application.version
    message.analysis_state = _ANALYSIS_STATE_TO_PROTO[application.analysis_state]
    message.analysis_error = application.analysis_error
    message.rating = application.rating
    message.search_config_id = application.search_config_id
    message.company_id = application.company_id
    snapshot = message.job
    snapshot.SetInParent()
    snapshot.job_id = job.job_id
    snapshot.title = job.title
    snapshot.company = job.company
    snapshot.location = job.location
    snapshot.url = job.url
    snapshot.source = job.source
    if application.notes:
        message.notes.extend([note_to_proto(n) for n in application.notes])
    moves = _ALLOWED_MOVES_PROTO[application.status]
    if moves:
        message.allowed_moves.extend(moves)
    set_timestamp(message.created_at, application.created_at)
    set_timestamp(message.updated_at, application.updated_at)
    if application.last_activity_at is not None:
        set_timestamp(message.last_activity_at, application.last_activity_at)
    if application.no_response_at is not None:
        set_timestamp(message.no_response_at, application.no_response_at)
    if application.analysis:
        json_format.ParseDict(application.analysis, message.analysis, ignore_unknown_fields=True)
    elif application.analysis_score is not None:  # read without its analysis (GetBoard analysis_score_only)
        message.analysis.SetInParent()  # present even for a score of 0
        message.analysis.score = application.analysis_score
    if application.follow_up_at is not None:
        set_timestamp(message.follow_up_at, application.follow_up_at)
    if application.interview_at is not None:
        set_timestamp(message.interview_at, application.interview_at)


# Stored values -> wire numbers, for the board's rows put straight on the wire (fill_card_from_board_row).
_STATUS_VALUE_TO_PROTO = {status.value: number for status, number in _STATUS_TO_PROTO.items()}
_ANALYSIS_STATE_VALUE_TO_PROTO = {state.value: number for state, number in _ANALYSIS_STATE_TO_PROTO.items()}
_ALLOWED_MOVES_VALUE_PROTO = {status.value: moves for status, moves in _ALLOWED_MOVES_PROTO.items()}


def fill_card_from_board_row(message: tracker_pb2.Application, row: Any) -> None:
    """Fill `message` (a board column's `cards.add()`) from one of the board's rows
    (TrackerRepository.board_rows): the very message `fill_application` makes of the row's Application
    with its notes, without building that Application and its JobSnapshot and Notes (a third of the
    tracker's conversion of a board). The board is what users load most after the inbox; every other
    reply goes through the domain objects. tests/integration/test_tracker.py holds every card of a board
    equal to GetApplication's."""
    job_id = row["job_id"]
    status = row["status"]
    message.id = str(row["id"])
    message.user_id = row["user_id"]
    message.job_id = job_id
    message.status = _STATUS_VALUE_TO_PROTO[status]
    message.version = row["version"]
    message.analysis_state = _ANALYSIS_STATE_VALUE_TO_PROTO[row["analysis_state"]]
    message.analysis_error = row["analysis_error"]
    message.rating = row["rating"]
    message.search_config_id = row["search_config_id"]
    message.company_id = str(row["company_id"])
    snapshot = message.job
    snapshot.SetInParent()
    snapshot.job_id = job_id
    snapshot.title = row["job_title"]
    snapshot.company = row["job_company"]
    snapshot.location = row["job_location"]
    snapshot.url = row["job_url"]
    snapshot.source = row["job_source"]
    if notes := row["card_notes"]:
        for note_id, body, created_at, updated_at in notes:
            note = message.notes.add(id=str(note_id), body=body)
            set_timestamp(note.created_at, created_at)
            set_timestamp(note.updated_at, updated_at)
    if moves := _ALLOWED_MOVES_VALUE_PROTO[status]:
        message.allowed_moves.extend(moves)
    set_timestamp(message.created_at, row["created_at"])
    set_timestamp(message.updated_at, row["updated_at"])
    if (last_activity_at := row["last_activity_at"]) is not None:
        set_timestamp(message.last_activity_at, last_activity_at)
    if (no_response_at := row["no_response_at"]) is not None:
        set_timestamp(message.no_response_at, no_response_at)
    if analysis := row["analysis"]:
        json_format.ParseDict(analysis, message.analysis, ignore_unknown_fields=True)
    elif (score := row["analysis_score"]) is not None:  # read without its analysis (GetBoard analysis_score_only)
        message.analysis.SetInParent()  # present even for a score of 0
        message.analysis.score = score
    if (follow_up_at := row["follow_up_at"]) is not None:
        set_timestamp(message.follow_up_at, follow_up_at)
    if (interview_at := row["interview_at"]) is not None:
        set_timestamp(message.interview_at, interview_at)


def board_from_rows(rows: Iterable[Any]) -> tracker_pb2.GetBoardResponse:
    """The board from its rows (TrackerRepository.board_rows, in column order): every column in board
    order, with its counts (carried by each of its rows) and its cards filled in place."""
    response = tracker_pb2.GetBoardResponse()
    columns = {status.value: response.columns.add(status=_STATUS_TO_PROTO[status]) for status in BOARD_ORDER}
    current = None
    for row in rows:
        status = row["status"]
        if status != current:
            current = status
            column = columns[status]
            column.count = row["column_count"]
            column.no_response_count = row["column_silent"]
            cards = column.cards
        fill_card_from_board_row(cards.add(), row)
    return response


def history_to_proto(entries: Iterable[HistoryEntry]) -> list[tracker_pb2.HistoryEntry]:
    return [tracker_pb2.HistoryEntry(
        from_status=status_to_proto(entry.from_status) if entry.from_status else 0,
        to_status=status_to_proto(entry.to_status), at=ts_to_proto(entry.at), by_user_id=entry.by_user_id,
        note=entry.note, correction=entry.correction, reopen=entry.reopen) for entry in entries]


def histories_to_proto(histories: Iterable[tuple[str, list[HistoryEntry]]]) -> list[tracker_pb2.ApplicationHistory]:
    return [tracker_pb2.ApplicationHistory(application_id=application_id, entries=history_to_proto(entries))
            for application_id, entries in histories]


def _conversions(stats: FunnelStats) -> list[tracker_pb2.StageConversion]:
    result = []
    for c in stats.conversions:
        item = tracker_pb2.StageConversion(from_status=status_to_proto(c.from_status),
                                           to_status=status_to_proto(c.to_status), rate=c.rate)
        if c.median_days is not None:
            item.median_days = c.median_days
        result.append(item)
    return result


def funnel_to_proto(report: FunnelReport) -> tracker_pb2.GetFunnelStatsResponse:
    response = tracker_pb2.GetFunnelStatsResponse(
        counts_by_status={s.value: n for s, n in report.overall.counts_by_status.items()},
        conversions=_conversions(report.overall), total=report.overall.total)
    for source, stats in report.by_source.items():
        response.by_source.append(tracker_pb2.SourceStats(
            source=source, counts_by_status={s.value: n for s, n in stats.counts_by_status.items()},
            total=stats.total, conversions=_conversions(stats)))
    for stage in report.time_in_stage:
        item = tracker_pb2.TimeInStage(status=status_to_proto(stage.status), completed=stage.completed,
                                       current=stage.current)
        if stage.median_days is not None:
            item.median_days = stage.median_days
        if stage.current_median_days is not None:
            item.current_median_days = stage.current_median_days
        response.time_in_stage.append(item)
    if report.response is not None:
        response.response.CopyFrom(tracker_pb2.ResponseStats(applied=report.response.applied,
                                                             responded=report.response.responded,
                                                             rate=report.response.rate))
        if report.response.median_days_to_response is not None:
            response.response.median_days_to_response = report.response.median_days_to_response
    response.no_response_count = report.no_response_count
    return response


# --- the CRM's responses ---------------------------------------------------------------------------
def company_to_proto(company: Company) -> tracker_pb2.Company:
    message = tracker_pb2.Company(
        id=company.id, name=company.name, website=company.website, careers_url=company.careers_url,
        board=company.board, board_token=company.board_token, notes=company.notes,
        created_at=ts_to_proto(company.created_at), updated_at=ts_to_proto(company.updated_at),
        application_count=company.application_count, open_application_count=company.open_application_count,
        no_response_count=company.no_response_count)
    if company.last_activity_at is not None:
        message.last_activity_at.CopyFrom(ts_to_proto(company.last_activity_at))
    return message


def contact_to_proto(contact: Contact) -> tracker_pb2.Contact:
    return tracker_pb2.Contact(id=contact.id, company_id=contact.company_id, name=contact.name, role=contact.role,
                               email=contact.email, phone=contact.phone, profile_url=contact.profile_url,
                               notes=contact.notes, created_at=ts_to_proto(contact.created_at),
                               updated_at=ts_to_proto(contact.updated_at))


def _offer_to_proto(offer: OfferDetails) -> tracker_pb2.OfferDetails:
    message = tracker_pb2.OfferDetails(bonus=offer.bonus, equity=offer.equity, benefits=offer.benefits)
    if offer.salary is not None:
        message.salary.CopyFrom(salary_to_proto(offer.salary))
    if offer.respond_by is not None:
        message.respond_by.CopyFrom(ts_to_proto(offer.respond_by))
    return message


def timeline_event_to_proto(event: TimelineEvent) -> tracker_pb2.TimelineEvent:
    message = tracker_pb2.TimelineEvent(
        id=event.id, application_id=event.application_id, company_id=event.company_id,
        kind=tracker_pb2.TimelineEventKind.Value("TIMELINE_EVENT_KIND_" + event.kind.value),
        origin=tracker_pb2.TimelineOrigin.Value("TIMELINE_ORIGIN_" + event.origin.value), editable=event.editable,
        title=event.title, body=event.body, occurred_at=ts_to_proto(event.occurred_at),
        recorded_at=ts_to_proto(event.recorded_at), updated_at=ts_to_proto(event.updated_at),
        contact_ids=event.contact_ids)
    details = event.details
    if isinstance(details, InterviewDetails):
        message.interview.CopyFrom(tracker_pb2.InterviewDetails(stage=details.stage, place=details.place,
                                                                link=details.link,
                                                                duration_minutes=details.duration_minutes))
    elif isinstance(details, AssessmentDetails):
        message.assessment.link = details.link
        if details.due_at is not None:
            message.assessment.due_at.CopyFrom(ts_to_proto(details.due_at))
    elif isinstance(details, OfferDetails):
        message.offer.CopyFrom(_offer_to_proto(details))
    elif isinstance(details, EmailDetails):
        message.email.CopyFrom(tracker_pb2.EmailDetails(subject=details.subject, address=details.address))
    elif isinstance(details, StatusChangeDetails):
        message.status_change.CopyFrom(tracker_pb2.StatusChangeDetails(
            from_status=status_to_proto(details.from_status) if details.from_status else 0,
            to_status=status_to_proto(details.to_status), correction=details.correction, reopen=details.reopen))
    elif isinstance(details, AnalysisDetails):
        message.analysis.CopyFrom(tracker_pb2.AnalysisDetails(ok=details.ok, score=details.score,
                                                              reason=details.reason))
    elif isinstance(details, FollowUpDetails):
        message.follow_up.CopyFrom(tracker_pb2.FollowUpDetails(fired=details.fired))
    elif isinstance(details, NoResponseDetails):
        message.no_response.CopyFrom(tracker_pb2.NoResponseDetails(
            status=status_to_proto(details.status), threshold_days=details.threshold_days,
            last_activity_at=ts_to_proto(details.last_activity_at)))
    elif isinstance(details, HhApplyDetails):
        message.hh_apply.CopyFrom(tracker_pb2.HhApplyDetails(
            apply_id=details.apply_id, outcome=details.outcome, reason=details.reason, vacancy_id=details.vacancy_id,
            resume_id=details.resume_id, negotiation_id=details.negotiation_id, automatic=details.automatic))
    return message


# --- applying on HH.ru ------------------------------------------------------------------------------
def hh_apply_to_proto(apply: HhApply) -> tracker_pb2.HhApply:
    return tracker_pb2.HhApply(
        id=apply.id, application_id=apply.application_id, vacancy_id=apply.vacancy_id, resume_id=apply.resume_id,
        message=apply.message, state=tracker_pb2.HhApplyState.Value("HH_APPLY_STATE_" + apply.state.value),
        reason=apply.reason, detail=apply.detail, negotiation_id=apply.negotiation_id, attempts=apply.attempts,
        not_before=ts_to_proto(apply.not_before), automatic=apply.automatic, created_at=ts_to_proto(apply.created_at),
        updated_at=ts_to_proto(apply.updated_at), search_config_id=apply.search_config_id, dry_run=apply.dry_run)


def auto_apply_switch_to_proto(stopped: bool, changed_at: datetime | None) -> tracker_pb2.AutoApplySwitch:
    message = tracker_pb2.AutoApplySwitch(stopped=stopped)
    if changed_at is not None:
        message.changed_at.CopyFrom(ts_to_proto(changed_at))
    return message


def hh_bucket_to_proto(bucket: BucketStatus) -> tracker_pb2.HhApplyBucket:
    message = tracker_pb2.HhApplyBucket(tokens=bucket.tokens, capacity=bucket.capacity,
                                        refill_per_hour=bucket.refill_per_hour, queued=bucket.queued)
    if bucket.next_token_at is not None:
        message.next_token_at.CopyFrom(ts_to_proto(bucket.next_token_at))
    return message


def hh_apply_changed_event(apply: HhApply, bucket: BucketStatus) -> events_pb2.Event:
    changed = events_pb2.HhApplyChanged(apply_id=apply.id, application_id=apply.application_id,
                                        state=apply.state.value, reason=apply.reason, detail=apply.detail,
                                        tokens_left=bucket.tokens)
    if bucket.next_token_at is not None:
        changed.next_token_at.CopyFrom(ts_to_proto(bucket.next_token_at))
    return messages.new_event(events_pb2.EVENT_TYPE_HH_APPLY_CHANGED, apply.user_id, hh_apply_changed=changed)


def salary_observation_to_proto(observation: SalaryObservation) -> tracker_pb2.SalaryObservation:
    return tracker_pb2.SalaryObservation(
        id=observation.id, application_id=observation.application_id,
        kind=tracker_pb2.SalaryKind.Value("SALARY_KIND_" + observation.kind.value),
        salary=salary_to_proto(observation.salary), note=observation.note,
        observed_at=ts_to_proto(observation.observed_at), event_id=observation.event_id,
        created_at=ts_to_proto(observation.created_at))


def offer_row_to_proto(row: OfferRow) -> tracker_pb2.OfferComparisonRow:
    message = tracker_pb2.OfferComparisonRow(application_id=row.application_id, company_id=row.company_id,
                                             company=row.company, title=row.title, status=status_to_proto(row.status))
    for name in ("offered", "asked", "advertised"):
        observation = getattr(row, name)
        if observation is not None:
            getattr(message, name).CopyFrom(salary_observation_to_proto(observation))
    if row.annual_min is not None:
        message.annual_min = row.annual_min
    if row.annual_max is not None:
        message.annual_max = row.annual_max
    if row.offer is not None:
        message.offer.CopyFrom(_offer_to_proto(row.offer))
    if row.offered_at is not None:
        message.offered_at.CopyFrom(ts_to_proto(row.offered_at))
    return message


def threshold_to_proto(threshold: SilenceThreshold) -> tracker_pb2.SilenceThreshold:
    return tracker_pb2.SilenceThreshold(status=status_to_proto(threshold.status), days=threshold.days,
                                        is_default=threshold.is_default)


def exported_file_to_proto(file: ExportedFile) -> tracker_pb2.ExportedFile:
    return tracker_pb2.ExportedFile(name=file.name, content_type=file.content_type, content=file.content)


def import_report_to_proto(report: ImportReport) -> tracker_pb2.ImportReport:
    return tracker_pb2.ImportReport(
        dry_run=report.dry_run, records=report.records, applications=report.applications,
        companies=report.companies, contacts=report.contacts, events=report.events, notes=report.notes,
        salaries=report.salaries, already_present=report.already_present, skipped=report.skipped,
        issues=[tracker_pb2.ImportIssue(row=i.row, entity=i.entity, ref=i.ref, reason=i.reason, skipped=i.skipped)
                for i in report.issues])


# --- the outbox's messages -------------------------------------------------------------------------
def analyze_job_command(*, command_id: str, user_id: str, application_id: str, job_id: str,
                        search_config_id: str) -> events_pb2.Command:
    command = messages.new_command(
        events_pb2.COMMAND_TYPE_ANALYZE_JOB, user_id,
        analyze_job=events_pb2.AnalyzeJob(application_id=application_id, job_id=job_id,
                                          search_config_id=search_config_id))
    command.id = command_id
    return command


def is_analyze_job(command: events_pb2.Command) -> bool:
    return command.type == events_pb2.COMMAND_TYPE_ANALYZE_JOB


def analyze_job_application(command: events_pb2.Command) -> uuid.UUID | None:
    """The application a CMD_ANALYZE_JOB is for; None when its id is not a UUID (not one of ours)."""
    try:
        return uuid.UUID(command.analyze_job.application_id)
    except ValueError:
        return None


def archive_searches_command(application: Application) -> events_pb2.Command:
    """Durable: the outbox calls profile's ArchiveSearchConfigs until it succeeds or gives up."""
    return messages.new_command(
        events_pb2.COMMAND_TYPE_ARCHIVE_SEARCH_CONFIGS, application.user_id,
        archive_search_configs=events_pb2.ArchiveSearchConfigs(
            reason=f"hired: {application.job.title} at {application.job.company}".strip()))


def card_moved_event(application: Application, move: Move) -> events_pb2.Event:
    return messages.new_event(
        events_pb2.EVENT_TYPE_CARD_MOVED, application.user_id,
        card_moved=events_pb2.CardMoved(application_id=application.id, from_status=move.from_status,
                                        to_status=move.to_status, version=application.version,
                                        correction=move.correction))


def follow_up_due_event(application: Application) -> events_pb2.Event:
    assert application.follow_up_at is not None
    event = messages.new_event(
        events_pb2.EVENT_TYPE_FOLLOW_UP_DUE, application.user_id,
        follow_up_due=events_pb2.FollowUpDue(application_id=application.id, title=application.job.title,
                                             company=application.job.company))
    event.follow_up_due.due_at.FromDatetime(application.follow_up_at)
    return event


def analysis_done_event(application: Application, command_id: str, *, ok: bool, reason: str) -> events_pb2.Event:
    return messages.new_event(
        events_pb2.EVENT_TYPE_ANALYSIS_DONE, application.user_id,
        analysis_done=events_pb2.AnalysisDone(
            application_id=application.id, job_id=application.job.job_id, ok=ok,
            score=(application.analysis_score or 0) if ok else 0, reason=reason, command_id=command_id,
            title=application.job.title, company=application.job.company))


def command_failed_event(command: events_pb2.Command, reason: str) -> events_pb2.Event:
    return messages.new_event(
        events_pb2.EVENT_TYPE_COMMAND_FAILED, command.user_id,
        command_failed=events_pb2.CommandFailed(command_id=command.id, command_type=command.type,
                                                reason=reason, attempts=command.attempt))


_CHANGES = {Change.CREATED: events_pb2.CHANGE_CREATED, Change.UPDATED: events_pb2.CHANGE_UPDATED,
            Change.DELETED: events_pb2.CHANGE_DELETED}


def company_changed_event(user_id: str, company_id: str, name: str, change: Change, *,
                          application_id: str = "") -> events_pb2.Event:
    return messages.new_event(
        events_pb2.EVENT_TYPE_COMPANY_CHANGED, user_id,
        company_changed=events_pb2.CompanyChanged(company_id=company_id, change=_CHANGES[change], name=name,
                                                  application_id=application_id))


def timeline_event_changed_event(user_id: str, event: TimelineEvent, change: Change, *,
                                 no_response_cleared: bool = False) -> events_pb2.Event:
    message = messages.new_event(
        events_pb2.EVENT_TYPE_TIMELINE_EVENT_CHANGED, user_id,
        timeline_event_changed=events_pb2.TimelineEventChanged(
            event_id=event.id, change=_CHANGES[change], application_id=event.application_id,
            company_id=event.company_id, kind=event.kind.value, no_response_cleared=no_response_cleared))
    message.timeline_event_changed.occurred_at.FromDatetime(event.occurred_at)
    return message


def contact_changed_event(user_id: str, contact: Contact, change: Change) -> events_pb2.Event:
    return messages.new_event(
        events_pb2.EVENT_TYPE_CONTACT_CHANGED, user_id,
        contact_changed=events_pb2.ContactChanged(contact_id=contact.id, change=_CHANGES[change],
                                                  company_id=contact.company_id, name=contact.name))


def salary_changed_event(user_id: str, observation: SalaryObservation, change: Change) -> events_pb2.Event:
    return messages.new_event(
        events_pb2.EVENT_TYPE_SALARY_OBSERVATION_CHANGED, user_id,
        salary_observation_changed=events_pb2.SalaryObservationChanged(
            observation_id=observation.id, change=_CHANGES[change], application_id=observation.application_id,
            kind=observation.kind.value))


def no_response_event(application: Application, threshold_days: int) -> events_pb2.Event:
    assert application.last_activity_at is not None
    event = messages.new_event(
        events_pb2.EVENT_TYPE_NO_RESPONSE, application.user_id,
        no_response=events_pb2.NoResponse(application_id=application.id, company_id=application.company_id,
                                          title=application.job.title, company=application.job.company,
                                          status=application.status.value, threshold_days=threshold_days))
    event.no_response.last_activity_at.FromDatetime(application.last_activity_at)
    return event


def data_imported_event(user_id: str, data_format: DataFormat, report: ImportReport) -> events_pb2.Event:
    return messages.new_event(
        events_pb2.EVENT_TYPE_DATA_IMPORTED, user_id,
        data_imported=events_pb2.DataImported(format=data_format.value, applications=report.applications,
                                              companies=report.companies, contacts=report.contacts,
                                              events=report.events, skipped=report.skipped))
