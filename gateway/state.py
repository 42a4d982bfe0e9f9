"""What the gateway builds once per process (in the app's lifespan) and every handler reads."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import HTTPConnection

from common.bus import Bus
from common.settings import Settings
from gateway.caller import Authenticator
from gateway.clients import Downstream
from gateway.config import GatewaySettings
from gateway.security import RateLimiter
from gateway.sse import EventHub
from gateway.tickets import TicketStore


@dataclass
class GatewayState:
    settings: Settings
    gateway_settings: GatewaySettings
    authenticator: Authenticator
    bus: Bus
    downstream: Downstream
    hub: EventHub
    tickets: TicketStore
    rate_limiter: RateLimiter

    def public_base_url(self, connection: HTTPConnection) -> str:
        """Where links handed to clients (calendar, SSE ticket) start: GATEWAY_PUBLIC_URL, or this request's base."""
        if self.gateway_settings.public_url:
            return self.gateway_settings.public_url.rstrip("/")
        return str(connection.base_url).rstrip("/")


def state_of(connection: HTTPConnection) -> GatewayState:
    return connection.app.state.gateway
