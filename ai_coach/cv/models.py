"""The parsed-CV data model: what the worker stores in the profile and sends with EVENT_CV_PARSED."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
