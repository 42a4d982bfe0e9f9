"""tracker_service's own settings, beside the shared ones (environment variables, see .env.example).

The follow-up job runs every OUTBOX_POLL_INTERVAL_S, like the relay that publishes what it fires; the
silence check every TRACKER_SILENCE_CHECK_INTERVAL_S (thresholds count in days: a minute is plenty).
"""

from __future__ import annotations

from pydantic import Field

from common.settings import GrpcServiceSettings


class TrackerSettings(GrpcServiceSettings):
    grpc_port: int = 9082
    # How often each replica looks for applications gone silent past their threshold ("no response").
    tracker_silence_check_interval_s: float = Field(default=60.0, gt=0)
