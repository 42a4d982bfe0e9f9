"""Analysis engines for ai_coach: pure functions of ai_coach.domain's dataclasses, no gRPC, no Redis.

``build_engine`` picks the engine: the LLM engine when an LLM is configured (a ``JsonChatClient``), the
heuristic engine otherwise. ``HeuristicEngine().analyze(job, profile, search)`` is synchronous (and
CPU-bound); ``await LlmEngine(client).analyze(job, profile, search)`` runs the heuristic, then the model.
"""

from __future__ import annotations

from ai_coach.llm_client import JsonChatClient

from .heuristic import WEIGHTS, HeuristicEngine
from .llm import LLM_SCORE_BAND, LlmEngine


def build_engine(llm: JsonChatClient | None = None) -> HeuristicEngine | LlmEngine:
    """The LLM engine over `llm` when there is one (JsonChatClient.configured), else the heuristic one."""
    return LlmEngine(llm) if llm is not None else HeuristicEngine()


__all__ = ["LLM_SCORE_BAND", "WEIGHTS", "HeuristicEngine", "LlmEngine", "build_engine"]
