"""The gateway's downstream services: one long-lived channel and stub each, created at start-up.

Calls made while handling a request carry that user's access token (common.grpc_client forwards
`current_identity`'s token), so every service checks the user itself; the gateway holds no key that
could act for a user.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import grpc

from common.grpc_client import create_channel
from common.settings import Settings
from jobmate.discovery.v1 import discovery_pb2_grpc
from jobmate.profile.v1 import profile_pb2_grpc
from jobmate.tracker.v1 import tracker_pb2_grpc

# Service names as the gateway reports them (/readyz checks, UNAVAILABLE errors).
PROFILE, TRACKER, DISCOVERY = "profile", "tracker", "discovery"


@dataclass
class Downstream:
    channels: dict[str, grpc.aio.Channel]
    profile: profile_pb2_grpc.ProfileServiceStub = field(init=False)
    tracker: tracker_pb2_grpc.TrackerServiceStub = field(init=False)
    discovery: discovery_pb2_grpc.DiscoveryServiceStub = field(init=False)

    def __post_init__(self) -> None:
        self.profile = profile_pb2_grpc.ProfileServiceStub(self.channels[PROFILE])
        self.tracker = tracker_pb2_grpc.TrackerServiceStub(self.channels[TRACKER])
        self.discovery = discovery_pb2_grpc.DiscoveryServiceStub(self.channels[DISCOVERY])

    @classmethod
    def connect(cls, settings: Settings) -> Downstream:
        addresses = {PROFILE: settings.profile_addr, TRACKER: settings.tracker_addr,
                     DISCOVERY: settings.discovery_addr}
        return cls({name: create_channel(address, default_timeout_s=settings.grpc_deadline_s)
                    for name, address in addresses.items()})

    async def close(self) -> None:
        for channel in self.channels.values():
            await channel.close()
