"""ai_coach's own settings, beside the shared ones (environment variables, see .env.example)."""

from __future__ import annotations

from pydantic import Field

from common.settings import Settings


class AiCoachSettings(Settings):
    # ai_coach has no inbound port but this health endpoint (/healthz, /readyz).
    ai_coach_health_port: int = 8084

    # Any OpenAI-compatible endpoint; without a base URL and a model the offline heuristic engine runs.
    llm_base_url: str | None = None
    llm_api_key: str | None = Field(default=None, repr=False)
    llm_model: str | None = None
    llm_timeout_s: float = 30.0

    # Commands worked on at once per replica; how long a replica's claim on a command lasts without
    # renewal (a killed replica's claim expires this fast, so the re-published command can be taken);
    # how long a finished command id is remembered, to drop late duplicates.
    ai_coach_concurrency: int = Field(default=4, ge=1)
    ai_coach_claim_ttl_s: float = Field(default=30.0, gt=0)
    ai_coach_done_ttl_s: float = Field(default=24 * 3600.0, gt=0)
