"""Protobuf ⇄ domain for tracker_service: the one module that knows both.

- requests' values → domain values (statuses, sorts, timestamps, the SetFollowUp mask, a reported
  analysis), refusing what is malformed with InvalidArgument;
- domain objects → `jobmate.tracker.v1` messages, for the servicer's responses;
- a discovery posting → the card's JobSnapshot (downstream.py);
- the outbox's messages (`jobmate.events.v1`): CMD_ANALYZE_JOB, CMD_ARCHIVE_SEARCH_CONFIGS and the
  events CARD_MOVED, ANALYSIS_DONE, FOLLOW_UP_DUE and COMMAND_FAILED.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from google.protobuf import json_format, timestamp_pb2
from google.protobuf.field_mask_pb2 import FieldMask

from common import messages
from common.errors import InvalidArgument
from jobmate.discovery.v1 import discovery_pb2
from jobmate.events.v1 import events_pb2
from jobmate.tracker.v1 import tracker_pb2
from tracker_service.domain import (
    Application,
    BoardColumn,
    CardDate,
    FunnelReport,
    FunnelStats,
    HistoryEntry,
    JobSnapshot,
    Move,
    Note,
    Sort,
    Status,
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
def status_to_proto(status: Status) -> int:
    return tracker_pb2.ApplicationStatus.Value(_STATUS_PREFIX + status.value)


def status_from_proto(value: int, *, field: str = "to_status") -> Status:
    if value == tracker_pb2.APPLICATION_STATUS_UNSPECIFIED or value not in tracker_pb2.ApplicationStatus.values():
        raise InvalidArgument(f"{field} must be one of {', '.join(BOARD_ORDER)}")
    return Status(tracker_pb2.ApplicationStatus.Name(value).removeprefix(_STATUS_PREFIX))


def sort_from_proto(value: int) -> Sort:
    if value not in _SORTS:
        raise InvalidArgument("sort is not a known ApplicationSort")
    return _SORTS[value]


def ts_to_proto(value: datetime) -> timestamp_pb2.Timestamp:
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(value)
    return ts


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
    """What the board keeps of a discovery posting."""
    return JobSnapshot(job_id=job.id or job_id, title=job.title, company=job.company,
                       location=", ".join(loc for loc in job.locations if loc), url=job.url, source=job.source,
                       search_config_id=job.search_config_id)


# --- domain → response messages --------------------------------------------------------------------
def note_to_proto(note: Note) -> tracker_pb2.Note:
    return tracker_pb2.Note(id=note.id, body=note.body, created_at=ts_to_proto(note.created_at),
                            updated_at=ts_to_proto(note.updated_at))


def application_to_proto(application: Application) -> tracker_pb2.Application:
    job = application.job
    message = tracker_pb2.Application(
        id=application.id, user_id=application.user_id, job_id=job.job_id,
        job=tracker_pb2.JobSnapshot(job_id=job.job_id, title=job.title, company=job.company, location=job.location,
                                    url=job.url, source=job.source),
        status=status_to_proto(application.status), version=application.version,
        analysis_state=tracker_pb2.AnalysisState.Value(f"ANALYSIS_STATE_{application.analysis_state.value}"),
        analysis_error=application.analysis_error, rating=application.rating,
        notes=[note_to_proto(n) for n in application.notes], created_at=ts_to_proto(application.created_at),
        updated_at=ts_to_proto(application.updated_at), search_config_id=application.search_config_id,
        allowed_moves=[status_to_proto(s) for s in allowed_moves(application.status)])
    if application.analysis:
        json_format.ParseDict(application.analysis, message.analysis, ignore_unknown_fields=True)
    if application.follow_up_at is not None:
        message.follow_up_at.CopyFrom(ts_to_proto(application.follow_up_at))
    if application.interview_at is not None:
        message.interview_at.CopyFrom(ts_to_proto(application.interview_at))
    return message


def board_to_proto(columns: Iterable[BoardColumn]) -> tracker_pb2.GetBoardResponse:
    return tracker_pb2.GetBoardResponse(columns=[
        tracker_pb2.BoardColumn(status=status_to_proto(c.status), count=c.count,
                                cards=[application_to_proto(a) for a in c.cards]) for c in columns])


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
    return response


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
            score=(application.analysis_score or 0) if ok else 0, reason=reason, command_id=command_id))


def command_failed_event(command: events_pb2.Command, reason: str) -> events_pb2.Event:
    return messages.new_event(
        events_pb2.EVENT_TYPE_COMMAND_FAILED, command.user_id,
        command_failed=events_pb2.CommandFailed(command_id=command.id, command_type=command.type,
                                                reason=reason, attempts=command.attempt))
