"""Ashby job boards: `GET /posting-api/job-board/{board}?includeCompensation=true` on api.ashbyhq.com.

One call returns the whole board. Postings with `isListed: false` are unlisted (reachable only by
direct link) and are skipped. Salary comes from the compensation block's "Salary" component
(numbers, currency, interval); the human summary line is kept as the salary text.
"""

from __future__ import annotations

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
    expect_object,
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

NAME = "ashby"


def parse_ashby_payload(payload: Any, *, board: str = "") -> list[Posting]:
    """Listed postings from an Ashby job-board response ({"jobs": [...]})."""
    jobs = expect_list(NAME, expect_object(NAME, payload).get("jobs"), "'jobs'")
    return parse_items(NAME, jobs, lambda job: _parse_job(job, board))


def _parse_job(job: Mapping[str, Any], board: str) -> Posting | None:
    if job.get("isListed") is False:
        return None
    secondary = [
        item.get("location") for item in job.get("secondaryLocations") or [] if isinstance(item, Mapping)
    ]
    locations = unique([job.get("location"), *secondary])
    remote_type = remote_type_from_workplace(job.get("workplaceType"))
    if remote_type is RemoteType.UNKNOWN:
        remote_type = RemoteType.REMOTE if job.get("isRemote") is True else remote_type_from_text(*locations)
    description_html = optional_text(job.get("descriptionHtml"))
    description_text, clean_html = describe(description_html)
    if not description_text:
        description_text = optional_text(job.get("descriptionPlain"))
    return Posting(
        source=NAME,
        external_id=required_text(job, "id"),
        url=optional_text(job.get("jobUrl")) or required_text(job, "applyUrl"),
        title=required_text(job, "title"),
        company=board,
        locations=locations,
        remote_type=remote_type,
        salary=_salary(job.get("compensation")),
        employment_type=normalise_employment_type(_spaced(job.get("employmentType"))),
        description_text=description_text,
        description_html=clean_html,
        posted_at=parse_timestamp(job.get("publishedAt")),
        raw=job,
    )


def _spaced(value: Any) -> Any:
    """Ashby writes "FullTime", "PartTime": split the words so the common normaliser reads them."""
    if not isinstance(value, str):
        return value
    return "".join(f" {char}" if char.isupper() and index else char for index, char in enumerate(value))


def _salary(compensation: Any) -> Salary:
    if not isinstance(compensation, Mapping):
        return Salary()
    summary = optional_text(compensation.get("scrapeableCompensationSalarySummary")) or optional_text(
        compensation.get("compensationTierSummary")
    )
    components = [c for c in compensation.get("summaryComponents") or [] if isinstance(c, Mapping)]
    for tier in compensation.get("compensationTiers") or []:
        if isinstance(tier, Mapping):
            components.extend(c for c in tier.get("components") or [] if isinstance(c, Mapping))
    salary_component = next(
        (c for c in components if str(c.get("compensationType", "")).lower() == "salary"), None
    )
    if salary_component is None:
        return Salary(text=summary or None)
    low, high = salary_component.get("minValue"), salary_component.get("maxValue")
    return Salary(
        min=float(low) if isinstance(low, int | float) and not isinstance(low, bool) else None,
        max=float(high) if isinstance(high, int | float) and not isinstance(high, bool) else None,
        currency=normalise_currency(salary_component.get("currencyCode")),
        period=salary_period_from_text(salary_component.get("interval")),
        text=summary or None,
    )


class AshbySource(BoardSource):
    name = NAME
    default_base_url = "https://api.ashbyhq.com"
    min_fetch_interval = timedelta(hours=1)
    PARAMS = (
        ParamSpec(
            "board", "the job board name, as in jobs.ashbyhq.com/<board>", required=True, pattern=SLUG_PATTERN
        ),
        ParamSpec("company_name", "the company name to show (defaults to the board name)"),
    )

    async def _fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: dict[str, Any]
    ) -> AsyncIterator[Posting]:
        board = params["board"]
        payload = await self._get_json(
            fetcher, f"{self.base_url}/posting-api/job-board/{board}", params={"includeCompensation": "true"}
        )
        for posting in parse_ashby_payload(payload, board=params.get("company_name") or board):
            yield posting


SOURCE = AshbySource()
