"""GraphQL inputs of the tracker's CRM and the tracker requests they become. On an update only the fields given
change (the update mask names them); null clears a field."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

import strawberry

from common import wire
from gateway.graphql.base import to_ts
from gateway.graphql.discovery.types import SalaryPeriod
from gateway.graphql.enums import to_pb
from gateway.graphql.tracker.types import ApplicationStatus, CsvPreset, SalaryKind, TimelineEventKind
from jobmate.common.v1 import common_pb2
from jobmate.tracker.v1 import tracker_pb2


@strawberry.input(description="A company. To create one, name is required; on update only the fields given change.")
class CompanyInput:
    name: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    careers_url: str | None = strawberry.UNSET
    board: str | None = strawberry.UNSET
    board_token: str | None = strawberry.UNSET
    notes: str | None = strawberry.UNSET


@strawberry.input(name="CompanyContactInput", description="A contact. To create one, name is required; on update only the fields given "
                              "change (companyId moves the contact to another of your companies).")
class ContactInput:
    name: str | None = strawberry.UNSET
    role: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    profile_url: str | None = strawberry.UNSET
    notes: str | None = strawberry.UNSET
    company_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input(description="An amount (min, max or both), an ISO 4217 currency and a period.")
class SalaryInput:
    min: float | None = None
    max: float | None = None
    currency: str = ""
    period: SalaryPeriod | None = None
    gross: bool | None = None
    text: str = ""


@strawberry.input
class InterviewInput:
    stage: str = ""
    place: str = ""
    link: str = ""
    duration_minutes: int = 0


@strawberry.input
class AssessmentInput:
    link: str = ""
    due_at: datetime | None = None


@strawberry.input
class OfferInput:
    salary: SalaryInput | None = None
    bonus: str = ""
    equity: str = ""
    benefits: str = ""
    respond_by: datetime | None = None


@strawberry.input
class EmailInput:
    subject: str = ""
    address: str = ""


@strawberry.input(description="A recorded event: its kind's details only (interview, assessment, offer, email).")
class TimelineEventInput:
    application_id: strawberry.ID
    kind: TimelineEventKind
    occurred_at: datetime = strawberry.field(description="When it happened or will happen (a scheduled interview).")
    title: str = strawberry.field(default="", description="Required for CUSTOM.")
    body: str = strawberry.field(default="", description="Required for NOTE.")
    contact_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    interview: InterviewInput | None = None
    assessment: AssessmentInput | None = None
    offer: OfferInput | None = None
    email: EmailInput | None = None


@strawberry.input(description="The fields of a recorded event to change; the others are kept. The kind and "
                              "recordedAt never change.")
class TimelineEventUpdateInput:
    title: str | None = strawberry.UNSET
    body: str | None = strawberry.UNSET
    occurred_at: datetime | None = strawberry.UNSET
    contact_ids: list[strawberry.ID] | None = strawberry.UNSET
    interview: InterviewInput | None = strawberry.UNSET
    assessment: AssessmentInput | None = strawberry.UNSET
    offer: OfferInput | None = strawberry.UNSET
    email: EmailInput | None = strawberry.UNSET


@strawberry.input
class SalaryObservationInput:
    application_id: strawberry.ID
    kind: SalaryKind
    salary: SalaryInput
    note: str = ""
    observed_at: datetime | None = None


@strawberry.input(description="days: 0 never flags; useDefault: go back to the built-in threshold.")
class SilenceThresholdInput:
    status: ApplicationStatus
    days: int = 0
    use_default: bool = False


@strawberry.input(description="Which CSV column holds a field (company, title, url, location, status, appliedAt "
                              "as applied_at, ...); an empty column says the preset guessed wrong.")
class ColumnMappingInput:
    field: str
    column: str


@strawberry.input
class CsvImportInput:
    preset: CsvPreset | None = None
    column_mapping: list[ColumnMappingInput] = strawberry.field(default_factory=list)
    day_first: bool = strawberry.field(default=False, description="03/04/2024 is 3 April (ISO dates always work).")


def _given(value: Any) -> dict[str, Any]:
    """The fields of an input the client sent (UNSET ones left out)."""
    return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)
            if getattr(value, f.name) is not strawberry.UNSET}


def company_fields(value: CompanyInput) -> dict[str, str]:
    return {name: item or "" for name, item in _given(value).items()}


def contact_fields(value: ContactInput) -> dict[str, str]:
    return {name: str(item or "") for name, item in _given(value).items()}


def salary(value: SalaryInput) -> common_pb2.Salary:
    return wire.salary(min=value.min, max=value.max, currency=value.currency, period=to_pb(value.period),
                       gross=value.gross, text=value.text)


def _set_details(request: Any, name: str, value: Any) -> None:
    """One of the details of a create or update request, from its input (None: the kind's empty details)."""
    target = getattr(request, name)
    target.SetInParent()
    if value is None:
        return
    if name == "interview":
        target.CopyFrom(tracker_pb2.InterviewDetails(stage=value.stage, place=value.place, link=value.link,
                                                     duration_minutes=value.duration_minutes))
    elif name == "assessment":
        target.link = value.link
        if value.due_at is not None:
            target.due_at.CopyFrom(to_ts(value.due_at))
    elif name == "offer":
        target.CopyFrom(tracker_pb2.OfferDetails(bonus=value.bonus, equity=value.equity, benefits=value.benefits))
        if value.salary is not None:
            target.salary.CopyFrom(salary(value.salary))
        if value.respond_by is not None:
            target.respond_by.CopyFrom(to_ts(value.respond_by))
    elif name == "email":
        target.CopyFrom(tracker_pb2.EmailDetails(subject=value.subject, address=value.address))


DETAILS = ("interview", "assessment", "offer", "email")


def create_event(value: TimelineEventInput) -> tracker_pb2.CreateTimelineEventRequest:
    request = tracker_pb2.CreateTimelineEventRequest(
        application_id=str(value.application_id), kind=to_pb(value.kind), title=value.title, body=value.body,
        occurred_at=to_ts(value.occurred_at), contact_ids=[str(c) for c in value.contact_ids])
    for name in DETAILS:
        if getattr(value, name) is not None:
            _set_details(request, name, getattr(value, name))
    return request


def update_event(event_id: strawberry.ID, value: TimelineEventUpdateInput) -> tracker_pb2.UpdateTimelineEventRequest:
    request = tracker_pb2.UpdateTimelineEventRequest(id=str(event_id))
    for name, item in _given(value).items():
        request.update_mask.paths.append(name)
        if name in DETAILS:
            _set_details(request, name, item)
        elif name == "occurred_at":
            if item is not None:
                request.occurred_at.CopyFrom(to_ts(item))
        elif name == "contact_ids":
            request.contact_ids.extend(str(c) for c in item or [])
        else:
            setattr(request, name, item or "")
    return request


def csv_options(value: CsvImportInput | None) -> tracker_pb2.CsvImportOptions:
    if value is None:
        return tracker_pb2.CsvImportOptions()
    return tracker_pb2.CsvImportOptions(preset=to_pb(value.preset), day_first=value.day_first,
                                        column_mapping={m.field: m.column for m in value.column_mapping})
