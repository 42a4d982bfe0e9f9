"""Arbeitnow: `GET /api/job-board-api?page=N` on www.arbeitnow.com (jobs in Germany and remote).

Pages are read in order until `links.next` is null (or `max_pages` is reached). The next page is
requested by number on our own host, not by following the URL in the payload, so a response can
never send us elsewhere. Descriptions are HTML escaped as entities once more, like Greenhouse's.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator, Mapping
from datetime import timedelta
from typing import Any

from discovery_service.domain import Fetcher, Posting, RemoteType, SearchQuery, SourceError
from discovery_service.sources.base import (
    BoardSource,
    ParamSpec,
    describe,
    expect_list,
    expect_object,
    normalise_employment_type,
    optional_text,
    parse_items,
    parse_timestamp,
    remote_type_from_text,
    required_text,
    unique,
)

NAME = "arbeitnow"


def parse_arbeitnow_payload(payload: Any) -> list[Posting]:
    """Postings from one page of Arbeitnow's job-board API ({"data": [...], "links": ..., "meta": ...})."""
    jobs = expect_list(NAME, expect_object(NAME, payload).get("data"), "'data'")
    return parse_items(NAME, jobs, _parse_job)


def has_next_page(payload: Mapping[str, Any]) -> bool:
    """True when the page says another follows (`links.next` set); a page without `links` is the last."""
    links = payload.get("links")
    if links is None:
        return False
    if not isinstance(links, Mapping):
        raise SourceError(NAME, "unexpected shape: 'links' is not a JSON object")
    return bool(links.get("next"))


def _parse_job(job: Mapping[str, Any]) -> Posting:
    location = optional_text(job.get("location"))
    remote_type = RemoteType.REMOTE if job.get("remote") is True else remote_type_from_text(location)
    description = job.get("description")
    description_text, description_html = describe(
        html.unescape(description) if isinstance(description, str) else None
    )
    job_types = [value for value in job.get("job_types") or [] if isinstance(value, str)]
    employment = next((found for found in map(normalise_employment_type, job_types) if found), "")
    tags = job.get("tags") if isinstance(job.get("tags"), list) else []
    return Posting(
        source=NAME,
        external_id=required_text(job, "slug"),
        url=required_text(job, "url"),
        title=required_text(job, "title"),
        company=optional_text(job.get("company_name")),
        locations=unique([location]),
        remote_type=remote_type,
        employment_type=employment,
        description_text=description_text,
        description_html=description_html,
        skills=unique(tags),
        posted_at=parse_timestamp(job.get("created_at")),
        raw=job,
    )


class ArbeitnowSource(BoardSource):
    name = NAME
    default_base_url = "https://www.arbeitnow.com"
    min_fetch_interval = timedelta(hours=1)
    PARAMS = (
        ParamSpec(
            "max_pages",
            "how many pages (100 jobs each) to read at most",
            kind=int,
            default=5,
            min_value=1,
            max_value=50,
        ),
        ParamSpec("visa_sponsorship", "only jobs offering visa sponsorship", kind=bool),
    )

    async def _fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: dict[str, Any]
    ) -> AsyncIterator[Posting]:
        for page in range(1, params["max_pages"] + 1):
            request_params: dict[str, Any] = {"page": page}
            if params.get("visa_sponsorship"):
                request_params["visa_sponsorship"] = "true"
            payload = await self._get_json(
                fetcher, f"{self.base_url}/api/job-board-api", params=request_params
            )
            for posting in parse_arbeitnow_payload(payload):
                yield posting
            if not has_next_page(payload):
                return


SOURCE = ArbeitnowSource()
