"""Per-request DataLoader: card histories through one BatchGetHistory call per tick, so a board (or any
list of cards) asking for `history` makes one call to the tracker rather than one per card."""

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
