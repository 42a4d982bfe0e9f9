"""ai_coach's types: what the analysis engines read and return, and what the CV parser finds.

They are plain dataclasses that know nothing of gRPC, Redis or PostgreSQL; `ai_coach.convert` is the one
place that translates them to and from the owners' protobuf messages.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from common import pay


# --- what the engines read ---------------------------------------------------------------------------
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


# Working time per period, to compare salaries quoted per hour, month or year (one table for every service).
PERIODS_PER_YEAR = pay.PERIODS_PER_YEAR


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
class ProfileExperience:
    title: str
    company: str = ""
    start: date | None = None
    end: date | None = None  # None: current position
    description: str = ""


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
    experience: list[ProfileExperience] = field(default_factory=list)
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


# --- what the engines return --------------------------------------------------------------------------
@dataclass(slots=True)
class BreakdownComponent:
    """One weighted part of the score: weight * score contributes to the 0-100 total."""

    name: str
    weight: float
    score: float  # 0..1
    explanation: str


@dataclass(slots=True)
class AtsAdvice:
    keywords_to_add: list[str] = field(default_factory=list)  # skills the candidate has but the CV does not say
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
    # With the fit score as the basis (HeuristicEngine(fit=...)): how much the texts allowed to judge
    # (0..1), and what the posting or profile lacks to judge well. None / empty otherwise.
    confidence: float | None = None
    confidence_notes: list[str] = field(default_factory=list)


# --- what the CV parser finds --------------------------------------------------------------------------
LinkKind = Literal["linkedin", "github", "website", "other"]

# Canonical section names, in the order a reader usually meets them.
SECTION_NAMES = (
    "summary",
    "experience",
    "education",
    "skills",
    "certifications",
    "projects",
    "languages",
)


@dataclass(slots=True)
class Link:
    kind: LinkKind
    url: str


@dataclass(slots=True)
class Contact:
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    links: list[Link] = field(default_factory=list)


@dataclass(slots=True)
class ExperienceEntry:
    title: str | None = None
    company: str | None = None
    location: str | None = None
    start: str | None = None  # "2019-03", "2019"
    end: str | None = None  # "2019-03", "2019" or "present"
    description: str = ""


@dataclass(slots=True)
class EducationEntry:
    institution: str | None = None
    degree: str | None = None
    field: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class ProjectEntry:
    name: str
    description: str = ""
    url: str | None = None


@dataclass(slots=True)
class LanguageEntry:
    name: str
    level: str | None = None


@dataclass(slots=True)
class ParsedCv:
    """Everything read from one CV. Empty fields mean "not found", never a guess."""

    full_name: str | None = None
    headline: str | None = None
    summary: str | None = None
    contact: Contact = field(default_factory=Contact)
    skills: list[str] = field(default_factory=list)
    experience: list[ExperienceEntry] = field(default_factory=list)
    education: list[EducationEntry] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    projects: list[ProjectEntry] = field(default_factory=list)
    languages: list[LanguageEntry] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    language: str | None = None  # en, fr, de, ru, es
    text: str = ""
    page_count: int = 0
    # Fields whose reader failed on this CV (a layout no rule foresaw): left empty, the rest still read.
    unread: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
