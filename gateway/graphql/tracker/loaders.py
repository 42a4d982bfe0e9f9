"""Per-request DataLoaders, one batch call per tick: card histories (BatchGetHistory), so a board asking
for `history` makes one call to the tracker rather than one per card; and companies, contacts and
applications by id (a board's cards asking for their company, a timeline's events for their contacts)."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from gateway.clients import TRACKER
from gateway.context import GatewayContext
from gateway.errors import call
from jobmate.tracker.v1 import tracker_pb2

BATCH_LIMIT = 200  # the tracker's limit per BatchGetHistory


def histories_by_application_id(ctx: GatewayContext) -> DataLoader[str, list[tracker_pb2.HistoryEntry]]:
    async def load(ids: list[str]) -> list[list[tracker_pb2.HistoryEntry]]:
        reply = await call(TRACKER, ctx.state.downstream.tracker.BatchGetHistory(
            tracker_pb2.BatchGetHistoryRequest(ids=list(ids))))
        found = {history.application_id: list(history.entries) for history in reply.histories}
        return [found.get(application_id, []) for application_id in ids]

    # No cache: a request may run several mutations in turn, and a card's history changes between them.
    return DataLoader(load_fn=load, max_batch_size=BATCH_LIMIT, cache=False)


def companies_by_id(ctx: GatewayContext) -> DataLoader[str, tracker_pb2.Company | None]:
    async def load(ids: list[str]) -> list[tracker_pb2.Company | None]:
        reply = await call(TRACKER, ctx.state.downstream.tracker.BatchGetCompanies(
            tracker_pb2.BatchGetCompaniesRequest(ids=list(ids))))
        found = {company.id: company for company in reply.companies}
        return [found.get(company_id) for company_id in ids]

    # No cache: a request may change a company (a mutation) and read it again.
    return DataLoader(load_fn=load, max_batch_size=BATCH_LIMIT, cache=False)


def contacts_by_id(ctx: GatewayContext) -> DataLoader[str, tracker_pb2.Contact | None]:
    async def load(ids: list[str]) -> list[tracker_pb2.Contact | None]:
        reply = await call(TRACKER, ctx.state.downstream.tracker.BatchGetContacts(
            tracker_pb2.BatchGetContactsRequest(ids=list(ids))))
        found = {contact.id: contact for contact in reply.contacts}
        return [found.get(contact_id) for contact_id in ids]

    return DataLoader(load_fn=load, max_batch_size=BATCH_LIMIT, cache=False)


def applications_by_id(ctx: GatewayContext) -> DataLoader[str, tracker_pb2.Application | None]:
    async def load(ids: list[str]) -> list[tracker_pb2.Application | None]:
        reply = await call(TRACKER, ctx.state.downstream.tracker.BatchGetApplications(
            tracker_pb2.BatchGetApplicationsRequest(ids=list(ids))))
        found = {application.id: application for application in reply.applications}
        return [found.get(application_id) for application_id in ids]

    return DataLoader(load_fn=load, max_batch_size=BATCH_LIMIT, cache=False)
