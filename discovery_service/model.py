"""The posting model every job source produces, and the interfaces sources are written against.

A source turns one board's response into `Posting`s; discovery filters, de-duplicates and stores them.
Nothing here knows about gRPC or PostgreSQL, so sources and filters are testable as plain functions.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


class RemoteType(enum.StrEnum):
    UNKNOWN = "UNKNOWN"
    REMOTE = "REMOTE"
    HYBRID = "HYBRID"
    ON_SITE = "ON_SITE"


class SalaryPeriod(enum.StrEnum):
    UNKNOWN = "UNKNOWN"
    HOUR = "HOUR"
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"
    YEAR = "YEAR"


@dataclass(slots=True)
class Salary:
    min: float | None = None
    max: float | None = None
    currency: str | None = None  # ISO 4217, upper case ("EUR", "USD", "RUR" is normalised to "RUB")
    period: SalaryPeriod = SalaryPeriod.UNKNOWN
    gross: bool | None = None  # True: before tax; False: net; None: the board does not say
    text: str | None = None  # the board's own wording when it only gives free text ("$80k - $100k")


@dataclass(slots=True)
class Posting:
    """One job posting, normalised. `raw` keeps the board's payload for debugging and re-parsing."""

    source: str  # source module name: "greenhouse", "lever", "hh", "manual", "url", ...
    external_id: str  # the board's id (stable across runs); for manual adds a generated one
    url: str  # where a person applies or reads the posting
    title: str
    company: str = ""
    locations: list[str] = field(default_factory=list)
    remote_type: RemoteType = RemoteType.UNKNOWN
    salary: Salary = field(default_factory=Salary)
    employment_type: str = ""  # normalised: FULL_TIME, PART_TIME, CONTRACT, INTERNSHIP, TEMPORARY, or ""
    description_text: str = ""  # clean text, paragraphs separated by blank lines, list items as "- "
    description_html: str = ""  # sanitised HTML (safe to render)
    skills: list[str] = field(default_factory=list)  # tags / key skills as the board gives them
    posted_at: datetime | None = None  # timezone-aware (UTC) when known
    raw: Mapping[str, Any] = field(default_factory=dict)
    source_urls: list[str] = field(default_factory=list)  # every URL this posting was seen at
    language: str = ""  # ISO 639-1 when the board says or it is obvious ("en", "ru", "de")

    def __post_init__(self) -> None:
        if self.url and self.url not in self.source_urls:
            self.source_urls.insert(0, self.url)


class SourceError(Exception):
    """A source could not produce postings (HTTP error, malformed JSON, unexpected shape, timeout).

    `reason` is what the discovery run records for this source; other sources of the run go on.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class Fetcher(Protocol):
    """The one HTTP client every source uses (implemented in discovery_service.web.fetch).

    It applies timeouts, a response size cap, retries with jittered backoff honouring Retry-After,
    a per-host rate limit with one request in flight per host, conditional requests and the User-Agent.
    Errors surface as `FetchError` (discovery_service.web.fetch) with a readable reason.
    """

    async def get_json(
        self, url: str, *, params: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None
    ) -> Any: ...

    async def get_text(
        self, url: str, *, params: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None
    ) -> str: ...


@dataclass(slots=True)
class SearchQuery:
    """What a saved search asks for, as sources need it (a projection of the profile's SearchConfig)."""

    titles: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    remote_policy: str = "ANY"  # REMOTE, HYBRID, ON_SITE, ANY
    salary_min: float | None = None
    salary_currency: str | None = None


class JobSource(Protocol):
    """One job board. Modules under discovery_service/sources/ each expose one of these as `SOURCE`."""

    name: str

    def fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: Mapping[str, Any]
    ) -> AsyncIterator[Posting]:
        """Yield the board's postings for this query. `params` are the saved search's per-source
        parameters (e.g. {"board_token": "vercel"} for Greenhouse, {"area": "1"} for HH).
        Raises SourceError when the board cannot be read."""
        ...
