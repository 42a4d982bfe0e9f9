"""Analysis engines for ai_coach: pure functions of ai_coach.domain's dataclasses, no gRPC, no Redis.

``build_engine`` picks the engine: the LLM engine when an LLM is configured (a ``JsonChatClient``), the
heuristic engine otherwise; given the process's ``FitScorer``, the score is the fit score (the inbox's). ``HeuristicEngine().analyze(job, profile, search)`` is synchronous (and
CPU-bound); ``await LlmEngine(client).analyze(job, profile, search)`` runs the heuristic, then the model.
"""

from __future__ import annotations

from ai_coach.engines.fit import FitScorer
from ai_coach.llm_client import JsonChatClient

from .heuristic import WEIGHTS, HeuristicEngine
from .llm import LLM_SCORE_BAND, LlmEngine


def build_engine(llm: JsonChatClient | None = None, fit: FitScorer | None = None) -> HeuristicEngine | LlmEngine:
    """The LLM engine over `llm` when there is one (JsonChatClient.configured), else the heuristic one;
    with `fit`, the rule-based score is the fit score (the inbox's), which the LLM may refine."""
    heuristic = HeuristicEngine(fit=fit)
    return LlmEngine(llm, heuristic) if llm is not None else heuristic


__all__ = ["LLM_SCORE_BAND", "WEIGHTS", "HeuristicEngine", "LlmEngine", "build_engine"]
