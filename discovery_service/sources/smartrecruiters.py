"""SmartRecruiters: the public Posting API on api.smartrecruiters.com, per company.

`GET /v1/companies/{company}/postings?limit=100&offset=N` lists a company's published postings
({"offset", "limit", "totalFound", "content": [...]}, at most 100 a page); each item carries the
title (`name`), location, `typeOfEmployment`, `releasedDate`, `language` and `company`, but no text.
`GET /v1/companies/{company}/postings/{id}` adds the job ad (`jobAd.sections`: companyDescription,
jobDescription, qualifications, additionalInformation, each {"title", "text" as HTML}) and the
public `postingUrl`/`applyUrl`. The API is public and needs no key.

A run reads list pages until `totalFound` (or an empty page, or `max_results`), with one
detail call per posting when `details` is on (the default: without it a posting has no text to
filter or analyse). A posting removed between the list and its detail call (404) keeps its list
data; a detail of the wrong shape is logged and the list data kept, so one odd posting does not
cost the board. The public page is `https://jobs.smartrecruiters.com/{company}/{id}` when the
detail does not name one. SmartRecruiters gives no pay field on public postings; the pay is read
from the job ad's own text with the shared pay parser.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import AsyncIterator, Mapping
from datetime import timedelta
from typing import Any

from common.pay import find_pay
from discovery_service.domain import (
    Fetcher,
    Posting,
    RemoteType,
    Salary,
    SearchQuery,
    SourceError,
)
from discovery_service.sources.base import (
    SLUG_PATTERN,
    BoardSource,
    ParamSpec,
    describe,
    expect_list,
    expect_object,
    join_location,
    normalise_employment_type,
    optional_text,
    parse_items,
    parse_timestamp,
    remote_type_from_workplace,
    required_text,
    salary_from_pay,
    unique,
)
from discovery_service.web.fetch import FetchError

NAME = "smartrecruiters"
PAGE_SIZE = 100  # the API's maximum `limit`
MAX_RESULTS = 1000
PUBLIC_JOBS_URL = "https://jobs.smartrecruiters.com"
# The job ad's sections in the order SmartRecruiters' own job page shows them.
SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
# Where a posting's pay is stated, when it is: not in the company's self-description (funding, revenue).
PAY_SECTIONS = ("jobDescription", "qualifications", "additionalInformation")
_POSTING_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")  # numeric ids today; uuids are accepted too

logger = logging.getLogger(__name__)


def parse_smartrecruiters_list_payload(payload: Any, *, company: str = "") -> list[Posting]:
    """Postings (without text) from one page of `GET /v1/companies/{company}/postings`."""
    content = expect_list(NAME, expect_object(NAME, payload).get("content"), "'content'")
    return parse_items(NAME, content, lambda item: posting_to_posting(item, company=company))


def parse_smartrecruiters_posting_payload(payload: Any, *, company: str = "") -> Posting:
    """The full posting from `GET /v1/companies/{company}/postings/{id}` (ValueError if malformed)."""
    item = expect_object(NAME, payload, "the posting")
    return posting_to_posting(item, company=company)


def posting_to_posting(item: Mapping[str, Any], *, company: str = "") -> Posting:
    external_id = required_text(item, "id")
    if not _POSTING_ID.fullmatch(external_id):
        raise ValueError(f"posting id {external_id!r} has unexpected characters")
    organisation = _mapping(item.get("company"))
    location = _mapping(item.get("location"))
    job_ad = _mapping(item.get("jobAd"))
    sections = _mapping(job_ad.get("sections"))
    description_text, description_html = describe(*_section_fragments(sections))
    salary = salary_from_sections(sections)
    employment = _mapping(item.get("typeOfEmployment"))
    language = _mapping(item.get("language"))
    own_url = optional_text(item.get("postingUrl"))
    if not own_url.startswith(("https://", "http://")):
        own_url = f"{PUBLIC_JOBS_URL}/{company}/{external_id}" if company else ""
    if not own_url:
        raise ValueError("no company identifier to build the posting's URL from")
    return Posting(
        source=NAME,
        external_id=external_id,
        url=own_url,
        title=required_text(item, "name"),
        company=optional_text(organisation.get("name")) or company,
        locations=unique([optional_text(location.get("fullLocation")) or _joined_location(location)]),
        remote_type=_remote_type(location),
        salary=salary,
        employment_type=normalise_employment_type(optional_text(employment.get("label")))
        or normalise_employment_type(optional_text(employment.get("id"))),
        description_text=description_text,
        description_html=description_html,
        posted_at=parse_timestamp(item.get("releasedDate")),
        raw=item,
        language=optional_text(language.get("code")).lower()[:2],
        inferred_fields=["salary"] if salary.min is not None or salary.max is not None else [],
    )


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _joined_location(location: Mapping[str, Any]) -> str:
    country = optional_text(location.get("country"))
    return join_location(
        location.get("city"), location.get("region"), country.upper() if len(country) == 2 else country
    )


def _remote_type(location: Mapping[str, Any]) -> RemoteType:
    if location.get("remote") is True:
        return RemoteType.REMOTE
    if location.get("hybrid") is True:
        return RemoteType.HYBRID
    stated = remote_type_from_workplace(location.get("locationType"))
    if stated is not RemoteType.UNKNOWN:
        return stated
    # Newer payloads say both; only then does "neither remote nor hybrid" mean on site.
    if location.get("remote") is False and location.get("hybrid") is False:
        return RemoteType.ON_SITE
    return RemoteType.UNKNOWN


def _section_fragments(sections: Mapping[str, Any]) -> list[str]:
    fragments: list[str] = []
    for key in SECTIONS:
        section = _mapping(sections.get(key))
        text = optional_text(section.get("text"))
        if not text:
            continue
        heading = optional_text(section.get("title"))
        if heading:
            fragments.append(f"<h3>{html.escape(heading)}</h3>")
        fragments.append(text)
    return fragments


def salary_from_sections(sections: Mapping[str, Any]) -> Salary:
    """The pay the job ad states in its own sections (not the company's self-description, where
    funding and revenue are), read by the shared pay parser; unknown if none."""
    text, _ = describe(*(optional_text(_mapping(sections.get(key)).get("text")) for key in PAY_SECTIONS))
    return salary_from_pay(find_pay(text))


class SmartRecruitersSource(BoardSource):
    name = NAME
    default_base_url = "https://api.smartrecruiters.com"
    min_fetch_interval = timedelta(hours=1)
    PARAMS = (
        ParamSpec(
            "company",
            "the company identifier, as in jobs.smartrecruiters.com/<company>",
            required=True,
            pattern=SLUG_PATTERN,
        ),
        ParamSpec("q", "words to search for in the company's postings"),
        ParamSpec(
            "country", "only postings in this country (two-letter code, e.g. de)", pattern=r"[A-Za-z]{2}"
        ),
        ParamSpec(
            "max_results",
            "how many postings to read at most",
            kind=int,
            default=100,
            min_value=1,
            max_value=MAX_RESULTS,
        ),  # fmt: skip
        ParamSpec("details", "read each posting's job ad (its text)", kind=bool, default=True),
    )

    async def _fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: dict[str, Any]
    ) -> AsyncIterator[Posting]:
        company = params["company"]
        max_results = params["max_results"]
        listing_url = f"{self.base_url}/v1/companies/{company}/postings"
        yielded = offset = 0
        while yielded < max_results:
            request: dict[str, Any] = {"limit": min(PAGE_SIZE, max_results - yielded), "offset": offset}
            if params.get("q"):
                request["q"] = params["q"]
            if params.get("country"):
                request["country"] = params["country"].lower()
            payload = await self._get_json(fetcher, listing_url, params=request)
            postings = parse_smartrecruiters_list_payload(payload, company=company)
            for posting in postings[: max_results - yielded]:
                if params["details"]:
                    posting = await self._detailed(fetcher, listing_url, posting, company)
                yield posting
                yielded += 1
            content = payload["content"]
            offset += len(content)
            total = payload.get("totalFound")
            has_total = isinstance(total, int) and not isinstance(total, bool)
            # The API may serve fewer than asked for, so a short page ends the run only when the
            # response does not say how many there are.
            if not content or (offset >= total if has_total else len(content) < request["limit"]):
                return

    async def _detailed(self, fetcher: Fetcher, listing_url: str, posting: Posting, company: str) -> Posting:
        try:
            payload = await self._get_json(fetcher, f"{listing_url}/{posting.external_id}")
        except FetchError as error:
            if error.status == 404:
                return posting  # unpublished since the list was read: its list data is all there is
            raise
        try:
            detailed = parse_smartrecruiters_posting_payload(payload, company=company)
        except (SourceError, ValueError, TypeError, AttributeError, KeyError) as error:
            logger.warning(
                "%s: posting %s: detail unreadable, list data kept: %s", NAME, posting.external_id, error
            )
            return posting
        if detailed.external_id != posting.external_id:
            logger.warning("%s: posting %s: detail names id %s, list data kept", NAME, posting.external_id,
                           detailed.external_id)  # fmt: skip
            return posting
        return detailed


SOURCE = SmartRecruitersSource()
