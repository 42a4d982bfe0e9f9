"""The gateway's downstream services: one long-lived channel and stub each, created at start-up.

Calls made while handling a request carry that user's access token (common.grpc_client forwards
`current_identity`'s token, which `caller.CallerMiddleware` sets), so every service checks the user
itself; the gateway holds no key that could act for a user. The one exception is `tracker_feeds`, a separate channel that always carries
the gateway's own service token (scope `tracker.calendar.read` only): a calendar app polling
/calendar.ics?feed=… has no user token, and the feed token it presents is checked by the tracker.
Likewise `profile_exchange` (scope `profile.pat.exchange`) trades a personal access token for its
user's short-lived access token (gateway.caller), which is then forwarded like any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import grpc

from common.auth import ServiceTokenProvider, TokenSigner
from common.grpc_client import CredentialMode, create_channel
from common.settings import Settings
from jobmate.discovery.v1 import discovery_pb2_grpc
from jobmate.profile.v1 import profile_pb2_grpc
from jobmate.tracker.v1 import tracker_pb2_grpc

# Service names as the gateway reports them (/readyz checks, UNAVAILABLE errors).
PROFILE, TRACKER, DISCOVERY = "profile", "tracker", "discovery"

SERVICE_NAME = "gateway"
# What the gateway may do with its own service token: read a calendar by its feed token, and exchange a
# personal access token for the short-lived access token of its user; nothing else.
SERVICE_TOKEN_SCOPES = {"tracker.calendar.read", "profile.pat.exchange"}


@dataclass
class Downstream:
    channels: dict[str, grpc.aio.Channel]
    profile: profile_pb2_grpc.ProfileServiceStub = field(init=False)
    tracker: tracker_pb2_grpc.TrackerServiceStub = field(init=False)
    # Not in `channels` (which /readyz checks): the same tracker, reached with the service token.
    tracker_feeds_channel: grpc.aio.Channel
    discovery: discovery_pb2_grpc.DiscoveryServiceStub = field(init=False)
    tracker_feeds: tracker_pb2_grpc.TrackerServiceStub = field(init=False)
    # Profile reached with the service token, for ExchangePersonalAccessToken (gateway.caller).
    profile_exchange_channel: grpc.aio.Channel
    profile_exchange: profile_pb2_grpc.ProfileServiceStub = field(init=False)

    def __post_init__(self) -> None:
        self.profile_exchange = profile_pb2_grpc.ProfileServiceStub(self.profile_exchange_channel)
        self.profile = profile_pb2_grpc.ProfileServiceStub(self.channels[PROFILE])
        self.tracker = tracker_pb2_grpc.TrackerServiceStub(self.channels[TRACKER])
        self.discovery = discovery_pb2_grpc.DiscoveryServiceStub(self.channels[DISCOVERY])
        self.tracker_feeds = tracker_pb2_grpc.TrackerServiceStub(self.tracker_feeds_channel)

    @classmethod
    def connect(cls, settings: Settings) -> Downstream:
        addresses = {PROFILE: settings.profile_addr, TRACKER: settings.tracker_addr,
                     DISCOVERY: settings.discovery_addr}
        service_tokens = ServiceTokenProvider(TokenSigner.for_services(settings), SERVICE_NAME, SERVICE_TOKEN_SCOPES)
        def as_gateway(address: str) -> grpc.aio.Channel:
            return create_channel(address, default_timeout_s=settings.grpc_deadline_s,
                                  service_tokens=service_tokens, mode=CredentialMode.SERVICE)

        return cls({name: create_channel(address, default_timeout_s=settings.grpc_deadline_s)
                    for name, address in addresses.items()},
                   tracker_feeds_channel=as_gateway(settings.tracker_addr),
                   profile_exchange_channel=as_gateway(settings.profile_addr))

    async def close(self) -> None:
        for channel in (*self.channels.values(), self.tracker_feeds_channel, self.profile_exchange_channel):
            await channel.close()
