"""tracker_service's own settings, beside the shared ones (environment variables, see .env.example).

The follow-up job runs every OUTBOX_POLL_INTERVAL_S, like the relay that publishes what it fires; the
silence check every TRACKER_SILENCE_CHECK_INTERVAL_S (thresholds count in days: a minute is plenty).
"""

from __future__ import annotations

from pydantic import Field, model_validator

from common.settings import GrpcServiceSettings


class TrackerSettings(GrpcServiceSettings):
    grpc_port: int = 9082
    # How often each replica looks for applications gone silent past their threshold ("no response").
    tracker_silence_check_interval_s: float = Field(default=60.0, gt=0)

    # Applying on HH.ru (docs/hh.md). On when HH_USER_AGENT is set (profile holds the linked accounts).
    # The per-user token bucket: capacity, and tokens added per hour (continuously).
    hh_apply_bucket_capacity: float = Field(default=20.0, ge=1)
    hh_apply_refill_per_hour: float = Field(default=8.0, gt=0)
    # How often each replica's worker looks at the apply queue; 0 turns the worker off in this replica.
    hh_apply_poll_interval_s: float = Field(default=2.0, ge=0)
    # A claimed apply not finished within this is taken over by another worker (which asks HH first).
    hh_apply_lease_s: float = Field(default=120.0, gt=0)
    hh_apply_max_attempts: int = Field(default=5, ge=1)

    @model_validator(mode="after")
    def _lease_outlasts_an_attempt(self) -> TrackerSettings:
        # An attempt is at most: the token from profile twice (a refresh), HH's negotiations, the POST.
        # A lease shorter than that could let a second worker post while the first still may.
        longest_attempt = 2 * self.grpc_deadline_s + 3 * self.hh_timeout_s
        if self.hh_apply_lease_s <= longest_attempt:
            raise ValueError(f"HH_APPLY_LEASE_S must exceed the longest apply attempt ({longest_attempt:g} s: two "
                             "GRPC_DEADLINE_S and three HH_TIMEOUT_S)")
        return self
