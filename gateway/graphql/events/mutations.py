"""eventsTicket: a single-use, short-lived ticket to open GET /events without an Authorization header."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from strawberry.types import Info

from gateway.context import context_of
from gateway.graphql.base import AUTHENTICATED


@strawberry.type(description="Open `url` with EventSource within a minute; the ticket works once. To resume "
                             "after a disconnect, get a new ticket and add lastEventId=<last id seen>.")
class EventsTicket:
    ticket: str
    url: str
    expires_at: datetime


@strawberry.type
class EventsMutation:
    @strawberry.mutation(name="eventsTicket", permission_classes=AUTHENTICATED)
    async def events_ticket(self, info: Info) -> EventsTicket:
        ctx = context_of(info)
        # A ticket's stream is re-checked against the session of the access token it was issued to, which a
        # personal access token has not; such a token opens /events with its Authorization header instead
        # (re-checked against the token itself, see routes.events).
        identity = ctx.caller.require_password_session()
        ticket = await ctx.state.tickets.issue_sse_ticket(identity, ctx.state.gateway_settings.sse_ticket_ttl_s)
        return EventsTicket(ticket=ticket.value, url=f"{ctx.state.public_base_url(ctx.request)}/events?ticket={ticket.value}",
                            expires_at=datetime.fromtimestamp(ticket.expires_at, tz=UTC))
