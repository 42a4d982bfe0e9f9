"""Remotive: `GET /api/remote-jobs` on remotive.com (remote jobs only).

Remotive's terms ask API users to call it only a few times a day (its jobs are published with a
delay anyway) and to link back to the job's Remotive URL, credited to Remotive. The posting's
`url` and `source_urls` keep that Remotive URL. Salary is free text ("$90k - $105k").
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import timedelta
from typing import Any

from discovery_service.domain import Fetcher, Posting, RemoteType, SearchQuery
from discovery_service.sources.base import (
    BoardSource,
    ParamSpec,
    describe,
    expect_list,
    expect_object,
    normalise_employment_type,
    optional_text,
    parse_items,
    parse_salary_text,
    parse_timestamp,
    required_text,
    unique,
)

NAME = "remotive"


def parse_remotive_payload(payload: Any) -> list[Posting]:
    """Postings from a Remotive `remote-jobs` response ({"jobs": [...]})."""
    jobs = expect_list(NAME, expect_object(NAME, payload).get("jobs"), "'jobs'")
    return parse_items(NAME, jobs, _parse_job)


def _parse_job(job: Mapping[str, Any]) -> Posting:
    region = optional_text(job.get("candidate_required_location"))
    description_text, description_html = describe(optional_text(job.get("description")))
    tags = job.get("tags") if isinstance(job.get("tags"), list) else []
    return Posting(
        source=NAME,
        external_id=required_text(job, "id"),
        url=required_text(job, "url"),
        title=required_text(job, "title"),
        company=optional_text(job.get("company_name")),
        locations=unique(region.split(",")),
        remote_type=RemoteType.REMOTE,
        salary=parse_salary_text(job.get("salary")),
        employment_type=normalise_employment_type(job.get("job_type")),
        description_text=description_text,
        description_html=description_html,
        skills=unique(tags),
        posted_at=parse_timestamp(job.get("publication_date")),
        raw=job,
    )


class RemotiveSource(BoardSource):
    name = NAME
    default_base_url = "https://remotive.com"
    # "A few calls a day" per Remotive's API terms: at most four a day.
    min_fetch_interval = timedelta(hours=6)
    PARAMS = (
        ParamSpec("category", "a Remotive category slug, e.g. software-dev", pattern=r"[a-z0-9-]{1,64}"),
        ParamSpec("search", "words to search in titles and descriptions"),
    )

    async def _fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: dict[str, Any]
    ) -> AsyncIterator[Posting]:
        request_params = {key: params[key] for key in ("category", "search") if key in params}
        payload = await self._get_json(
            fetcher, f"{self.base_url}/api/remote-jobs", params=request_params or None
        )
        for posting in parse_remotive_payload(payload):
            yield posting


SOURCE = RemotiveSource()
