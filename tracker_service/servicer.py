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
from tracker_service import convert
from tracker_service.auto_apply import AutoApply
from tracker_service.calendar import build_calendar
from tracker_service.convert import (
    analysis_to_document,
    application_to_proto,
    board_from_rows,
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
from tracker_service.crm import Crm
from tracker_service.hh_apply import HhApplies
from tracker_service.tracker import Tracker


def _page_info(next_token: str, total: int) -> common_pb2.PageInfo:
    return common_pb2.PageInfo(next_page_token=next_token, has_more=bool(next_token), total_count=total)


class TrackerServicer(tracker_pb2_grpc.TrackerServiceServicer):
    def __init__(self, tracker: Tracker, crm: Crm, hh: HhApplies, auto: AutoApply) -> None:
        self.tracker = tracker
        self.crm = crm
        self.hh = hh
        self.auto = auto

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
                                                      token=request.page.page_token,
                                                      company_id=request.company_id.strip())
        return tracker_pb2.ListApplicationsResponse(
            applications=[application_to_proto(a) for a in result.applications],
            page_info=common_pb2.PageInfo(next_page_token=result.next_page_token,
                                          has_more=bool(result.next_page_token), total_count=result.total))

    async def GetBoard(self, request: tracker_pb2.GetBoardRequest,
                       context: grpc.aio.ServicerContext) -> tracker_pb2.GetBoardResponse:
        rows = await self.tracker.board_rows(user_id=caller_user_id(), cards_per_column=request.cards_per_column,
                                             analyses=not request.analysis_score_only)
        return board_from_rows(rows)  # rows straight onto the wire: no Application per card

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
        entries = await self.tracker.calendar_entries(user_id=caller_user_id())
        return tracker_pb2.ExportCalendarResponse(ics=build_calendar(entries))

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
        entries = await self.tracker.calendar_entries_by_feed_token(feed_token=request.feed_token.strip())
        return tracker_pb2.ExportCalendarByFeedTokenResponse(ics=build_calendar(entries))

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

    # --- the CRM (issue 18) -------------------------------------------------------------------------
    async def CreateCompany(self, request: tracker_pb2.CreateCompanyRequest,
                            context: grpc.aio.ServicerContext) -> tracker_pb2.CreateCompanyResponse:
        company = await self.crm.create_company(user_id=caller_user_id(), fields={
            name: getattr(request, name) for name in convert.COMPANY_FIELDS})
        return tracker_pb2.CreateCompanyResponse(company=convert.company_to_proto(company))

    async def GetCompany(self, request: tracker_pb2.GetCompanyRequest,
                         context: grpc.aio.ServicerContext) -> tracker_pb2.GetCompanyResponse:
        company = await self.crm.get_company(user_id=caller_user_id(), company_id=request.id)
        return tracker_pb2.GetCompanyResponse(company=convert.company_to_proto(company))

    async def BatchGetCompanies(self, request: tracker_pb2.BatchGetCompaniesRequest,
                                context: grpc.aio.ServicerContext) -> tracker_pb2.BatchGetCompaniesResponse:
        companies = await self.crm.batch_get_companies(user_id=caller_user_id(), ids=list(request.ids))
        return tracker_pb2.BatchGetCompaniesResponse(companies=[convert.company_to_proto(c) for c in companies])

    async def ListCompanies(self, request: tracker_pb2.ListCompaniesRequest,
                            context: grpc.aio.ServicerContext) -> tracker_pb2.ListCompaniesResponse:
        companies, next_token, total = await self.crm.list_companies(
            user_id=caller_user_id(), sort=convert.company_sort_from_proto(request.sort),
            size=request.page.page_size, token=request.page.page_token)
        return tracker_pb2.ListCompaniesResponse(companies=[convert.company_to_proto(c) for c in companies],
                                                 page_info=_page_info(next_token, total))

    async def UpdateCompany(self, request: tracker_pb2.UpdateCompanyRequest,
                            context: grpc.aio.ServicerContext) -> tracker_pb2.UpdateCompanyResponse:
        company = await self.crm.update_company(user_id=caller_user_id(), company_id=request.id,
                                                changes=convert.company_changes(request))
        return tracker_pb2.UpdateCompanyResponse(company=convert.company_to_proto(company))

    async def DeleteCompany(self, request: tracker_pb2.DeleteCompanyRequest,
                            context: grpc.aio.ServicerContext) -> tracker_pb2.DeleteCompanyResponse:
        await self.crm.delete_company(user_id=caller_user_id(), company_id=request.id)
        return tracker_pb2.DeleteCompanyResponse()

    async def SetApplicationCompany(self, request: tracker_pb2.SetApplicationCompanyRequest,
                                    context: grpc.aio.ServicerContext) -> tracker_pb2.SetApplicationCompanyResponse:
        application = await self.crm.set_application_company(user_id=caller_user_id(),
                                                             application_id=request.application_id,
                                                             company_id=request.company_id)
        return tracker_pb2.SetApplicationCompanyResponse(application=application_to_proto(application))

    async def CreateContact(self, request: tracker_pb2.CreateContactRequest,
                            context: grpc.aio.ServicerContext) -> tracker_pb2.CreateContactResponse:
        contact = await self.crm.create_contact(user_id=caller_user_id(), company_id=request.company_id, fields={
            name: getattr(request, name) for name in convert.CONTACT_FIELDS if name != "company_id"})
        return tracker_pb2.CreateContactResponse(contact=convert.contact_to_proto(contact))

    async def UpdateContact(self, request: tracker_pb2.UpdateContactRequest,
                            context: grpc.aio.ServicerContext) -> tracker_pb2.UpdateContactResponse:
        contact = await self.crm.update_contact(user_id=caller_user_id(), contact_id=request.id,
                                                changes=convert.contact_changes(request))
        return tracker_pb2.UpdateContactResponse(contact=convert.contact_to_proto(contact))

    async def DeleteContact(self, request: tracker_pb2.DeleteContactRequest,
                            context: grpc.aio.ServicerContext) -> tracker_pb2.DeleteContactResponse:
        await self.crm.delete_contact(user_id=caller_user_id(), contact_id=request.id)
        return tracker_pb2.DeleteContactResponse()

    async def ListContacts(self, request: tracker_pb2.ListContactsRequest,
                           context: grpc.aio.ServicerContext) -> tracker_pb2.ListContactsResponse:
        contacts, next_token, total = await self.crm.list_contacts(
            user_id=caller_user_id(), company_id=request.company_id, size=request.page.page_size,
            token=request.page.page_token)
        return tracker_pb2.ListContactsResponse(contacts=[convert.contact_to_proto(c) for c in contacts],
                                                page_info=_page_info(next_token, total))

    async def BatchGetContacts(self, request: tracker_pb2.BatchGetContactsRequest,
                               context: grpc.aio.ServicerContext) -> tracker_pb2.BatchGetContactsResponse:
        contacts = await self.crm.batch_get_contacts(user_id=caller_user_id(), ids=list(request.ids))
        return tracker_pb2.BatchGetContactsResponse(contacts=[convert.contact_to_proto(c) for c in contacts])

    async def CreateTimelineEvent(self, request: tracker_pb2.CreateTimelineEventRequest,
                                  context: grpc.aio.ServicerContext) -> tracker_pb2.CreateTimelineEventResponse:
        event = await self.crm.create_event(user_id=caller_user_id(), application_id=request.application_id,
                                            kind=convert.event_kind_from_proto(request.kind),
                                            fields=convert.event_fields_from_proto(request))
        return tracker_pb2.CreateTimelineEventResponse(event=convert.timeline_event_to_proto(event))

    async def UpdateTimelineEvent(self, request: tracker_pb2.UpdateTimelineEventRequest,
                                  context: grpc.aio.ServicerContext) -> tracker_pb2.UpdateTimelineEventResponse:
        event = await self.crm.update_event(user_id=caller_user_id(), event_id=request.id,
                                            fields=convert.event_fields_from_proto(request),
                                            changing=frozenset(request.update_mask.paths))
        return tracker_pb2.UpdateTimelineEventResponse(event=convert.timeline_event_to_proto(event))

    async def DeleteTimelineEvent(self, request: tracker_pb2.DeleteTimelineEventRequest,
                                  context: grpc.aio.ServicerContext) -> tracker_pb2.DeleteTimelineEventResponse:
        await self.crm.delete_event(user_id=caller_user_id(), event_id=request.id)
        return tracker_pb2.DeleteTimelineEventResponse()

    async def ListTimeline(self, request: tracker_pb2.ListTimelineRequest,
                           context: grpc.aio.ServicerContext) -> tracker_pb2.ListTimelineResponse:
        events, next_token, total = await self.crm.list_timeline(
            user_id=caller_user_id(), application_id=request.application_id.strip(),
            company_id=request.company_id.strip(), size=request.page.page_size, token=request.page.page_token)
        return tracker_pb2.ListTimelineResponse(events=[convert.timeline_event_to_proto(e) for e in events],
                                                page_info=_page_info(next_token, total))

    async def AddSalaryObservation(self, request: tracker_pb2.AddSalaryObservationRequest,
                                   context: grpc.aio.ServicerContext) -> tracker_pb2.AddSalaryObservationResponse:
        if not request.HasField("salary"):
            raise InvalidArgument("salary is required")
        observation = await self.crm.add_salary(
            user_id=caller_user_id(), application_id=request.application_id,
            kind=convert.salary_kind_from_proto(request.kind), salary=convert.salary_from_proto(request.salary),
            note=request.note,
            observed_at=ts_from_proto(request.observed_at) if request.HasField("observed_at") else None)
        return tracker_pb2.AddSalaryObservationResponse(observation=convert.salary_observation_to_proto(observation))

    async def DeleteSalaryObservation(self, request: tracker_pb2.DeleteSalaryObservationRequest,
                                      context: grpc.aio.ServicerContext
                                      ) -> tracker_pb2.DeleteSalaryObservationResponse:
        await self.crm.delete_salary(user_id=caller_user_id(), observation_id=request.id)
        return tracker_pb2.DeleteSalaryObservationResponse()

    async def ListSalaryObservations(self, request: tracker_pb2.ListSalaryObservationsRequest,
                                     context: grpc.aio.ServicerContext
                                     ) -> tracker_pb2.ListSalaryObservationsResponse:
        observations = await self.crm.list_salaries(user_id=caller_user_id(), application_id=request.application_id)
        return tracker_pb2.ListSalaryObservationsResponse(
            observations=[convert.salary_observation_to_proto(o) for o in observations])

    async def CompareOffers(self, request: tracker_pb2.CompareOffersRequest,
                            context: grpc.aio.ServicerContext) -> tracker_pb2.CompareOffersResponse:
        rows = await self.crm.compare_offers(user_id=caller_user_id())
        return tracker_pb2.CompareOffersResponse(rows=[convert.offer_row_to_proto(r) for r in rows])

    async def GetSilenceThresholds(self, request: tracker_pb2.GetSilenceThresholdsRequest,
                                   context: grpc.aio.ServicerContext) -> tracker_pb2.GetSilenceThresholdsResponse:
        thresholds = await self.crm.get_thresholds(user_id=caller_user_id())
        return tracker_pb2.GetSilenceThresholdsResponse(thresholds=[convert.threshold_to_proto(t) for t in thresholds])

    async def SetSilenceThresholds(self, request: tracker_pb2.SetSilenceThresholdsRequest,
                                   context: grpc.aio.ServicerContext) -> tracker_pb2.SetSilenceThresholdsResponse:
        thresholds = await self.crm.set_thresholds(user_id=caller_user_id(),
                                                   thresholds=convert.thresholds_from_proto(request.thresholds))
        return tracker_pb2.SetSilenceThresholdsResponse(thresholds=[convert.threshold_to_proto(t) for t in thresholds])

    async def ExportData(self, request: tracker_pb2.ExportDataRequest,
                         context: grpc.aio.ServicerContext) -> tracker_pb2.ExportDataResponse:
        files = await self.crm.export(user_id=caller_user_id(), data_format=convert.data_format_from_proto(request.format))
        return tracker_pb2.ExportDataResponse(files=[convert.exported_file_to_proto(f) for f in files])

    async def ImportData(self, request: tracker_pb2.ImportDataRequest,
                         context: grpc.aio.ServicerContext) -> tracker_pb2.ImportDataResponse:
        report = await self.crm.import_data(
            user_id=caller_user_id(), data_format=convert.data_format_from_proto(request.format),
            content=request.content, csv=convert.csv_options_from_proto(request.csv), dry_run=request.dry_run)
        return tracker_pb2.ImportDataResponse(report=convert.import_report_to_proto(report))

    # --- applying on HH.ru -------------------------------------------------------------------------
    async def ApplyOnHh(self, request: tracker_pb2.ApplyOnHhRequest,
                        context: grpc.aio.ServicerContext) -> tracker_pb2.ApplyOnHhResponse:
        apply, created = await self.hh.enqueue(user_id=caller_user_id(), application_id=request.application_id,
                                               resume_id=request.resume_id, message=request.message)
        return tracker_pb2.ApplyOnHhResponse(apply=convert.hh_apply_to_proto(apply), created=created)

    async def ListHhApplies(self, request: tracker_pb2.ListHhAppliesRequest,
                            context: grpc.aio.ServicerContext) -> tracker_pb2.ListHhAppliesResponse:
        applies, next_token = await self.hh.list(user_id=caller_user_id(),
                                                 application_id=request.application_id.strip(),
                                                 size=request.page.page_size, token=request.page.page_token)
        return tracker_pb2.ListHhAppliesResponse(applies=[convert.hh_apply_to_proto(a) for a in applies],
                                                 page_info=_page_info(next_token, 0))

    async def GetHhApplyBucket(self, request: tracker_pb2.GetHhApplyBucketRequest,
                               context: grpc.aio.ServicerContext) -> tracker_pb2.GetHhApplyBucketResponse:
        bucket = await self.hh.bucket(user_id=caller_user_id())
        return tracker_pb2.GetHhApplyBucketResponse(bucket=convert.hh_bucket_to_proto(bucket))

    # --- auto-apply (docs/hh.md) ---
    async def AutoApproveJob(self, request: tracker_pb2.AutoApproveJobRequest,
                             context: grpc.aio.ServicerContext) -> tracker_pb2.AutoApproveJobResponse:
        if not request.user_id.strip() or not request.job_id.strip():
            raise InvalidArgument("user_id and job_id are required")
        result = await self.auto.approve(user_id=request.user_id, job_id=request.job_id,
                                         search_config_id=request.search_config_id.strip(),
                                         daily_cap=request.daily_cap, dry_run=request.dry_run)
        return tracker_pb2.AutoApproveJobResponse(application_id=result.application_id, stopped=result.stopped,
                                                  skipped_reason=result.skipped_reason)

    async def GetAutoApplySwitch(self, request: tracker_pb2.GetAutoApplySwitchRequest,
                                 context: grpc.aio.ServicerContext) -> tracker_pb2.GetAutoApplySwitchResponse:
        stopped, changed_at = await self.auto.switch(user_id=caller_user_id())
        return tracker_pb2.GetAutoApplySwitchResponse(switch=convert.auto_apply_switch_to_proto(stopped, changed_at))

    async def SetAutoApplySwitch(self, request: tracker_pb2.SetAutoApplySwitchRequest,
                                 context: grpc.aio.ServicerContext) -> tracker_pb2.SetAutoApplySwitchResponse:
        stopped, changed_at, halted = await self.auto.set_switch(user_id=caller_user_id(), stopped=request.stopped)
        return tracker_pb2.SetAutoApplySwitchResponse(
            applies_stopped=halted, switch=convert.auto_apply_switch_to_proto(stopped, changed_at))

    async def DiscardHhApply(self, request: tracker_pb2.DiscardHhApplyRequest,
                             context: grpc.aio.ServicerContext) -> tracker_pb2.DiscardHhApplyResponse:
        apply = await self.auto.discard(user_id=caller_user_id(), apply_id=request.apply_id)
        return tracker_pb2.DiscardHhApplyResponse(apply=convert.hh_apply_to_proto(apply))
