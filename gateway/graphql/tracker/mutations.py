"""Mutations of the tracker domain, approveJob included (it creates an application)."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

import strawberry
from strawberry.types import Info

from gateway.clients import DISCOVERY, TRACKER
from gateway.context import context_of
from gateway.errors import call
from gateway.graphql.base import AUTHENTICATED, to_ts
from gateway.graphql.enums import to_pb
from gateway.graphql.tracker.queries import calendar_feed_url
from gateway.graphql.tracker.types import Application, ApplicationStatus, Note
from jobmate.discovery.v1 import discovery_pb2
from jobmate.tracker.v1 import tracker_pb2


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
