"""The tracker's records by id, as a board's cards and a timeline's events ask for them: one batch call per tick,
answers in the order asked, None for an id the tracker does not know (or will not show)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from gateway.graphql.tracker.loaders import applications_by_id, companies_by_id, contacts_by_id
from jobmate.tracker.v1 import tracker_pb2


class Tracker:
    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    async def BatchGetCompanies(self, request: tracker_pb2.BatchGetCompaniesRequest):  # noqa: N802
        self.asked.append(list(request.ids))
        return tracker_pb2.BatchGetCompaniesResponse(
            companies=[tracker_pb2.Company(id=i, name=f"company {i}") for i in request.ids if i != "gone"])

    async def BatchGetContacts(self, request: tracker_pb2.BatchGetContactsRequest):  # noqa: N802
        self.asked.append(list(request.ids))
        return tracker_pb2.BatchGetContactsResponse(contacts=[tracker_pb2.Contact(id=i) for i in request.ids])

    async def BatchGetApplications(self, request: tracker_pb2.BatchGetApplicationsRequest):  # noqa: N802
        self.asked.append(list(request.ids))
        return tracker_pb2.BatchGetApplicationsResponse(
            applications=[tracker_pb2.Application(id=i) for i in reversed(request.ids)])


def context(tracker: Tracker) -> SimpleNamespace:
    return SimpleNamespace(state=SimpleNamespace(downstream=SimpleNamespace(tracker=tracker)))


async def test_records_by_id_come_in_one_call_in_the_order_asked() -> None:
    tracker = Tracker()
    companies = companies_by_id(context(tracker))  # type: ignore[arg-type]
    found = await asyncio.gather(*(companies.load(i) for i in ("b", "gone", "a")))
    assert [company.name if company else None for company in found] == ["company b", None, "company a"]
    assert tracker.asked == [["b", "gone", "a"]]


async def test_contacts_and_applications_load_the_same_way() -> None:
    tracker = Tracker()
    contacts = contacts_by_id(context(tracker))  # type: ignore[arg-type]
    applications = applications_by_id(context(tracker))  # type: ignore[arg-type]
    assert [c.id for c in await asyncio.gather(contacts.load("x"), contacts.load("y"))] == ["x", "y"]
    assert [a.id for a in await asyncio.gather(applications.load("p"), applications.load("q"))] == ["p", "q"]
    assert tracker.asked == [["x", "y"], ["p", "q"]]
