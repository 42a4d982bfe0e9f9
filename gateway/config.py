"""Settings of the gateway alone (environment variables prefixed GATEWAY_), beside the shared `Settings`.

They are the knobs of the public edge: its port, allowed origins, GraphQL cost limits, body sizes, rate
limits, SSE timings. Defaults are what a self-hosted instance should run with; tests lower them to
exercise the limits.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class GatewaySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore", case_sensitive=False,
                                      populate_by_name=True)

    port: int = 4000  # GATEWAY_PORT
    # Comma-separated origins allowed to call the API from a browser (CORS_ORIGINS, without the prefix).
    cors_origins: str = Field(default="", validation_alias="CORS_ORIGINS")

    # GraphQL cost limits: a legitimate client query is far below each of them.
    max_query_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_page_size: int = 100
    # Request bodies: JSON operations are small; multipart uploads get the CV size limit plus this slack.
    max_json_body_bytes: int = 256 * 1024
    multipart_overhead_bytes: int = 64 * 1024
    # importData's file (the tracker refuses more than 5 MiB as well).
    max_import_bytes: int = 5 * 1024 * 1024

    # Rate limits (attempts in any rate_window_s seconds) on the two anonymous, password-handling mutations.
    rate_window_s: int = 300
    login_per_address: int = 30
    login_per_account: int = 10
    register_per_address: int = 10

    # Personal access tokens (`Bearer jm_pat_…`): how long an exchanged access token is reused (at most;
    # never within 10 s of its expiry), and requests per minute allowed per token.
    pat_cache_s: float = 40.0
    pat_requests_per_minute: int = 600

    # Server-sent events.
    sse_ping_s: float = 15.0
    sse_send_timeout_s: float = 30.0
    sse_queue_size: int = 256  # a client this far behind is dropped; it reconnects with Last-Event-ID
    sse_block_ms: int = 1000  # how long one XREAD waits; bounds how soon a new user's first event shows
    sse_ticket_ttl_s: int = 60
    # How often an open stream's credential is checked again (PAT streams: pat_cache_s): how soon signing
    # out ends the streams the session's tokens opened. A stream also ends when that token expires.
    sse_recheck_s: float = 15.0

    # Net container allocations between two young collections of the garbage collector (CPython: 700), the
    # objects alive after start-up frozen out of collections (common.gc_tuning); 0 leaves the collector as is.
    gc_young_threshold: int = 10_000

    # Base URL that links handed to clients (calendar) start with; empty: taken from the request.
    public_url: str = ""

    # The built web app served at `/` (gateway.webapp); empty: web/dist in the repository.
    web_dist_dir: str = ""
