"""Shared configuration, from environment variables only (see .env.example for every name).

`Settings` holds what more than one process reads: the mode, logging, PostgreSQL and Redis, the token
keys, the outbox, gRPC deadlines and shutdown timings, and the addresses of the services others call.
Each process declares its own settings on top (a subclass, e.g. `tracker_service.settings`), so a
setting lives beside its only reader; `get_settings(TrackerSettings)` loads one once per process.

A missing required value fails at start-up with a message naming the variable. Secrets (signing keys)
have no usable default outside dev and test mode: there, `make dev` and the test suite generate
throw-away keys under `.data/keys/`; in prod the key files must be given.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / ".data"


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

    # Where the gRPC services listen, for the processes that call them.
    profile_addr: str = "localhost:9081"
    tracker_addr: str = "localhost:9082"
    discovery_addr: str = "localhost:9083"

    grpc_deadline_s: float = 5.0
    shutdown_grace_s: float = 5.0
    shutdown_drain_s: float = 1.0  # NOT_SERVING is visible this long before new calls are refused

    # Token keys (Ed25519 PEM files). User tokens are signed only by profile_service.
    user_token_private_key_file: Path | None = None
    user_token_public_key_file: Path | None = None
    service_token_private_key_file: Path | None = None
    service_token_public_key_file: Path | None = None
    token_issuer: str = "jobmate"
    service_token_ttl_s: int = 300

    # Outbox: how long a published command may wait for its result before it is re-published.
    outbox_result_timeout_s: float = 120.0
    outbox_max_attempts: int = 5
    outbox_poll_interval_s: float = 1.0
    event_stream_maxlen: int = 1000

    # HH.ru's API for linked accounts (profile links and reads resumes, tracker applies; docs/hh.md).
    # HH_USER_AGENT is sent as `HH-User-Agent` on every call: the application's name and the operator's
    # contact, e.g. "JobMate/1.0 (ops@example.org)"; HH refuses calls without it.
    hh_api_url: str = "https://api.hh.ru"
    hh_authorize_url: str = "https://hh.ru/oauth/authorize"
    hh_user_agent: str = ""
    hh_timeout_s: float = 10.0

    @field_validator("hh_user_agent")
    @classmethod
    def _hh_user_agent_names_a_contact(cls, value: str) -> str:
        value = value.strip()
        if value and "@" not in value:
            raise ValueError('HH_USER_AGENT must name the application and a contact email, like'
                             ' "JobMate/1.0 (you@example.org)"')
        return value

    # The largest CV accepted: the gateway's upload limit, profile's check and ai_coach's parse limit.
    cv_max_bytes: int = 10 * 1024 * 1024

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


class GrpcServiceSettings(Settings):
    """Settings every gRPC service has: the port it listens on (GRPC_PORT; each service sets its default)."""

    grpc_port: int
    # Net container allocations between two young collections of the garbage collector (CPython: 700), the
    # objects alive after start-up frozen out of collections (common.gc_tuning); 0 leaves the collector as is.
    # With the default a feed page or a board cost a young collection each (~5% of the service's CPU).
    gc_young_threshold: int = 10_000


SettingsT = TypeVar("SettingsT", bound=Settings)


@functools.cache
def get_settings(settings_class: type[SettingsT] = Settings) -> SettingsT:  # type: ignore[assignment]
    """The process's settings of that class, read from the environment once."""
    try:
        return settings_class()
    except ValidationError as exc:  # a clearer message than pydantic's for an operator
        raise ConfigError(f"invalid configuration: {exc}") from exc
