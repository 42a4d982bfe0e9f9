"""Workable accounts: the public widget API `GET /api/v1/widget/accounts/{account}?details=true`
on apply.workable.com, which returns the account's name and all its published jobs in one call.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import timedelta
from typing import Any

from discovery_service.domain import Fetcher, Posting, RemoteType, SearchQuery
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
    remote_type_from_text,
    remote_type_from_workplace,
    required_text,
    unique,
)

NAME = "workable"


def parse_workable_payload(payload: Any, *, account: str = "") -> list[Posting]:
    """Postings from a Workable widget-account response ({"name": ..., "jobs": [...]})."""
    body = expect_object(NAME, payload)
    jobs = expect_list(NAME, body.get("jobs"), "'jobs'")
    company = optional_text(body.get("name")) or account
    return parse_items(NAME, jobs, lambda job: _parse_job(job, company))


def _parse_job(job: Mapping[str, Any], company: str) -> Posting:
    listed = [loc for loc in job.get("locations") or [] if isinstance(loc, Mapping) and not loc.get("hidden")]
    locations = unique(
        join_location(loc.get("city"), loc.get("region"), loc.get("country")) for loc in listed
    )
    if not locations:
        locations = unique([join_location(job.get("city"), job.get("state"), job.get("country"))])
    remote_type = remote_type_from_workplace(job.get("workplace"))
    if remote_type is RemoteType.UNKNOWN:
        # `telecommuting: false` only says "not fully remote" (it may be hybrid), so it stays UNKNOWN.
        remote_type = (
            RemoteType.REMOTE if job.get("telecommuting") is True else remote_type_from_text(*locations)
        )
    description_text, description_html = describe(optional_text(job.get("description")))
    url = (
        optional_text(job.get("url"))
        or optional_text(job.get("shortlink"))
        or required_text(job, "application_url")
    )
    return Posting(
        source=NAME,
        external_id=required_text(job, "shortcode"),
        url=url,
        title=required_text(job, "title"),
        company=company,
        locations=locations,
        remote_type=remote_type,
        employment_type=normalise_employment_type(job.get("employment_type")),
        description_text=description_text,
        description_html=description_html,
        posted_at=parse_timestamp(job.get("published_on") or job.get("created_at")),
        raw=job,
    )


class WorkableSource(BoardSource):
    name = NAME
    default_base_url = "https://apply.workable.com"
    min_fetch_interval = timedelta(hours=1)
    PARAMS = (
        ParamSpec(
            "account",
            "the Workable account, as in apply.workable.com/<account>",
            required=True,
            pattern=SLUG_PATTERN,
        ),
    )

    async def _fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: dict[str, Any]
    ) -> AsyncIterator[Posting]:
        account = params["account"]
        payload = await self._get_json(
            fetcher, f"{self.base_url}/api/v1/widget/accounts/{account}", params={"details": "true"}
        )
        for posting in parse_workable_payload(payload, account=account):
            yield posting


SOURCE = WorkableSource()
