"""gRPC edge of tracker_service: requests in, domain calls, responses out. RPCs not written yet answer UNIMPLEMENTED."""

from __future__ import annotations

from common.service import ServiceRuntime
from jobmate.tracker.v1 import tracker_pb2_grpc


class TrackerServicer(tracker_pb2_grpc.TrackerServiceServicer):
    def __init__(self, runtime: ServiceRuntime) -> None:
        self.runtime = runtime
