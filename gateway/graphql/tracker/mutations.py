"""Mutations of the tracker domain, approveJob included (it creates an application), and the CRM's:
companies, contacts, timeline events, salary observations, silence thresholds, importData (a multipart
upload, like uploadCV); applyOnHh."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from gateway.clients import DISCOVERY, TRACKER
from gateway.context import context_of
from gateway.errors import bad_input, call
from gateway.graphql.base import AUTHENTICATED, to_ts
from gateway.graphql.enums import to_pb
from gateway.graphql.tracker import inputs
from gateway.graphql.tracker.inputs import (
    CompanyInput,
    ContactInput,
    CsvImportInput,
    SalaryObservationInput,
    SilenceThresholdInput,
    TimelineEventInput,
    TimelineEventUpdateInput,
)
from gateway.graphql.tracker.queries import calendar_feed_url
from gateway.graphql.tracker.types import (
    Application,
    ApplicationStatus,
    AutoApplySwitch,
    Company,
    Contact,
    DataFormat,
    HhApply,
    ImportReport,
    Note,
    SalaryObservation,
    SilenceThreshold,
    TimelineEvent,
)
from jobmate.discovery.v1 import discovery_pb2
from jobmate.tracker.v1 import tracker_pb2

# An import of a few thousand rows is written in one transaction: more than an ordinary call's deadline.
IMPORT_TIMEOUT_S = 60.0


def _tracker(info: Info):
    return context_of(info).state.downstream.tracker


@strawberry.type
class TrackerMutation:
    @strawberry.mutation(name="approveJob", permission_classes=AUTHENTICATED,
                         description="Approve a posting: it leaves the inbox and becomes an application whose "
                                     "analysis starts at once (ANALYSIS_DONE arrives over /events). "
                                     "Approving again returns the same application.")
    async def approve_job(self, info: Info, id: strawberry.ID) -> Application:
        downstream = context_of(info).state.downstream
        # The posting first: it proves the job exists and is the caller's, and marks it APPROVED
        # (idempotent). The tracker then creates the application and, in the same transaction, the
        # durable CMD_ANALYZE_JOB; it is idempotent per user and posting, so a retry after a failure
        # between the two calls completes the approval rather than duplicating it.
        job = await call(DISCOVERY, downstream.discovery.SetJobStatus(
            discovery_pb2.SetJobStatusRequest(id=str(id), status=discovery_pb2.JOB_STATUS_APPROVED)))
        created = await call(TRACKER, downstream.tracker.CreateApplication(
            tracker_pb2.CreateApplicationRequest(job_id=job.job.id or str(id),
                                                 search_config_id=job.job.search_config_id)))
        return Application.from_pb(created.application)

    @strawberry.mutation(name="rotateCalendarUrl", permission_classes=AUTHENTICATED,
                         description="Replace your calendar URL with a new one and return it: the old URL "
                                     "stops working at once (use it if the URL leaked or was lost).")
    async def rotate_calendar_url(self, info: Info) -> str:
        ctx = context_of(info)
        feed = await call(TRACKER, ctx.state.downstream.tracker.RotateCalendarFeed(
            tracker_pb2.RotateCalendarFeedRequest()))
        return calendar_feed_url(ctx, feed.feed_token)

    @strawberry.mutation(name="createApplication", permission_classes=AUTHENTICATED)
    async def create_application(self, info: Info, job_id: strawberry.ID,
                                 search_config_id: strawberry.ID | None = None) -> Application:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.CreateApplication(
            tracker_pb2.CreateApplicationRequest(job_id=str(job_id), search_config_id=str(search_config_id or ""))))
        return Application.from_pb(reply.application)

    @strawberry.mutation(name="deleteApplication", permission_classes=AUTHENTICATED)
    async def delete_application(self, info: Info, id: strawberry.ID) -> bool:
        await call(TRACKER, context_of(info).state.downstream.tracker.DeleteApplication(
            tracker_pb2.DeleteApplicationRequest(id=str(id))))
        return True

    @strawberry.mutation(name="moveCard", permission_classes=AUTHENTICATED,
                         description="Move a card to another column. With expectedVersion, a concurrent "
                                     "change makes it fail with CONFLICT instead of overwriting.")
    async def move_card(self, info: Info, id: strawberry.ID, to_status: ApplicationStatus,
                        expected_version: int | None = None, note: str = "") -> Application:
        request = _status_change(tracker_pb2.MoveCardRequest, id, to_status, expected_version, note)
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.MoveCard(request))
        return Application.from_pb(reply.application)

    @strawberry.mutation(name="reopenApplication", permission_classes=AUTHENTICATED,
                         description="Bring a closed card (HIRED, REJECTED, WITHDRAWN) back to an open column; "
                                     "the only way out of a closed one. The history flags it as a reopening. "
                                     "With expectedVersion, a concurrent change makes it fail with CONFLICT.")
    async def reopen_application(self, info: Info, id: strawberry.ID, to_status: ApplicationStatus,
                                 expected_version: int | None = None, note: str = "") -> Application:
        request = _status_change(tracker_pb2.ReopenApplicationRequest, id, to_status, expected_version, note)
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.ReopenApplication(request))
        return Application.from_pb(reply.application)

    @strawberry.mutation(name="addNote", permission_classes=AUTHENTICATED)
    async def add_note(self, info: Info, application_id: strawberry.ID, body: str) -> Note:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.AddNote(
            tracker_pb2.AddNoteRequest(application_id=str(application_id), body=body)))
        return Note.from_pb(reply.note)

    @strawberry.mutation(name="editNote", permission_classes=AUTHENTICATED,
                         description="Replace a note's text; returns the note with its new updatedAt.")
    async def edit_note(self, info: Info, application_id: strawberry.ID, note_id: strawberry.ID, body: str) -> Note:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.EditNote(
            tracker_pb2.EditNoteRequest(application_id=str(application_id), note_id=str(note_id), body=body)))
        return Note.from_pb(reply.note)

    @strawberry.mutation(name="deleteNote", permission_classes=AUTHENTICATED,
                         description="Delete a note; true once it is gone (NOT_FOUND if it was not there).")
    async def delete_note(self, info: Info, application_id: strawberry.ID, note_id: strawberry.ID) -> bool:
        await call(TRACKER, context_of(info).state.downstream.tracker.DeleteNote(
            tracker_pb2.DeleteNoteRequest(application_id=str(application_id), note_id=str(note_id))))
        return True

    @strawberry.mutation(name="reanalyze", permission_classes=AUTHENTICATED,
                         description="Ask for a fresh analysis of the application (for instance after a new CV); "
                                     "it replaces one still in flight. The card comes back QUEUED and "
                                     "ANALYSIS_DONE arrives over /events.")
    async def reanalyze(self, info: Info, id: strawberry.ID) -> Application:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.Reanalyze(
            tracker_pb2.ReanalyzeRequest(id=str(id))))
        return Application.from_pb(reply.application)

    @strawberry.mutation(name="rateApplication", permission_classes=AUTHENTICATED,
                         description="Rate from 1 to 5; 0 clears the rating.")
    async def rate_application(self, info: Info, id: strawberry.ID, rating: int) -> Application:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.RateApplication(
            tracker_pb2.RateApplicationRequest(id=str(id), rating=rating)))
        return Application.from_pb(reply.application)

    @strawberry.mutation(name="setRelanceReminder", permission_classes=AUTHENTICATED,
                         description="Set (or, with null, clear) the follow-up reminder; FOLLOW_UP_DUE arrives "
                                     "over /events when it is due. Optionally the interview time too.")
    async def set_relance_reminder(self, info: Info, id: strawberry.ID, at: datetime | None,
                                   interview_at: datetime | None = strawberry.UNSET) -> Application:
        # Only the dates given change: an interview date the client did not mention is kept.
        request = tracker_pb2.SetFollowUpRequest(id=str(id))
        request.update_mask.paths.append("follow_up_at")
        if at is not None:
            request.follow_up_at.CopyFrom(to_ts(at))
        if interview_at is not strawberry.UNSET:
            request.update_mask.paths.append("interview_at")
            if interview_at is not None:
                request.interview_at.CopyFrom(to_ts(interview_at))
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.SetFollowUp(request))
        return Application.from_pb(reply.application)

    @strawberry.mutation(name="createCompany", permission_classes=AUTHENTICATED,
                         description="A company by hand; CONFLICT when you have one with the same name (case, "
                                     "accents and legal forms such as Inc. or GmbH aside).")
    async def create_company(self, info: Info, input: CompanyInput) -> Company:
        reply = await call(TRACKER, _tracker(info).CreateCompany(tracker_pb2.CreateCompanyRequest(
            **inputs.company_fields(input))))
        return Company.from_pb(reply.company)

    @strawberry.mutation(name="updateCompany", permission_classes=AUTHENTICATED,
                         description="Change the fields given; the others are kept.")
    async def update_company(self, info: Info, id: strawberry.ID, input: CompanyInput) -> Company:
        fields = inputs.company_fields(input)
        request = tracker_pb2.UpdateCompanyRequest(id=str(id), **fields)
        request.update_mask.paths.extend(fields)
        return Company.from_pb((await call(TRACKER, _tracker(info).UpdateCompany(request))).company)

    @strawberry.mutation(name="deleteCompany", permission_classes=AUTHENTICATED,
                         description="Delete a company without applications (and its contacts).")
    async def delete_company(self, info: Info, id: strawberry.ID) -> bool:
        await call(TRACKER, _tracker(info).DeleteCompany(tracker_pb2.DeleteCompanyRequest(id=str(id))))
        return True

    @strawberry.mutation(name="setApplicationCompany", permission_classes=AUTHENTICATED,
                         description="Move an application to another of your companies (two names the "
                                     "normalisation did not join).")
    async def set_application_company(self, info: Info, application_id: strawberry.ID,
                                      company_id: strawberry.ID) -> Application:
        reply = await call(TRACKER, _tracker(info).SetApplicationCompany(tracker_pb2.SetApplicationCompanyRequest(
            application_id=str(application_id), company_id=str(company_id))))
        return Application.from_pb(reply.application)

    @strawberry.mutation(name="createContact", permission_classes=AUTHENTICATED)
    async def create_contact(self, info: Info, company_id: strawberry.ID, input: ContactInput) -> Contact:
        fields = {k: v for k, v in inputs.contact_fields(input).items() if k != "company_id"}
        reply = await call(TRACKER, _tracker(info).CreateContact(tracker_pb2.CreateContactRequest(
            company_id=str(company_id), **fields)))
        return Contact.from_pb(reply.contact)

    @strawberry.mutation(name="updateContact", permission_classes=AUTHENTICATED,
                         description="Change the fields given; the others are kept.")
    async def update_contact(self, info: Info, id: strawberry.ID, input: ContactInput) -> Contact:
        fields = inputs.contact_fields(input)
        request = tracker_pb2.UpdateContactRequest(id=str(id), **fields)
        request.update_mask.paths.extend(fields)
        return Contact.from_pb((await call(TRACKER, _tracker(info).UpdateContact(request))).contact)

    @strawberry.mutation(name="deleteContact", permission_classes=AUTHENTICATED)
    async def delete_contact(self, info: Info, id: strawberry.ID) -> bool:
        await call(TRACKER, _tracker(info).DeleteContact(tracker_pb2.DeleteContactRequest(id=str(id))))
        return True

    @strawberry.mutation(name="addTimelineEvent", permission_classes=AUTHENTICATED,
                         description="Record what happened (or will: a scheduled interview goes into the calendar). "
                                     "Clears the application's \"no response\" flag; TIMELINE_EVENT_CHANGED "
                                     "arrives over /events.")
    async def add_timeline_event(self, info: Info, input: TimelineEventInput) -> TimelineEvent:
        reply = await call(TRACKER, _tracker(info).CreateTimelineEvent(inputs.create_event(input)))
        return TimelineEvent.from_pb(reply.event)

    @strawberry.mutation(name="updateTimelineEvent", permission_classes=AUTHENTICATED,
                         description="Change the fields given of one of your recorded events.")
    async def update_timeline_event(self, info: Info, id: strawberry.ID,
                                    input: TimelineEventUpdateInput) -> TimelineEvent:
        reply = await call(TRACKER, _tracker(info).UpdateTimelineEvent(inputs.update_event(id, input)))
        return TimelineEvent.from_pb(reply.event)

    @strawberry.mutation(name="deleteTimelineEvent", permission_classes=AUTHENTICATED)
    async def delete_timeline_event(self, info: Info, id: strawberry.ID) -> bool:
        await call(TRACKER, _tracker(info).DeleteTimelineEvent(tracker_pb2.DeleteTimelineEventRequest(id=str(id))))
        return True

    @strawberry.mutation(name="addSalaryObservation", permission_classes=AUTHENTICATED,
                         description="A figure you asked for or were offered (or one a posting advertised).")
    async def add_salary_observation(self, info: Info, input: SalaryObservationInput) -> SalaryObservation:
        request = tracker_pb2.AddSalaryObservationRequest(application_id=str(input.application_id),
                                                          kind=to_pb(input.kind), salary=inputs.salary(input.salary),
                                                          note=input.note)
        if input.observed_at is not None:
            request.observed_at.CopyFrom(to_ts(input.observed_at))
        reply = await call(TRACKER, _tracker(info).AddSalaryObservation(request))
        return SalaryObservation.from_pb(reply.observation)

    @strawberry.mutation(name="deleteSalaryObservation", permission_classes=AUTHENTICATED)
    async def delete_salary_observation(self, info: Info, id: strawberry.ID) -> bool:
        await call(TRACKER, _tracker(info).DeleteSalaryObservation(
            tracker_pb2.DeleteSalaryObservationRequest(id=str(id))))
        return True

    @strawberry.mutation(name="setSilenceThresholds", permission_classes=AUTHENTICATED,
                         description="Days without activity before an open application is flagged \"no response\", "
                                     "per status; the statuses not named keep theirs.")
    async def set_silence_thresholds(self, info: Info, thresholds: list[SilenceThresholdInput]) -> list[SilenceThreshold]:
        reply = await call(TRACKER, _tracker(info).SetSilenceThresholds(tracker_pb2.SetSilenceThresholdsRequest(
            thresholds=[tracker_pb2.SilenceThreshold(status=to_pb(t.status), days=t.days, is_default=t.use_default)
                        for t in thresholds])))
        return [SilenceThreshold.from_pb(t) for t in reply.thresholds]

    @strawberry.mutation(name="importData", permission_classes=AUTHENTICATED,
                         description="Import a file (GraphQL multipart request; send the x-jobmate-csrf header): a "
                                     "JSON export restores everything; a CSV of applications (Huntr, Teal, a "
                                     "spreadsheet) is read with a column mapping. Each bad record is skipped whole "
                                     "and reported; importing the same file again adds nothing. With dryRun, "
                                     "nothing is written.")
    async def import_data(self, info: Info, file: Upload, format: DataFormat, csv: CsvImportInput | None = None,
                          dry_run: bool = False) -> ImportReport:
        ctx = context_of(info)
        if not callable(getattr(file, "read", None)):
            # The Upload scalar accepts any inline JSON value; only a multipart file part is a file.
            raise bad_input("send the file as a file part of a multipart request (GraphQL multipart request spec)")
        limit = ctx.state.gateway_settings.max_import_bytes
        content = await file.read(limit + 1)  # type: ignore[attr-defined]
        if len(content) > limit:
            raise bad_input(f"the file is larger than {limit / (1024 * 1024):g} MiB; split it")
        if not content:
            raise bad_input("the uploaded file is empty")
        reply = await call(TRACKER, ctx.state.downstream.tracker.ImportData(tracker_pb2.ImportDataRequest(
            format=to_pb(format), content=content, csv=inputs.csv_options(csv), dry_run=dry_run),
            timeout=IMPORT_TIMEOUT_S))
        return ImportReport.from_pb(reply.report)

    @strawberry.mutation(name="applyOnHh", permission_classes=AUTHENTICATED,
                         description="Queue an apply on HH.ru for an application whose posting came from HH, with "
                                     "one of the user's HH resumes and the cover letter (empty: the analysis's). "
                                     "Sent under the rate limit (hhApplyBucket); one per vacancy and resume.")
    async def apply_on_hh(self, info: Info, application_id: strawberry.ID, resume_id: str,
                          message: str = "") -> HhApply:
        reply = await call(TRACKER, context_of(info).state.downstream.tracker.ApplyOnHh(
            tracker_pb2.ApplyOnHhRequest(application_id=str(application_id), resume_id=resume_id, message=message)))
        return HhApply.from_pb(reply.apply)

    @strawberry.mutation(name="setAutoApplyStopped", permission_classes=AUTHENTICATED,
                         description="The auto-apply kill switch: stopped=true stops every automatic apply at once "
                                     "(those that have not gone out end STOPPED) and approves nothing automatically "
                                     "until it is set back to false.")
    async def set_auto_apply_stopped(self, info: Info, stopped: bool) -> AutoApplySwitch:
        reply = await call(TRACKER, _tracker(info).SetAutoApplySwitch(
            tracker_pb2.SetAutoApplySwitchRequest(stopped=stopped)))
        return AutoApplySwitch.from_pb(reply.switch, reply.applies_stopped)

    @strawberry.mutation(name="discardHhApply", permission_classes=AUTHENTICATED,
                         description="Discard a letter auto-apply prepared in a dry run (state REVIEW): nothing is "
                                     "sent. To send it instead, call applyOnHh with its resume and the letter.")
    async def discard_hh_apply(self, info: Info, id: strawberry.ID) -> HhApply:
        reply = await call(TRACKER, _tracker(info).DiscardHhApply(tracker_pb2.DiscardHhApplyRequest(apply_id=str(id))))
        return HhApply.from_pb(reply.apply)


StatusChangeRequest = TypeVar("StatusChangeRequest", tracker_pb2.MoveCardRequest,
                              tracker_pb2.ReopenApplicationRequest)


def _status_change(request_type: type[StatusChangeRequest], id: strawberry.ID, to_status: ApplicationStatus,
                   expected_version: int | None, note: str) -> StatusChangeRequest:
    """MoveCard and ReopenApplication take the same fields; expected_version is sent only when given."""
    request = request_type(id=str(id), note=note,
                           to_status=to_pb(to_status))
    if expected_version is not None:
        request.expected_version = expected_version
    return request
