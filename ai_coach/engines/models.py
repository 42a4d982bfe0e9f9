"""Plain dataclasses the analysis engines take and return.

The engines know nothing of gRPC, Redis or Postgres: the worker maps protobuf messages to these
inputs and stores ``Analysis.to_dict()`` (a JSON-ready dict) through the tracker's RPCs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import Any


class RemoteType(StrEnum):
    REMOTE = "REMOTE"
    HYBRID = "HYBRID"
    ON_SITE = "ON_SITE"
    UNKNOWN = "UNKNOWN"


class SalaryPeriod(StrEnum):
    HOUR = "HOUR"
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"
    YEAR = "YEAR"


# Working time per period, to compare salaries quoted per hour, month or year.
PERIODS_PER_YEAR: dict[SalaryPeriod, float] = {
    SalaryPeriod.HOUR: 2080.0,
    SalaryPeriod.DAY: 260.0,
    SalaryPeriod.WEEK: 52.0,
    SalaryPeriod.MONTH: 12.0,
    SalaryPeriod.YEAR: 1.0,
}


@dataclass(slots=True)
class JobInput:
    """A job posting as the engines see it (description already converted to plain text, ideally)."""

    title: str
    company: str = ""
    description_text: str = ""
    locations: list[str] = field(default_factory=list)
    remote_type: RemoteType = RemoteType.UNKNOWN
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_period: SalaryPeriod = SalaryPeriod.YEAR
    skills: list[str] = field(default_factory=list)  # the board's own tags / key skills
    language: str | None = None  # ISO 639-1 if the board says; detected from the text otherwise
    url: str = ""
    # Structured hints some boards give (hh.ru's experience bracket, Workable's "Mid-Senior level").
    experience_years_min: float | None = None
    seniority: str | None = None


@dataclass(slots=True)
class ProfileSkill:
    name: str
    level: str = ""
    years: float | None = None


@dataclass(slots=True)
class ExperienceEntry:
    title: str
    company: str = ""
    start: date | None = None
    end: date | None = None  # None: current position
    description: str = ""


@dataclass(slots=True)
class EducationEntry:
    institution: str = ""
    degree: str = ""
    field_of_study: str = ""
    end_year: int | None = None


@dataclass(slots=True)
class LanguageSkill:
    name: str
    level: str = ""  # CEFR (A1..C2) or "native"/"fluent"/free text


@dataclass(slots=True)
class ProfileInput:
    full_name: str = ""
    headline: str = ""
    summary: str = ""
    status: str = ""
    skills: list[ProfileSkill] = field(default_factory=list)
    experience: list[ExperienceEntry] = field(default_factory=list)
    education: list[EducationEntry] = field(default_factory=list)
    languages: list[LanguageSkill] = field(default_factory=list)
    location: str = ""
    cv_text: str = ""


@dataclass(slots=True)
class SearchInput:
    cover_letter_template: str = ""
    remote_policy: str = "ANY"  # REMOTE / HYBRID / ON_SITE / ANY
    locations: list[str] = field(default_factory=list)
    salary_min: float | None = None
    salary_currency: str | None = None
    salary_period: SalaryPeriod = SalaryPeriod.YEAR


@dataclass(slots=True)
class BreakdownComponent:
    """One weighted part of the score: weight * score contributes to the 0-100 total."""

    name: str
    weight: float
    score: float  # 0..1
    explanation: str


@dataclass(slots=True)
class AtsAdvice:
    keywords_to_add: list[str] = field(
        default_factory=list
    )  # skills the candidate has but the CV does not say
    missing_skills: list[str] = field(default_factory=list)  # required skills the candidate truly lacks
    tips: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TokenUsage:
    prompt: int = 0
    completion: int = 0
    total: int = 0


@dataclass(slots=True)
class Analysis:
    score: int
    breakdown: list[BreakdownComponent]
    pros: list[str]
    cons: list[str]
    cover_letter: str
    ats_advice: AtsAdvice
    required_skills: list[str]
    nice_to_have_skills: list[str]
    matched_skills: list[str]
    missing_skills: list[str]
    seniority: str | None
    engine: str = "heuristic"  # "heuristic" | "llm"
    model: str | None = None
    language: str = "en"
    fallback_reason: str | None = None
    token_usage: TokenUsage = field(default_factory=TokenUsage)
    timings_ms: dict[str, float] = field(default_factory=dict)
    heuristic_score: int | None = None  # the heuristic's own score, kept when the LLM adjusts it
    score_adjustment: int = 0
    adjustment_reasons: list[str] = field(default_factory=list)
    required_years: float | None = None
    candidate_years: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["breakdown"] = [BreakdownComponent(**part) for part in data.get("breakdown", [])]
        values["ats_advice"] = AtsAdvice(**data.get("ats_advice", {}))
        values["token_usage"] = TokenUsage(**data.get("token_usage", {}))
        return cls(**values)
