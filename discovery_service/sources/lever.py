"""Lever postings: `GET /v0/postings/{company}?mode=json` on api.lever.co (or api.eu.lever.co for
accounts hosted in the EU; the `region` parameter picks the host, never a free-form URL).

Lever pages with `skip`/`limit`; we read pages of 100 until a short page. The description is the
posting's `description` followed by each of its `lists` (a heading and <li> items) and `additional`,
as Lever's own job page shows them. `salaryRange` and `workplaceType` are mapped when present.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator, Mapping
from datetime import timedelta
from typing import Any

from discovery_service.domain import Fetcher, Posting, RemoteType, Salary, SearchQuery
from discovery_service.sources.base import (
    SLUG_PATTERN,
    BoardSource,
    ParamSpec,
    describe,
    expect_list,
    normalise_currency,
    normalise_employment_type,
    optional_text,
    parse_items,
    parse_timestamp,
    remote_type_from_text,
    remote_type_from_workplace,
    required_text,
    salary_period_from_text,
    unique,
)

NAME = "lever"
PAGE_SIZE = 100
MAX_PAGES = 50  # 5,000 postings: far more than any single company board


def parse_lever_payload(payload: Any, *, company: str = "") -> list[Posting]:
    """Postings from a Lever `postings/{company}?mode=json` response (a JSON array)."""
    postings = expect_list(NAME, payload, "the response")
    return parse_items(NAME, postings, lambda posting: _parse_posting(posting, company))


def _parse_posting(posting: Mapping[str, Any], company: str) -> Posting:
    categories = posting.get("categories") if isinstance(posting.get("categories"), Mapping) else {}
    all_locations = categories.get("allLocations")
    locations = unique(all_locations if isinstance(all_locations, list) else [categories.get("location")])
    remote_type = remote_type_from_workplace(posting.get("workplaceType"))
    if remote_type is RemoteType.UNKNOWN:
        remote_type = remote_type_from_text(*locations)
    description_text, description_html = describe(*_description_fragments(posting))
    return Posting(
        source=NAME,
        external_id=required_text(posting, "id"),
        url=optional_text(posting.get("hostedUrl")) or required_text(posting, "applyUrl"),
        title=required_text(posting, "text"),
        company=company,
        locations=locations,
        remote_type=remote_type,
        salary=_salary(posting.get("salaryRange")),
        employment_type=normalise_employment_type(categories.get("commitment")),
        description_text=description_text,
        description_html=description_html,
        posted_at=parse_timestamp(posting.get("createdAt")),
        raw=posting,
    )


def _description_fragments(posting: Mapping[str, Any]) -> list[str]:
    """The description, then each list as a heading and its items, then the closing text."""
    fragments = [optional_text(posting.get("description"))]
    for section in posting.get("lists") or []:
        if not isinstance(section, Mapping):
            continue
        heading = optional_text(section.get("text"))
        if heading:
            fragments.append(f"<h3>{html.escape(heading)}</h3>")
        fragments.append(f"<ul>{optional_text(section.get('content'))}</ul>")
    fragments.append(optional_text(posting.get("additional")))
    return fragments


def _salary(salary_range: Any) -> Salary:
    if not isinstance(salary_range, Mapping):
        return Salary()
    low, high = salary_range.get("min"), salary_range.get("max")
    return Salary(
        min=float(low) if isinstance(low, int | float) and not isinstance(low, bool) else None,
        max=float(high) if isinstance(high, int | float) and not isinstance(high, bool) else None,
        currency=normalise_currency(salary_range.get("currency")),
        period=salary_period_from_text(salary_range.get("interval")),
    )


class LeverSource(BoardSource):
    name = NAME
    default_base_url = "https://api.lever.co"
    default_eu_base_url = "https://api.eu.lever.co"
    min_fetch_interval = timedelta(hours=1)
    PARAMS = (
        ParamSpec(
            "company",
            "the company's Lever name, as in jobs.lever.co/<company>",
            required=True,
            pattern=SLUG_PATTERN,
        ),
        ParamSpec("region", "where the Lever account is hosted", choices=("global", "eu"), default="global"),
        ParamSpec("company_name", "the company name to show (Lever's API does not give one)"),
    )

    def __init__(self, base_url: str | None = None, eu_base_url: str | None = None) -> None:
        super().__init__(base_url)
        self.eu_base_url = (eu_base_url or self.default_eu_base_url).rstrip("/")

    async def _fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: dict[str, Any]
    ) -> AsyncIterator[Posting]:
        company = params["company"]
        host = self.eu_base_url if params["region"] == "eu" else self.base_url
        for page in range(MAX_PAGES):
            payload = await self._get_json(
                fetcher,
                f"{host}/v0/postings/{company}",
                params={"mode": "json", "skip": page * PAGE_SIZE, "limit": PAGE_SIZE},
            )
            for posting in parse_lever_payload(payload, company=params.get("company_name") or company):
                yield posting
            if len(payload) < PAGE_SIZE:
                return


SOURCE = LeverSource()
