"""gRPC edge of profile_service: requests in, domain calls, responses out. RPCs not written yet answer UNIMPLEMENTED."""

from __future__ import annotations

from common.service import ServiceRuntime
from jobmate.profile.v1 import profile_pb2_grpc


class ProfileServicer(profile_pb2_grpc.ProfileServiceServicer):
    def __init__(self, runtime: ServiceRuntime) -> None:
        self.runtime = runtime
