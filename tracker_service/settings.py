"""tracker_service's own settings, beside the shared ones (environment variables, see .env.example).

The follow-up job runs every OUTBOX_POLL_INTERVAL_S, like the relay that publishes what it fires.
"""

from __future__ import annotations

from common.settings import GrpcServiceSettings


class TrackerSettings(GrpcServiceSettings):
    grpc_port: int = 9082
