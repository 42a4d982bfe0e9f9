"""Analysis engines for ai_coach: pure functions of plain dataclasses, no gRPC, no Redis.

``build_engine`` picks the engine from settings: the LLM engine only when both an LLM base URL and a
model are configured, the heuristic engine otherwise. Both offer ``await engine.analyze_async(job,
profile, search)``; ``HeuristicEngine.analyze`` is also available synchronously.
"""

from __future__ import annotations

from .heuristic import WEIGHTS, HeuristicEngine
from .llm import LLM_SCORE_BAND, LlmEngine
from .models import (
    Analysis,
    AtsAdvice,
    BreakdownComponent,
    EducationEntry,
    ExperienceEntry,
    JobInput,
    LanguageSkill,
    ProfileInput,
    ProfileSkill,
    RemoteType,
    SalaryPeriod,
    SearchInput,
    TokenUsage,
)
from .vocabulary import SkillVocabulary, load_vocabulary


def build_engine(
    llm_base_url: str | None = None,
    llm_model: str | None = None,
    llm_api_key: str | None = None,
    llm_timeout_s: float = 30.0,
) -> HeuristicEngine | LlmEngine:
    """The LLM engine when ``llm_base_url`` and ``llm_model`` are both set, else the heuristic one."""
    heuristic = HeuristicEngine()
    if llm_base_url and llm_model:
        return LlmEngine(
            base_url=llm_base_url,
            api_key=llm_api_key or "",
            model=llm_model,
            timeout_s=llm_timeout_s,
            heuristic=heuristic,
        )
    return heuristic


__all__ = [
    "LLM_SCORE_BAND",
    "WEIGHTS",
    "Analysis",
    "AtsAdvice",
    "BreakdownComponent",
    "EducationEntry",
    "ExperienceEntry",
    "HeuristicEngine",
    "JobInput",
    "LanguageSkill",
    "LlmEngine",
    "ProfileInput",
    "ProfileSkill",
    "RemoteType",
    "SalaryPeriod",
    "SearchInput",
    "SkillVocabulary",
    "TokenUsage",
    "build_engine",
    "load_vocabulary",
]
