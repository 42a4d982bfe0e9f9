"""RemoteOK: `GET /api` on remoteok.com, the whole board as one JSON array.

The array's first element is not a job but the API's legal notice; it is skipped. RemoteOK's terms
ask for a followed link back to the job's Remote OK URL and a mention of Remote OK: the posting's
`url` and `source_urls` keep that URL. Some jobs arrive as UTF-8 mis-decoded as Latin-1
("MecÃ¡nico"); text fields are repaired. Salaries are yearly amounts in US dollars, 0 meaning none.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import timedelta
from typing import Any

from discovery_service.domain import Fetcher, Posting, RemoteType, Salary, SalaryPeriod, SearchQuery
from discovery_service.sources.base import (
    BoardSource,
    ParamSpec,
    describe,
    expect_list,
    optional_text,
    parse_items,
    parse_timestamp,
    repair_mojibake,
    required_text,
    unique,
)

NAME = "remoteok"


def parse_remoteok_payload(payload: Any) -> list[Posting]:
    """Postings from a RemoteOK `/api` response (a JSON array: legal notice, then jobs)."""
    elements = expect_list(NAME, payload, "the response")
    jobs = [element for element in elements if not _is_legal_notice(element)]
    return parse_items(NAME, jobs, _parse_job)


def _is_legal_notice(element: Any) -> bool:
    return isinstance(element, Mapping) and "legal" in element and "position" not in element


def _text(value: Any) -> str:
    return repair_mojibake(optional_text(value))


def _parse_job(job: Mapping[str, Any]) -> Posting:
    description_text, description_html = describe(_text(job.get("description")))
    tags = job.get("tags") if isinstance(job.get("tags"), list) else []
    return Posting(
        source=NAME,
        external_id=required_text(job, "id"),
        url=required_text(job, "url"),
        title=repair_mojibake(required_text(job, "position")),
        company=_text(job.get("company")),
        locations=unique([_text(job.get("location"))]),
        remote_type=RemoteType.REMOTE,
        salary=_salary(job.get("salary_min"), job.get("salary_max")),
        description_text=description_text,
        description_html=description_html,
        skills=unique(repair_mojibake(tag) for tag in tags if isinstance(tag, str)),
        posted_at=parse_timestamp(job.get("date") or job.get("epoch")),
        raw=job,
    )


def _salary(low: Any, high: Any) -> Salary:
    def amount(value: Any) -> float | None:
        return (
            float(value)
            if isinstance(value, int | float) and not isinstance(value, bool) and value > 0
            else None
        )

    minimum, maximum = amount(low), amount(high)
    if minimum is None and maximum is None:
        return Salary()
    return Salary(min=minimum, max=maximum, currency="USD", period=SalaryPeriod.YEAR)


class RemoteOkSource(BoardSource):
    name = NAME
    default_base_url = "https://remoteok.com"
    # The feed is the whole board and changes slowly; hourly is plenty and polite.
    min_fetch_interval = timedelta(hours=1)
    PARAMS: tuple[ParamSpec, ...] = ()

    async def _fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: dict[str, Any]
    ) -> AsyncIterator[Posting]:
        payload = await self._get_json(fetcher, f"{self.base_url}/api")
        for posting in parse_remoteok_payload(payload):
            yield posting


SOURCE = RemoteOkSource()
