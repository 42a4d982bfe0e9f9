"""gRPC edge of discovery_service: requests in, domain calls, responses out. RPCs not written yet answer UNIMPLEMENTED."""

from __future__ import annotations

from common.service import ServiceRuntime
from jobmate.discovery.v1 import discovery_pb2_grpc


class DiscoveryServicer(discovery_pb2_grpc.DiscoveryServiceServicer):
    def __init__(self, runtime: ServiceRuntime) -> None:
        self.runtime = runtime
