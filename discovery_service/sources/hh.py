"""HH.ru (HeadHunter): vacancy search `GET /vacancies` and vacancy detail `GET /vacancies/{id}` on api.hh.ru.

The API requires an `HH-User-Agent` header naming the application and a contact; it is sent on
every call. Calls are anonymous unless the saved search carries the user's OAuth token, which is
then sent as `Authorization: Bearer`. Search results can be paged only to a depth of 2,000
(`per_page * (page + 1) <= 2000`), so a search reads at most that many vacancies.

Search items carry only a snippet; the detail call adds the full description and `key_skills`.
A vacancy removed between the search and its detail call (404) keeps its search data.
Salary is mapped exactly: `from`/`to` as given, `gross` as given (True before tax, False net),
the currency normalised to ISO 4217 (hh's "RUR" is "RUB", its "BYR" is today's "BYN"); hh.ru
publishes monthly salaries unless `salary_range.mode` says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Mapping
from datetime import timedelta
from typing import Any

from discovery_service.domain import (
    Fetcher,
    Posting,
    RemoteType,
    Salary,
    SalaryPeriod,
    SearchQuery,
    SourceError,
)
from discovery_service.sources.base import (
    BoardSource,
    ParamSpec,
    describe,
    expect_list,
    expect_object,
    normalise_currency,
    optional_text,
    parse_items,
    parse_timestamp,
    required_text,
    unique,
)
from discovery_service.web.fetch import FetchError

NAME = "hh"
MAX_DEPTH = 2000  # hh.ru returns nothing beyond the 2,000th result of a search
MAX_PER_PAGE = 100
DEFAULT_USER_AGENT = "JobMate/0.1 (self-hosted job-search copilot)"

EXPERIENCE = ("noExperience", "between1And3", "between3And6", "moreThan6")
EMPLOYMENT = ("full", "part", "project", "volunteer", "probation")
SCHEDULE = ("fullDay", "shift", "flexible", "remote", "flyInFlyOut")

_EMPLOYMENT_TYPES = {
    "full": "FULL_TIME",
    "part": "PART_TIME",
    "project": "CONTRACT",
    "probation": "INTERNSHIP",
    # newer `employment_form` ids
    "FULL": "FULL_TIME",
    "PART": "PART_TIME",
    "PROJECT": "CONTRACT",
}
_WORK_FORMATS = {"REMOTE": RemoteType.REMOTE, "HYBRID": RemoteType.HYBRID, "ON_SITE": RemoteType.ON_SITE}
_SALARY_MODES = {"MONTH": SalaryPeriod.MONTH, "HOUR": SalaryPeriod.HOUR, "SHIFT": SalaryPeriod.DAY}
_VACANCY_ID = re.compile(r"\d{1,12}")


def parse_hh_search_payload(payload: Any) -> list[Posting]:
    """Postings from a `GET /vacancies` search response (description = the search snippet)."""
    items = expect_list(NAME, expect_object(NAME, payload).get("items"), "'items'")
    return parse_items(NAME, items, lambda item: vacancy_to_posting(item, detailed=False))


def parse_hh_vacancy_payload(payload: Any) -> Posting:
    """The posting from a `GET /vacancies/{id}` detail response (full description, key skills)."""
    vacancy = expect_object(NAME, payload, "the vacancy")
    try:
        return vacancy_to_posting(vacancy, detailed=True)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SourceError(NAME, f"unexpected shape: vacancy {vacancy.get('id')!r}: {error}") from error


def vacancy_to_posting(vacancy: Mapping[str, Any], *, detailed: bool) -> Posting:
    employer = vacancy.get("employer") if isinstance(vacancy.get("employer"), Mapping) else {}
    area = vacancy.get("area") if isinstance(vacancy.get("area"), Mapping) else {}
    if detailed:
        description_html = optional_text(vacancy.get("description"))
    else:
        snippet = vacancy.get("snippet") if isinstance(vacancy.get("snippet"), Mapping) else {}
        parts = [optional_text(snippet.get(key)) for key in ("responsibility", "requirement")]
        description_html = "".join(f"<p>{part}</p>" for part in parts if part)
    description_text, clean_html = describe(description_html)
    key_skills = [
        skill.get("name") for skill in vacancy.get("key_skills") or [] if isinstance(skill, Mapping)
    ]
    return Posting(
        source=NAME,
        external_id=required_text(vacancy, "id"),
        url=optional_text(vacancy.get("alternate_url")) or required_text(vacancy, "url"),
        title=required_text(vacancy, "name"),
        company=optional_text(employer.get("name")),
        locations=unique([area.get("name")]),
        remote_type=_remote_type(vacancy),
        salary=_salary(vacancy),
        employment_type=_employment_type(vacancy),
        description_text=description_text,
        description_html=clean_html,
        skills=unique(key_skills),
        posted_at=parse_timestamp(vacancy.get("published_at") or vacancy.get("created_at")),
        raw=vacancy,
    )


def _ids(value: Any) -> list[str]:
    """The `id`s of a dictionary entry or a list of them ({"id": "remote", "name": ...})."""
    entries = value if isinstance(value, list) else [value]
    return [str(entry["id"]) for entry in entries if isinstance(entry, Mapping) and entry.get("id")]


def _remote_type(vacancy: Mapping[str, Any]) -> RemoteType:
    formats = {_WORK_FORMATS[fid] for fid in _ids(vacancy.get("work_format")) if fid in _WORK_FORMATS}
    if RemoteType.HYBRID in formats or {RemoteType.REMOTE, RemoteType.ON_SITE} <= formats:
        return RemoteType.HYBRID
    if formats:
        return formats.pop()
    # The older `schedule` dictionary says "remote" explicitly; "full day" or "shifts" do not say
    # where the work happens, so those stay UNKNOWN.
    return RemoteType.REMOTE if "remote" in _ids(vacancy.get("schedule")) else RemoteType.UNKNOWN


def _employment_type(vacancy: Mapping[str, Any]) -> str:
    for key in ("employment_form", "employment"):
        for employment_id in _ids(vacancy.get(key)):
            if employment_id in _EMPLOYMENT_TYPES:
                return _EMPLOYMENT_TYPES[employment_id]
    return ""


def _salary(vacancy: Mapping[str, Any]) -> Salary:
    salary = vacancy.get("salary_range") or vacancy.get("salary")
    if not isinstance(salary, Mapping):
        return Salary()
    low, high, gross = salary.get("from"), salary.get("to"), salary.get("gross")
    mode_ids = _ids(salary.get("mode"))
    period = _SALARY_MODES.get(mode_ids[0], SalaryPeriod.UNKNOWN) if mode_ids else SalaryPeriod.MONTH
    return Salary(
        min=float(low) if isinstance(low, int | float) and not isinstance(low, bool) else None,
        max=float(high) if isinstance(high, int | float) and not isinstance(high, bool) else None,
        currency=normalise_currency(salary.get("currency")),
        period=period,
        gross=gross if isinstance(gross, bool) else None,
    )


def search_text(query: SearchQuery) -> str:
    """hh.ru's query language: the search's titles OR-ed (phrases quoted), else its keywords."""
    titles = [title.strip() for title in query.titles if title.strip()]
    if titles:
        return " OR ".join(f'"{title}"' if " " in title else title for title in titles)
    return " ".join(keyword.strip() for keyword in query.keywords if keyword.strip())


class HhSource(BoardSource):
    name = NAME
    default_base_url = "https://api.hh.ru"
    min_fetch_interval = timedelta(minutes=30)
    PARAMS = (
        ParamSpec("text", "search text in hh.ru's query language (default: the search's titles)"),
        ParamSpec("area", "hh.ru area ids, e.g. 1 for Moscow, 113 for Russia", kind=list, pattern=r"\d{1,7}"),
        ParamSpec("experience", "required experience", choices=EXPERIENCE),
        ParamSpec("employment", "employment types", kind=list, choices=EMPLOYMENT),
        ParamSpec("schedule", "work schedules", kind=list, choices=SCHEDULE),
        ParamSpec("salary", "the salary the vacancy must offer", kind=int, min_value=0),
        ParamSpec(
            "currency", "currency of `salary` (hh.ru codes: RUR, USD, EUR, KZT, ...)", pattern=r"[A-Z]{3}"
        ),
        ParamSpec("only_with_salary", "only vacancies that state a salary", kind=bool),
        ParamSpec(
            "period", "only vacancies published in the last N days", kind=int, min_value=1, max_value=30
        ),
        ParamSpec(
            "max_results",
            "how many vacancies to read at most",
            kind=int,
            default=100,
            min_value=1,
            max_value=MAX_DEPTH,
        ),
        ParamSpec("details", "read each vacancy's full description and key skills", kind=bool, default=True),
        ParamSpec("oauth_token", "the user's hh.ru OAuth access token (optional)", secret=True),
    )

    def __init__(self, base_url: str | None = None, *, user_agent: str = DEFAULT_USER_AGENT) -> None:
        super().__init__(base_url)
        if not user_agent.strip():
            raise ValueError("hh.ru requires a non-empty HH-User-Agent")
        self.user_agent = user_agent

    def headers(self, params: Mapping[str, Any]) -> dict[str, str]:
        headers = {"HH-User-Agent": self.user_agent}
        if params.get("oauth_token"):
            headers["Authorization"] = f"Bearer {params['oauth_token']}"
        return headers

    def search_params(
        self, query: SearchQuery, params: Mapping[str, Any], page: int, per_page: int
    ) -> dict[str, Any]:
        request: dict[str, Any] = {"page": page, "per_page": per_page, "order_by": "publication_time"}
        text = params.get("text") or search_text(query)
        if text:
            request["text"] = text
        for key in ("area", "experience", "employment", "schedule", "salary", "currency", "period"):
            if key in params:
                request[key] = params[key]
        if params.get("only_with_salary"):
            request["only_with_salary"] = "true"
        return request

    async def _fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: dict[str, Any]
    ) -> AsyncIterator[Posting]:
        headers = self.headers(params)
        max_results = params["max_results"]
        per_page = min(MAX_PER_PAGE, max_results)
        yielded = 0
        page = 0
        while True:
            payload = await self._get_json(
                fetcher,
                f"{self.base_url}/vacancies",
                params=self.search_params(query, params, page, per_page),
                headers=headers,
            )
            postings = parse_hh_search_payload(payload)
            for posting in postings:
                if yielded >= max_results:
                    return
                if params["details"]:
                    posting = await self._detailed(fetcher, posting, headers)
                yield posting
                yielded += 1
            pages = payload.get("pages")
            page += 1
            if (
                not postings
                or yielded >= max_results
                or not isinstance(pages, int)
                or page >= pages
                or (page + 1) * per_page > MAX_DEPTH
            ):
                return

    async def _detailed(self, fetcher: Fetcher, posting: Posting, headers: Mapping[str, str]) -> Posting:
        if not _VACANCY_ID.fullmatch(posting.external_id):
            raise SourceError(NAME, f"unexpected shape: vacancy id {posting.external_id!r} is not numeric")
        try:
            payload = await self._get_json(
                fetcher, f"{self.base_url}/vacancies/{posting.external_id}", headers=headers
            )
        except FetchError as error:
            if getattr(error, "status", None) == 404:
                return posting  # closed since the search: its search data is all there is
            raise
        return parse_hh_vacancy_payload(payload)


SOURCE = HhSource()
