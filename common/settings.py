"""Configuration from environment variables only (see .env.example for every name).

A missing required value fails at start-up with a message naming the variable. Secrets (signing keys)
have no usable default outside dev and test mode: there, `make dev` and the test suite generate
throw-away keys under `.data/keys/`; in prod the key files must be given.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / ".data"

# The one place the mesh's default ports live (ARCHITECTURE.md, "Processes").
DEFAULT_PORTS = {
    "gateway": 4000,
    "profile_service": 9081,
    "tracker_service": 9082,
    "discovery_service": 9083,
    "ai_coach": 8084,  # health endpoint only
}


class ConfigError(RuntimeError):
    """Raised at start-up when the environment is incomplete or inconsistent."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", case_sensitive=False)

    jobmate_env: Literal["dev", "test", "prod"] = "dev"
    log_level: str = "INFO"
    data_dir: Path = DEFAULT_DATA_DIR

    database_url: str | None = None
    db_pool_min: int = 1
    db_pool_max: int = 10
    redis_url: str | None = None

    profile_addr: str = f"localhost:{DEFAULT_PORTS['profile_service']}"
    tracker_addr: str = f"localhost:{DEFAULT_PORTS['tracker_service']}"
    discovery_addr: str = f"localhost:{DEFAULT_PORTS['discovery_service']}"
    grpc_port: int | None = None  # each service falls back to its DEFAULT_PORTS entry
    gateway_port: int = DEFAULT_PORTS["gateway"]
    ai_coach_health_port: int = DEFAULT_PORTS["ai_coach"]
    grpc_deadline_s: float = 5.0
    shutdown_grace_s: float = 5.0
    shutdown_drain_s: float = 1.0  # NOT_SERVING is visible this long before new calls are refused

    # Token keys (Ed25519 PEM files). User tokens are signed only by profile_service.
    user_token_private_key_file: Path | None = None
    user_token_public_key_file: Path | None = None
    service_token_private_key_file: Path | None = None
    service_token_public_key_file: Path | None = None
    token_issuer: str = "jobmate"
    access_token_ttl_s: int = 900
    refresh_token_ttl_s: int = 30 * 24 * 3600
    # Absolute lifetime of a sign-in (refresh-token family), from the sign-in itself: refreshing never
    # extends a session past it.
    refresh_session_max_age_s: int = 90 * 24 * 3600
    service_token_ttl_s: int = 300

    # Outbox: how long a published command may wait for its result before it is re-published.
    outbox_result_timeout_s: float = 120.0
    outbox_max_attempts: int = 5
    outbox_poll_interval_s: float = 1.0
    event_stream_maxlen: int = 1000

    cv_storage_dir: Path | None = None
    cv_max_bytes: int = 10 * 1024 * 1024

    llm_base_url: str | None = None
    llm_api_key: str | None = Field(default=None, repr=False)
    llm_model: str | None = None
    llm_timeout_s: float = 30.0

    # ai_coach: commands worked on at once per replica; how long a replica's claim on a command lasts
    # without renewal (a killed replica's claim expires this fast, so the re-published command can be
    # taken); how long a finished command id is remembered, to drop late duplicates.
    ai_coach_concurrency: int = Field(default=4, ge=1)
    ai_coach_claim_ttl_s: float = Field(default=30.0, gt=0)
    ai_coach_done_ttl_s: float = Field(default=24 * 3600.0, gt=0)

    cors_origins: str = ""
    allow_loopback_fetch: bool = False

    # discovery_service: the scheduler tick, run recovery, inbox expiry, and (dev/test only) job-board hosts.
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
    # JSON map of source name to base URL ({"greenhouse": "http://127.0.0.1:8001"}) so a real discovery
    # process can be pointed at loopback fake boards. Refused when JOBMATE_ENV=prod.
    source_base_url_overrides: dict[str, str] = Field(default_factory=dict)
    # The HH-User-Agent sent to api.hh.ru, which asks for the application and a contact email:
    # "JobMate/1.0 (you@example.org)". Unset: a generic value with no contact, and a warning at start-up.
    hh_user_agent: str = ""

    @field_validator("hh_user_agent")
    @classmethod
    def _hh_user_agent_names_a_contact(cls, value: str) -> str:
        value = value.strip()
        if value and "@" not in value:
            raise ValueError('HH_USER_AGENT must name the application and a contact email, like'
                             ' "JobMate/1.0 (you@example.org)"')
        return value

    @model_validator(mode="after")
    def _no_board_overrides_in_prod(self) -> Settings:
        if self.source_base_url_overrides and self.jobmate_env == "prod":
            raise ValueError("SOURCE_BASE_URL_OVERRIDES is for dev and test only; unset it when JOBMATE_ENV=prod")
        return self

    @property
    def is_dev(self) -> bool:
        return self.jobmate_env in ("dev", "test")

    def require_database_url(self) -> str:
        if not self.database_url:
            raise ConfigError("DATABASE_URL is required (`make dev` starts an embedded PostgreSQL and sets it)")
        return self.database_url

    def require_redis_url(self) -> str:
        if not self.redis_url:
            raise ConfigError("REDIS_URL is required (`make dev` starts an embedded Redis and sets it)")
        return self.redis_url

    def key_file(self, name: str) -> Path:
        """Path of one of the four key files; in dev/test mode a default under data_dir/keys."""
        value: Path | None = getattr(self, f"{name}_file")
        if value is not None:
            return value
        if not self.is_dev:
            raise ConfigError(f"{name.upper()}_FILE is required outside dev mode")
        return self.data_dir / "keys" / f"{name}.pem"

    def listen_port(self, service: str) -> int:
        return self.grpc_port or DEFAULT_PORTS[service]


@functools.cache
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:  # a clearer message than pydantic's for an operator
        raise ConfigError(f"invalid configuration: {exc}") from exc
