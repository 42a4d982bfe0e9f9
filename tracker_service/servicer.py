"""gRPC edge of tracker_service: requests in, domain calls, responses out.

Identity comes only from the verified token (`current_identity`); domain errors raised below become
status codes in common.grpc_server. Conversions between protobuf and domain objects live here.
"""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
from google.protobuf import json_format, timestamp_pb2

from common.auth import caller_user_id, caller_user_id_or_none
from common.errors import InvalidArgument
from jobmate.common.v1 import common_pb2
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc
from tracker_service import repository as domain
from tracker_service.funnel import FunnelStats
from tracker_service.ics import build_calendar
from tracker_service.tracker import Tracker
from tracker_service.transitions import BOARD_ORDER, Status, allowed_moves

_STATUS_PREFIX = "APPLICATION_STATUS_"


# --- conversions -----------------------------------------------------------------------------------
def status_to_proto(status: Status) -> int:
    return tracker_pb2.ApplicationStatus.Value(_STATUS_PREFIX + status.value)


def status_from_proto(value: int, *, field: str = "to_status") -> Status:
    if value == tracker_pb2.APPLICATION_STATUS_UNSPECIFIED or value not in tracker_pb2.ApplicationStatus.values():
        raise InvalidArgument(f"{field} must be one of {', '.join(BOARD_ORDER)}")
    return Status(tracker_pb2.ApplicationStatus.Name(value).removeprefix(_STATUS_PREFIX))


def _ts(value: datetime) -> timestamp_pb2.Timestamp:
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(value)
    return ts


def _from_ts(value: timestamp_pb2.Timestamp) -> datetime:
    return value.ToDatetime(tzinfo=UTC)


def note_to_proto(note: domain.Note) -> tracker_pb2.Note:
    return tracker_pb2.Note(id=note.id, body=note.body, created_at=_ts(note.created_at),
                            updated_at=_ts(note.updated_at))


def application_to_proto(application: domain.Application) -> tracker_pb2.Application:
    job = application.job
    message = tracker_pb2.Application(
        id=application.id, user_id=application.user_id, job_id=job.job_id,
        job=tracker_pb2.JobSnapshot(job_id=job.job_id, title=job.title, company=job.company, location=job.location,
                                    url=job.url, source=job.source),
        status=status_to_proto(application.status), version=application.version,
        analysis_state=tracker_pb2.AnalysisState.Value(f"ANALYSIS_STATE_{application.analysis_state.value}"),
        analysis_error=application.analysis_error, rating=application.rating,
        notes=[note_to_proto(n) for n in application.notes], created_at=_ts(application.created_at),
        updated_at=_ts(application.updated_at), search_config_id=application.search_config_id,
        allowed_moves=[status_to_proto(s) for s in allowed_moves(application.status)])
    if application.analysis:
        json_format.ParseDict(application.analysis, message.analysis, ignore_unknown_fields=True)
    if application.follow_up_at is not None:
        message.follow_up_at.CopyFrom(_ts(application.follow_up_at))
    if application.interview_at is not None:
        message.interview_at.CopyFrom(_ts(application.interview_at))
    return message


def _history_to_proto(entry: domain.HistoryEntry) -> tracker_pb2.HistoryEntry:
    return tracker_pb2.HistoryEntry(
        from_status=status_to_proto(entry.from_status) if entry.from_status else 0,
        to_status=status_to_proto(entry.to_status), at=_ts(entry.at), by_user_id=entry.by_user_id, note=entry.note,
        correction=entry.correction, reopen=entry.reopen)


def _conversions(stats: FunnelStats) -> list[tracker_pb2.StageConversion]:
    result = []
    for c in stats.conversions:
        item = tracker_pb2.StageConversion(from_status=status_to_proto(c.from_status),
                                           to_status=status_to_proto(c.to_status), rate=c.rate)
        if c.median_days is not None:
            item.median_days = c.median_days
        result.append(item)
    return result


