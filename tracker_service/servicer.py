"""gRPC edge of tracker_service: requests in, domain calls, responses out.

Identity comes only from the verified token (`caller_user_id`); messages become domain values and back
through convert.py; domain errors raised below become status codes in common.grpc_server.
"""

from __future__ import annotations

import grpc

from common.auth import caller_user_id, caller_user_id_or_none
from common.errors import InvalidArgument
from jobmate.common.v1 import common_pb2
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc
from tracker_service.calendar import build_calendar
from tracker_service.convert import (
    analysis_to_document,
    application_to_proto,
    board_to_proto,
    card_dates_from_mask,
    funnel_to_proto,
    histories_to_proto,
    history_to_proto,
    note_to_proto,
    sort_from_proto,
    status_from_proto,
    ts_from_proto,
    ts_to_proto,
)
from tracker_service.tracker import Tracker


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
        statuses = [status_from_proto(s, field="statuses") for s in request.statuses]
        result = await self.tracker.list_applications(user_id=caller_user_id(), statuses=statuses,
                                                      sort=sort_from_proto(request.sort), size=request.page.page_size,
                                                      token=request.page.page_token)
        return tracker_pb2.ListApplicationsResponse(
            applications=[application_to_proto(a) for a in result.applications],
            page_info=common_pb2.PageInfo(next_page_token=result.next_page_token,
                                          has_more=bool(result.next_page_token), total_count=result.total))

    async def GetBoard(self, request: tracker_pb2.GetBoardRequest,
                       context: grpc.aio.ServicerContext) -> tracker_pb2.GetBoardResponse:
        columns = await self.tracker.board(user_id=caller_user_id(), cards_per_column=request.cards_per_column)
        return board_to_proto(columns)

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
        return tracker_pb2.GetHistoryResponse(entries=history_to_proto(entries))

    async def BatchGetHistory(self, request: tracker_pb2.BatchGetHistoryRequest,
                              context: grpc.aio.ServicerContext) -> tracker_pb2.BatchGetHistoryResponse:
        histories = await self.tracker.batch_history(ids=list(request.ids), user_id=caller_user_id())
        return tracker_pb2.BatchGetHistoryResponse(histories=histories_to_proto(histories))

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
            application_id=request.id, user_id=caller_user_id(), changing=card_dates_from_mask(request.update_mask),
            follow_up_at=ts_from_proto(request.follow_up_at) if request.HasField("follow_up_at") else None,
            interview_at=ts_from_proto(request.interview_at) if request.HasField("interview_at") else None)
        return tracker_pb2.SetFollowUpResponse(application=application_to_proto(application))

    async def ExportCalendar(self, request: tracker_pb2.ExportCalendarRequest,
                             context: grpc.aio.ServicerContext) -> tracker_pb2.ExportCalendarResponse:
        applications = await self.tracker.calendar_entries(user_id=caller_user_id())
        return tracker_pb2.ExportCalendarResponse(ics=build_calendar(applications))

    async def GetCalendarFeed(self, request: tracker_pb2.GetCalendarFeedRequest,
                              context: grpc.aio.ServicerContext) -> tracker_pb2.GetCalendarFeedResponse:
        feed = await self.tracker.get_calendar_feed(user_id=caller_user_id())
        return tracker_pb2.GetCalendarFeedResponse(feed_token=feed.token or "", created=feed.created,
                                                   created_at=ts_to_proto(feed.created_at))

    async def RotateCalendarFeed(self, request: tracker_pb2.RotateCalendarFeedRequest,
                                 context: grpc.aio.ServicerContext) -> tracker_pb2.RotateCalendarFeedResponse:
        feed = await self.tracker.rotate_calendar_feed(user_id=caller_user_id())
        return tracker_pb2.RotateCalendarFeedResponse(feed_token=feed.token or "", created_at=ts_to_proto(feed.created_at))

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
            analysis=analysis_to_document(request.analysis), ok=True, reason="")
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
        return funnel_to_proto(await self.tracker.funnel(user_id=caller_user_id()))
