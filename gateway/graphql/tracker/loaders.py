"""Per-request DataLoaders, one batch call per tick: card histories (BatchGetHistory), so a board asking
for `history` makes one call to the tracker rather than one per card; and companies, contacts and
applications by id (a board's cards asking for their company, a timeline's events for their contacts)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Protocol, TypeVar

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


class _Record(Protocol):
    id: str


Reply = TypeVar("Reply")
Record = TypeVar("Record", bound=_Record)


def _by_id(batch_get: Callable[[list[str]], Awaitable[Reply]],
           items: Callable[[Reply], Iterable[Record]]) -> DataLoader[str, Record | None]:
    """A loader of tracker records by id through one batch call per tick: `batch_get(ids)` starts the call,
    `items(reply)` are the records found (each with its `id`); an id not found loads as None. No cache: a
    request may change a record (a mutation) and read it again."""
    async def load(ids: list[str]) -> list[Record | None]:
        reply = await call(TRACKER, batch_get(list(ids)))
        found = {record.id: record for record in items(reply)}
        return [found.get(record_id) for record_id in ids]

    return DataLoader(load_fn=load, max_batch_size=BATCH_LIMIT, cache=False)


def companies_by_id(ctx: GatewayContext) -> DataLoader[str, tracker_pb2.Company | None]:
    return _by_id(lambda ids: ctx.state.downstream.tracker.BatchGetCompanies(
        tracker_pb2.BatchGetCompaniesRequest(ids=ids)), lambda reply: reply.companies)


def contacts_by_id(ctx: GatewayContext) -> DataLoader[str, tracker_pb2.Contact | None]:
    return _by_id(lambda ids: ctx.state.downstream.tracker.BatchGetContacts(
        tracker_pb2.BatchGetContactsRequest(ids=ids)), lambda reply: reply.contacts)


def applications_by_id(ctx: GatewayContext) -> DataLoader[str, tracker_pb2.Application | None]:
    return _by_id(lambda ids: ctx.state.downstream.tracker.BatchGetApplications(
        tracker_pb2.BatchGetApplicationsRequest(ids=ids)), lambda reply: reply.applications)