_SORTS = {
    tracker_pb2.APPLICATION_SORT_UNSPECIFIED: domain.Sort.UPDATED_DESC,
    tracker_pb2.APPLICATION_SORT_UPDATED_DESC: domain.Sort.UPDATED_DESC,
    tracker_pb2.APPLICATION_SORT_CREATED_DESC: domain.Sort.CREATED_DESC,
    tracker_pb2.APPLICATION_SORT_SCORE_DESC: domain.Sort.SCORE_DESC,
    tracker_pb2.APPLICATION_SORT_FOLLOW_UP_ASC: domain.Sort.FOLLOW_UP_ASC,
}


def _analysis_dict(analysis: tracker_pb2.Analysis) -> dict:
    if not 0 <= analysis.score <= 100:
        raise InvalidArgument("analysis.score must be between 0 and 100")
    stored = tracker_pb2.Analysis()
    stored.CopyFrom(analysis)
    if not stored.HasField("created_at"):
        stored.created_at.FromDatetime(datetime.now(UTC))
    return json_format.MessageToDict(stored, always_print_fields_with_no_presence=True)


# --- the servicer ----------------------------------------------------------------------------------
class TrackerServicer(tracker_pb2_grpc.TrackerServiceServicer):
    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker

    async def CreateApplication(self, request: tracker_pb2.CreateApplicationRequest,
                                context: grpc.aio.ServicerContext) -> tracker_pb2.CreateApplicationResponse:
        result = await self.tracker.create_application(user_id=caller_user_id(), job_id=request.job_id,
                                                       search_config_id=request.search_config_id.strip())
        return tracker_pb2.CreateApplicationResponse(application=application_to_proto(result.application),
                                                     created=result.created)

    async def GetApplication(self, request: tracker_pb2.GetApplicationRequest,
                             context: grpc.aio.ServicerContext) -> tracker_pb2.GetApplicationResponse:
        application = await self.tracker.get_application(application_id=request.id, user_id=caller_user_id_or_none())
        return tracker_pb2.GetApplicationResponse(application=application_to_proto(application))

    async def BatchGetApplications(self, request: tracker_pb2.BatchGetApplicationsRequest,
                                   context: grpc.aio.ServicerContext) -> tracker_pb2.BatchGetApplicationsResponse:
        applications = await self.tracker.batch_get(ids=list(request.ids), user_id=caller_user_id_or_none())
        return tracker_pb2.BatchGetApplicationsResponse(applications=[application_to_proto(a) for a in applications])

    async def ListApplications(self, request: tracker_pb2.ListApplicationsRequest,
                               context: grpc.aio.ServicerContext) -> tracker_pb2.ListApplicationsResponse:
        if request.sort not in _SORTS:
            raise InvalidArgument("sort is not a known ApplicationSort")
        statuses = [status_from_proto(s, field="statuses") for s in request.statuses]
        result = await self.tracker.list_applications(user_id=caller_user_id(), statuses=statuses,
                                                      sort=_SORTS[request.sort], size=request.page.page_size,
                                                      token=request.page.page_token)
        return tracker_pb2.ListApplicationsResponse(
            applications=[application_to_proto(a) for a in result.applications],
            page_info=common_pb2.PageInfo(next_page_token=result.next_page_token,
                                          has_more=bool(result.next_page_token), total_count=result.total))

    async def GetBoard(self, request: tracker_pb2.GetBoardRequest,
                       context: grpc.aio.ServicerContext) -> tracker_pb2.GetBoardResponse:
        columns = await self.tracker.board(user_id=caller_user_id(), cards_per_column=request.cards_per_column)
        return tracker_pb2.GetBoardResponse(columns=[
            tracker_pb2.BoardColumn(status=status_to_proto(c.status), count=c.count,
                                    cards=[application_to_proto(a) for a in c.cards]) for c in columns])

    async def DeleteApplication(self, request: tracker_pb2.DeleteApplicationRequest,
                                context: grpc.aio.ServicerContext) -> tracker_pb2.DeleteApplicationResponse:
        await self.tracker.delete_application(application_id=request.id, user_id=caller_user_id())
        return tracker_pb2.DeleteApplicationResponse()

    async def MoveCard(self, request: tracker_pb2.MoveCardRequest,
                       context: grpc.aio.ServicerContext) -> tracker_pb2.MoveCardResponse:
        application = await self.tracker.move_card(
            application_id=request.id, user_id=caller_user_id(), to_status=status_from_proto(request.to_status),
            expected_version=request.expected_version if request.HasField("expected_version") else None,
            note=request.note)
        return tracker_pb2.MoveCardResponse(application=application_to_proto(application))

    async def ReopenApplication(self, request: tracker_pb2.ReopenApplicationRequest,
                                context: grpc.aio.ServicerContext) -> tracker_pb2.ReopenApplicationResponse:
        application = await self.tracker.reopen(
            application_id=request.id, user_id=caller_user_id(), to_status=status_from_proto(request.to_status),
            expected_version=request.expected_version if request.HasField("expected_version") else None,
            note=request.note)
        return tracker_pb2.ReopenApplicationResponse(application=application_to_proto(application))

    async def GetHistory(self, request: tracker_pb2.GetHistoryRequest,
                         context: grpc.aio.ServicerContext) -> tracker_pb2.GetHistoryResponse:
        entries = await self.tracker.history(application_id=request.id, user_id=caller_user_id())
        return tracker_pb2.GetHistoryResponse(entries=[_history_to_proto(e) for e in entries])

    async def AddNote(self, request: tracker_pb2.AddNoteRequest,
                      context: grpc.aio.ServicerContext) -> tracker_pb2.AddNoteResponse:
        note = await self.tracker.add_note(application_id=request.application_id, user_id=caller_user_id(),
                                           body=request.body)
        return tracker_pb2.AddNoteResponse(note=note_to_proto(note))

    async def EditNote(self, request: tracker_pb2.EditNoteRequest,
                       context: grpc.aio.ServicerContext) -> tracker_pb2.EditNoteResponse:
        note = await self.tracker.edit_note(application_id=request.application_id, note_id=request.note_id,
                                            user_id=caller_user_id(), body=request.body)
        return tracker_pb2.EditNoteResponse(note=note_to_proto(note))

    async def DeleteNote(self, request: tracker_pb2.DeleteNoteRequest,
                         context: grpc.aio.ServicerContext) -> tracker_pb2.DeleteNoteResponse:
        await self.tracker.delete_note(application_id=request.application_id, note_id=request.note_id,
                                       user_id=caller_user_id())
        return tracker_pb2.DeleteNoteResponse()

    async def RateApplication(self, request: tracker_pb2.RateApplicationRequest,
                              context: grpc.aio.ServicerContext) -> tracker_pb2.RateApplicationResponse:
        application = await self.tracker.rate(application_id=request.id, user_id=caller_user_id(), rating=request.rating)
        return tracker_pb2.RateApplicationResponse(application=application_to_proto(application))

    async def SetFollowUp(self, request: tracker_pb2.SetFollowUpRequest,
                          context: grpc.aio.ServicerContext) -> tracker_pb2.SetFollowUpResponse:
        application = await self.tracker.set_dates(
            application_id=request.id, user_id=caller_user_id(),
            follow_up_at=_from_ts(request.follow_up_at) if request.HasField("follow_up_at") else None,
            interview_at=_from_ts(request.interview_at) if request.HasField("interview_at") else None)
        return tracker_pb2.SetFollowUpResponse(application=application_to_proto(application))

    async def ExportCalendar(self, request: tracker_pb2.ExportCalendarRequest,
                             context: grpc.aio.ServicerContext) -> tracker_pb2.ExportCalendarResponse:
        applications = await self.tracker.calendar_entries(user_id=caller_user_id())
        return tracker_pb2.ExportCalendarResponse(ics=build_calendar(applications))

    async def GetCalendarFeed(self, request: tracker_pb2.GetCalendarFeedRequest,
                              context: grpc.aio.ServicerContext) -> tracker_pb2.GetCalendarFeedResponse:
        feed = await self.tracker.get_calendar_feed(user_id=caller_user_id())
        return tracker_pb2.GetCalendarFeedResponse(feed_token=feed.token or "", created=feed.created,
                                                   created_at=_ts(feed.created_at))

    async def RotateCalendarFeed(self, request: tracker_pb2.RotateCalendarFeedRequest,
                                 context: grpc.aio.ServicerContext) -> tracker_pb2.RotateCalendarFeedResponse:
        feed = await self.tracker.rotate_calendar_feed(user_id=caller_user_id())
        return tracker_pb2.RotateCalendarFeedResponse(feed_token=feed.token or "", created_at=_ts(feed.created_at))

    async def ExportCalendarByFeedToken(self, request: tracker_pb2.ExportCalendarByFeedTokenRequest,
                                        context: grpc.aio.ServicerContext
                                        ) -> tracker_pb2.ExportCalendarByFeedTokenResponse:
        applications = await self.tracker.calendar_entries_by_feed_token(feed_token=request.feed_token.strip())
        return tracker_pb2.ExportCalendarByFeedTokenResponse(ics=build_calendar(applications))

    async def RecordAnalysis(self, request: tracker_pb2.RecordAnalysisRequest,
                             context: grpc.aio.ServicerContext) -> tracker_pb2.RecordAnalysisResponse:
        if not request.HasField("analysis"):
            raise InvalidArgument("analysis is required")
        already = await self.tracker.record_analysis(
            command_id=request.command_id, application_id=request.application_id,
            analysis=_analysis_dict(request.analysis), ok=True, reason="")
        return tracker_pb2.RecordAnalysisResponse(already_recorded=already)

    async def RecordAnalysisFailure(self, request: tracker_pb2.RecordAnalysisFailureRequest,
                                    context: grpc.aio.ServicerContext) -> tracker_pb2.RecordAnalysisFailureResponse:
        already = await self.tracker.record_analysis(
            command_id=request.command_id, application_id=request.application_id, analysis=None, ok=False,
            reason=request.reason.strip())
        return tracker_pb2.RecordAnalysisFailureResponse(already_recorded=already)

    async def MarkAnalysisRunning(self, request: tracker_pb2.MarkAnalysisRunningRequest,
                                  context: grpc.aio.ServicerContext) -> tracker_pb2.MarkAnalysisRunningResponse:
        current = await self.tracker.mark_analysis_running(command_id=request.command_id,
                                                           application_id=request.application_id)
        return tracker_pb2.MarkAnalysisRunningResponse(current=current)

    async def Reanalyze(self, request: tracker_pb2.ReanalyzeRequest,
                        context: grpc.aio.ServicerContext) -> tracker_pb2.ReanalyzeResponse:
        application = await self.tracker.reanalyze(application_id=request.id, user_id=caller_user_id())
        return tracker_pb2.ReanalyzeResponse(application=application_to_proto(application))

    async def GetFunnelStats(self, request: tracker_pb2.GetFunnelStatsRequest,
                             context: grpc.aio.ServicerContext) -> tracker_pb2.GetFunnelStatsResponse:
        report = await self.tracker.funnel(user_id=caller_user_id())
        response = tracker_pb2.GetFunnelStatsResponse(
            counts_by_status={s.value: n for s, n in report.overall.counts_by_status.items()},
            conversions=_conversions(report.overall), total=report.overall.total)
        for source, stats in report.by_source.items():
            response.by_source.append(tracker_pb2.SourceStats(
                source=source, counts_by_status={s.value: n for s, n in stats.counts_by_status.items()},
                total=stats.total, conversions=_conversions(stats)))
        return response
