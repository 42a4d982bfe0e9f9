"""The SmartRecruiters source: payload mapping, paging, detail calls and board failures.

Payloads are synthetic, shaped like the public Posting API's documented responses (list:
{"offset", "limit", "totalFound", "content"}; detail: the same posting plus `jobAd.sections`,
`postingUrl`, `applyUrl`). Fetch tests run the real HttpFetcher against a loopback fake board.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from discovery_service.domain import Posting, RemoteType, SalaryPeriod, SearchQuery, SourceError
from discovery_service.sources.smartrecruiters import (
    SmartRecruitersSource,
    parse_smartrecruiters_list_payload,
    parse_smartrecruiters_posting_payload,
)
from discovery_service.web.fetch import HttpFetcher
from tests.fakes.boards import FakeBoard
from tests.unit.test_fetch import FakeTime

LIST_PATH = "/v1/companies/Acme1/postings"


def item(posting_id: str, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": posting_id,
        "name": f"Engineer {posting_id}",
        "uuid": f"00000000-0000-0000-0000-{int(posting_id):012d}",
        "refNumber": f"REF{posting_id}",
        "company": {"identifier": "Acme1", "name": "Acme Corp"},
        "releasedDate": "2026-03-15T18:37:49.976Z",
        "location": {
            "city": "Ottawa", "region": "ON", "country": "ca", "remote": False, "hybrid": True,
            "fullLocation": "Ottawa, ON, Canada",
        },
        "industry": {"id": "defense_and_space", "label": "Defense And Space"},
        "department": {},
        "function": {"id": "engineering", "label": "Engineering"},
        "typeOfEmployment": {"id": "permanent", "label": "Full-time"},
        "experienceLevel": {"id": "entry_level", "label": "Entry Level"},
        "customField": [{"fieldId": "COUNTRY", "fieldLabel": "Country/Region", "valueId": "ca", "valueLabel": "Canada"}],
        "visibility": "PUBLIC",
        "ref": f"https://api.smartrecruiters.com/v1/companies/Acme1/postings/{posting_id}",
        "language": {"code": "en", "label": "English", "labelNative": "English (US)"},
    }  # fmt: skip
    base.update(extra)
    return base


def detail(posting_id: str, **extra: Any) -> dict[str, Any]:
    sections = {
        "companyDescription": {
            "title": "Company Description",
            "text": "<p>Acme raised $50M in 2025 and serves 3,000 customers.</p>",
        },
        "jobDescription": {
            "title": "Job Description",
            "text": "<p>Build <b>radar</b> firmware.</p><script>alert(1)</script>",
        },
        "qualifications": {"title": "Qualifications", "text": "<ul><li>C++</li><li>3+ years</li></ul>"},
        "additionalInformation": {
            "title": "Additional Information",
            "text": "<p>Salary range: CA$85,000 – CA$100,000 per year, plus benefits.</p>",
        },
    }
    return item(
        posting_id,
        postingUrl=f"https://jobs.smartrecruiters.com/Acme1/{posting_id}-engineer",
        applyUrl=f"https://jobs.smartrecruiters.com/Acme1/{posting_id}-engineer?oga=true",
        jobAd={"sections": sections},
        active=True,
        **extra,
    )


def page(ids: list[str], total: int | None, offset: int = 0) -> dict[str, Any]:
    body: dict[str, Any] = {"offset": offset, "limit": 100, "content": [item(i) for i in ids]}
    if total is not None:
        body["totalFound"] = total
    return body


# ---- mapping ------------------------------------------------------------------------------------


def test_list_item_is_mapped_without_text() -> None:
    (posting,) = parse_smartrecruiters_list_payload(page(["744000114856507"], 1), company="Acme1")
    assert posting.source == "smartrecruiters"
    assert posting.external_id == "744000114856507"
    assert posting.title == "Engineer 744000114856507"
    assert posting.company == "Acme Corp"
    assert posting.url == "https://jobs.smartrecruiters.com/Acme1/744000114856507"
    assert posting.locations == ["Ottawa, ON, Canada"]
    assert posting.remote_type is RemoteType.HYBRID
    assert posting.employment_type == "FULL_TIME"
    assert posting.posted_at == datetime(2026, 3, 15, 18, 37, 49, 976000, tzinfo=UTC)
    assert posting.language == "en"
    assert posting.description_text == ""
    assert posting.salary.min is None and posting.salary.text is None


def test_detail_gives_the_job_ad_in_page_order_and_the_pay_from_its_own_sections() -> None:
    posting = parse_smartrecruiters_posting_payload(detail("7"), company="Acme1")
    assert posting.url == "https://jobs.smartrecruiters.com/Acme1/7-engineer"
    assert posting.description_text == (
        "Company Description\n\nAcme raised $50M in 2025 and serves 3,000 customers.\n\n"
        "Job Description\n\nBuild radar firmware.\n\nQualifications\n\n- C++\n- 3+ years\n\n"
        "Additional Information\n\nSalary range: CA$85,000 – CA$100,000 per year, plus benefits."
    )
    assert "<script" not in posting.description_html
    assert posting.description_html.startswith("<h3>Company Description</h3>\n<p>Acme raised")
    # The company's funding is not the pay; the job ad's salary range is.
    salary = posting.salary
    assert (salary.min, salary.max, salary.currency, salary.period) == (
        85_000,
        100_000,
        "CAD",
        SalaryPeriod.YEAR,
    )
    assert salary.text == "CA$85,000 – CA$100,000 per year"
    assert posting.inferred_fields == ["salary"]


@pytest.mark.parametrize(
    ("location", "remote_type", "locations"),
    [
        ({"city": "Poland", "region": "Remote", "country": "pl", "remote": True}, RemoteType.REMOTE,
         ["Poland, Remote, PL"]),
        ({"city": "Austin", "region": "TX", "country": "us", "remote": False, "hybrid": False}, RemoteType.ON_SITE,
         ["Austin, TX, US"]),
        ({"city": "Austin", "country": "us", "remote": False}, RemoteType.UNKNOWN, ["Austin, US"]),
        ({}, RemoteType.UNKNOWN, []),
        ("Dubai", RemoteType.UNKNOWN, []),
    ],
)  # fmt: skip
def test_location_and_workplace(location: Any, remote_type: RemoteType, locations: list[str]) -> None:
    (posting,) = parse_smartrecruiters_list_payload(
        {"content": [item("1", location=location)]}, company="Acme1"
    )
    assert (posting.remote_type, posting.locations) == (remote_type, locations)


@pytest.mark.parametrize(
    "payload",
    [[], "text", None, {"totalFound": 3}, {"content": {"id": "1"}}, {"content": None}],
)
def test_list_of_the_wrong_shape_is_a_source_error(payload: Any) -> None:
    with pytest.raises(SourceError, match="^smartrecruiters: unexpected shape: "):
        parse_smartrecruiters_list_payload(payload, company="Acme1")


def test_broken_items_are_skipped_but_a_list_of_only_broken_items_is_an_error() -> None:
    content = [item("1"), {"id": "2"}, "not an object", item("3", id="../../admin"), item("4")]
    postings = parse_smartrecruiters_list_payload({"content": content}, company="Acme1")
    assert [p.external_id for p in postings] == ["1", "4"]
    with pytest.raises(SourceError, match="none of the 2 jobs could be read"):
        parse_smartrecruiters_list_payload({"content": [{"id": "2"}, {"name": "No id"}]}, company="Acme1")


# ---- over HTTP ----------------------------------------------------------------------------------


async def collect(board: FakeBoard, fetcher: HttpFetcher, params: dict[str, Any]) -> list[Posting]:
    source = SmartRecruitersSource(board.base_url)
    return [posting async for posting in source.fetch(fetcher, SearchQuery(), params)]


async def test_pages_are_read_until_total_found(board: FakeBoard, fetcher: HttpFetcher) -> None:
    ids = [str(1000 + n) for n in range(250)]
    board.add_json(LIST_PATH, page(ids[:100], 250, 0), query={"offset": "0"})
    board.add_json(LIST_PATH, page(ids[100:200], 250, 100), query={"offset": "100"})
    board.add_json(LIST_PATH, page(ids[200:], 250, 200), query={"offset": "200"})

    postings = await collect(board, fetcher, {"company": "Acme1", "details": False, "max_results": 1000})

    assert [p.external_id for p in postings] == ids
    requests = board.requests_to(LIST_PATH)
    assert [(r.query["offset"], r.query["limit"]) for r in requests] == [
        ("0", "100"),
        ("100", "100"),
        ("200", "100"),
    ]


async def test_a_short_page_ends_the_run_when_total_found_is_missing(
    board: FakeBoard, fetcher: HttpFetcher
) -> None:
    board.add_json(LIST_PATH, page(["1", "2"], None))

    postings = await collect(board, fetcher, {"company": "Acme1", "details": False})

    assert [p.external_id for p in postings] == ["1", "2"]
    assert len(board.requests_to(LIST_PATH)) == 1


async def test_max_results_bounds_the_pages_and_the_detail_calls(
    board: FakeBoard, fetcher: HttpFetcher
) -> None:
    # A board that claims to have endless postings: the run still stops at max_results.
    board.add_json(LIST_PATH, page([str(n) for n in range(1, 4)], 10_000), query={"offset": "0"})
    board.add_json(LIST_PATH, page([str(n) for n in range(4, 7)], 10_000), query={"offset": "3"})
    for n in range(1, 7):
        board.add_json(f"{LIST_PATH}/{n}", detail(str(n)))

    postings = await collect(board, fetcher, {"company": "Acme1", "max_results": 5})

    assert [p.external_id for p in postings] == ["1", "2", "3", "4", "5"]
    assert all(p.description_text for p in postings)
    assert [r.query["limit"] for r in board.requests_to(LIST_PATH)] == ["5", "2"]
    assert board.requests_to(f"{LIST_PATH}/6") == []


async def test_search_words_and_country_reach_the_api(board: FakeBoard, fetcher: HttpFetcher) -> None:
    board.add_json(LIST_PATH, page([], 0))

    assert await collect(board, fetcher, {"company": "Acme1", "q": "radar & firmware", "country": "CA"}) == []

    (request,) = board.requests_to(LIST_PATH)
    assert request.query == {"limit": "100", "offset": "0", "q": "radar & firmware", "country": "ca"}


async def test_each_posting_gets_its_job_ad(board: FakeBoard, fetcher: HttpFetcher) -> None:
    board.add_json(LIST_PATH, page(["7", "8"], 2))
    board.add_json(f"{LIST_PATH}/7", detail("7"))
    board.add_json(f"{LIST_PATH}/8", detail("8"))

    postings = await collect(board, fetcher, {"company": "Acme1"})

    assert [p.url for p in postings] == [
        "https://jobs.smartrecruiters.com/Acme1/7-engineer",
        "https://jobs.smartrecruiters.com/Acme1/8-engineer",
    ]
    assert all("Build radar firmware." in p.description_text for p in postings)
    assert all(p.salary.currency == "CAD" for p in postings)


async def test_a_posting_gone_or_garbled_in_its_detail_keeps_its_list_data(
    board: FakeBoard, fetcher: HttpFetcher
) -> None:
    board.add_json(LIST_PATH, page(["7", "8", "9", "10"], 4))
    board.add_json(f"{LIST_PATH}/7", {"message": "Posting not found"}, status=404)
    board.add_json(f"{LIST_PATH}/8", ["not", "an", "object"])
    board.add_json(f"{LIST_PATH}/9", detail("99"))  # another posting's detail
    board.add_json(f"{LIST_PATH}/10", detail("10"))

    postings = await collect(board, fetcher, {"company": "Acme1"})

    assert [(p.external_id, p.url, bool(p.description_text)) for p in postings] == [
        ("7", "https://jobs.smartrecruiters.com/Acme1/7", False),
        ("8", "https://jobs.smartrecruiters.com/Acme1/8", False),
        ("9", "https://jobs.smartrecruiters.com/Acme1/9", False),
        ("10", "https://jobs.smartrecruiters.com/Acme1/10-engineer", True),
    ]


async def test_a_failing_detail_call_is_a_source_error_after_the_postings_before_it(
    board: FakeBoard, fetcher: HttpFetcher
) -> None:
    board.add_json(LIST_PATH, page(["7", "8"], 2))
    board.add_json(f"{LIST_PATH}/7", detail("7"))
    board.add_json(f"{LIST_PATH}/8", {"error": "boom"}, status=500)
    seen: list[str] = []
    source = SmartRecruitersSource(board.base_url)

    with pytest.raises(SourceError) as caught:
        async for posting in source.fetch(fetcher, SearchQuery(), {"company": "Acme1"}):
            seen.append(posting.external_id)

    assert seen == ["7"]
    assert caught.value.source == "smartrecruiters" and "HTTP 500" in caught.value.reason


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('{"content": [{"id": "1", "name": "cut off', "malformed JSON"),
        ('{"content": "none"}', "unexpected shape: "),
        ('[{"id": "1"}]', "unexpected shape: "),
    ],
)
async def test_malformed_list_is_a_source_error(
    board: FakeBoard, fetcher: HttpFetcher, body: str, reason: str
) -> None:
    board.add_text(LIST_PATH, body, content_type="application/json")

    with pytest.raises(SourceError) as caught:
        await collect(board, fetcher, {"company": "Acme1"})

    assert caught.value.source == "smartrecruiters"
    assert reason in caught.value.reason


async def test_429_is_waited_out_then_the_board_is_read(board: FakeBoard) -> None:
    board.add_json(LIST_PATH, {"message": "Too Many Requests"}, status=429, headers={"Retry-After": "5"})
    board.add_json(LIST_PATH, page(["1"], 1))
    time = FakeTime()

    async with HttpFetcher(
        max_retries=2, per_host_interval_s=0, sleep=time.sleep, clock=time.clock
    ) as patient:
        postings = await collect(board, patient, {"company": "Acme1", "details": False})

    assert [p.external_id for p in postings] == ["1"]
    assert time.sleeps == [5.0]


async def test_429_that_never_ends_is_a_source_error(board: FakeBoard) -> None:
    board.add_json(LIST_PATH, {"message": "Too Many Requests"}, status=429, headers={"Retry-After": "1"})
    time = FakeTime()

    async with HttpFetcher(
        max_retries=1, per_host_interval_s=0, sleep=time.sleep, clock=time.clock
    ) as patient:
        with pytest.raises(SourceError) as caught:
            await collect(board, patient, {"company": "Acme1"})

    assert "HTTP 429" in caught.value.reason


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "parameter 'company' is required"),
        ({"company": "../admin"}, "parameter 'company' has unexpected characters"),
        ({"company": "acme/postings"}, "parameter 'company' has unexpected characters"),
        ({"company": "Acme1", "country": "deu"}, "parameter 'country' has unexpected characters"),
        ({"company": "Acme1", "max_results": 0}, "parameter 'max_results' must be at least 1"),
        ({"company": "Acme1", "max_results": 5000}, "parameter 'max_results' must be at most 1000"),
        ({"company": "Acme1", "page": 2}, "unknown parameter(s) page"),
    ],
)
async def test_invalid_parameters_are_refused_without_a_request(
    board: FakeBoard, fetcher: HttpFetcher, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(SourceError) as caught:
        await collect(board, fetcher, params)

    assert caught.value.reason.startswith("invalid parameters: smartrecruiters: ")
    assert message in caught.value.reason
    assert board.requests == []
