"""Greenhouse job boards: `GET /v1/boards/{board_token}/jobs?content=true` on boards-api.greenhouse.io.

One call returns the whole board (no paging). `content` is HTML escaped once more as entities
("&lt;p&gt;"), so it is unescaped exactly once here before the HTML helpers parse it. The API is
public and unauthenticated; Greenhouse documents no rate limit, we stay polite.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator, Mapping
from datetime import timedelta
from typing import Any

from discovery_service.domain import Fetcher, Posting, SearchQuery
from discovery_service.sources.base import (
    SLUG_PATTERN,
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

NAME = "greenhouse"


def parse_greenhouse_payload(payload: Any, *, board_token: str = "") -> list[Posting]:
    """Postings from a Greenhouse `jobs?content=true` response ({"jobs": [...]})."""
    jobs = expect_list(NAME, expect_object(NAME, payload).get("jobs"), "'jobs'")
    return parse_items(NAME, jobs, lambda job: _parse_job(job, board_token))


def _parse_job(job: Mapping[str, Any], board_token: str) -> Posting:
    external_id = required_text(job, "id")
    location = job.get("location") if isinstance(job.get("location"), Mapping) else {}
    location_name = optional_text(location.get("name"))
    metadata = [item for item in job.get("metadata") or [] if isinstance(item, Mapping)]
    employment = next(
        (item.get("value") for item in metadata if "employment type" in str(item.get("name", "")).lower()),
        None,
    )
    content = job.get("content")
    description_text, description_html = describe(
        html.unescape(content) if isinstance(content, str) else None
    )
    return Posting(
        source=NAME,
        external_id=external_id,
        url=required_text(job, "absolute_url"),
        title=required_text(job, "title"),
        company=optional_text(job.get("company_name")) or board_token,
        locations=unique([location_name]),
        remote_type=remote_type_from_text(location_name),
        employment_type=normalise_employment_type(employment if isinstance(employment, str) else None),
        description_text=description_text,
        description_html=description_html,
        posted_at=parse_timestamp(job.get("first_published") or job.get("updated_at")),
        raw=job,
        language=optional_text(job.get("language")).lower()[:2],
    )


class GreenhouseSource(BoardSource):
    name = NAME
    default_base_url = "https://boards-api.greenhouse.io"
    min_fetch_interval = timedelta(hours=1)
    PARAMS = (
        ParamSpec(
            "board_token",
            "the company's board token, as in boards.greenhouse.io/<token>",
            required=True,
            pattern=SLUG_PATTERN,
        ),
    )

    async def _fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: dict[str, Any]
    ) -> AsyncIterator[Posting]:
        token = params["board_token"]
        payload = await self._get_json(
            fetcher, f"{self.base_url}/v1/boards/{token}/jobs", params={"content": "true"}
        )
        for posting in parse_greenhouse_payload(payload, board_token=token):
            yield posting


SOURCE = GreenhouseSource()
