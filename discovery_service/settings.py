"""discovery_service's own settings, beside the shared ones (environment variables, see .env.example)."""

from __future__ import annotations

from pydantic import Field, model_validator

from common.settings import GrpcServiceSettings


class DiscoverySettings(GrpcServiceSettings):
    grpc_port: int = 9083

    # The scheduler tick, run recovery, inbox expiry, and (dev/test only) job-board hosts.
    discovery_scheduler_enabled: bool = True
    discovery_tick_interval_s: float = 30.0
    discovery_run_timeout_s: float = 900.0  # a run RUNNING longer than this is recovered as FAILED
    discovery_default_run_interval_minutes: int = 360  # for a saved search that sets no interval
    discovery_pending_ttl_days: float = 30.0  # PENDING postings the user never triaged
    discovery_rejected_ttl_days: float = 14.0  # REJECTED postings
    discovery_tombstone_ttl_days: float = 180.0  # how long a purged posting is kept from coming back
    discovery_purge_interval_s: float = 3600.0
    discovery_max_concurrent_runs: int = 4  # per replica
    discovery_fetch_per_host_interval_s: float = 1.0  # politeness: the least time between two calls to one board
    # A whole Greenhouse board with descriptions (content=true) runs to several MB for a large employer.
    discovery_fetch_max_bytes: int = 32_000_000
    # Let user-supplied URLs (AddJobByUrl) and feeds reach loopback: tests and local fakes only.
    allow_loopback_fetch: bool = False
    # JSON map of source name to base URL ({"greenhouse": "http://127.0.0.1:8001"}) so a real discovery
    # process can be pointed at loopback fake boards. Refused when JOBMATE_ENV=prod.
    source_base_url_overrides: dict[str, str] = Field(default_factory=dict)
    # HH_USER_AGENT (common.settings: profile and tracker send it too). Unset here: searches send a
    # generic value with no contact, and a warning at start-up.

    @model_validator(mode="after")
    def _no_board_overrides_in_prod(self) -> DiscoverySettings:
        if self.source_base_url_overrides and self.jobmate_env == "prod":
            raise ValueError("SOURCE_BASE_URL_OVERRIDES is for dev and test only; unset it when JOBMATE_ENV=prod")
        return self
