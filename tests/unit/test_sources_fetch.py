"""Sources over real HTTP against a loopback fake board: paging, headers, board errors and retries.

Payloads are small synthetic ones written here; the real HttpFetcher carries every request.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from discovery_service.domain import Posting, SearchQuery, SourceError
from discovery_service.sources import BoardSource, build_sources
from discovery_service.web.fetch import HttpFetcher
from tests.fakes.boards import FakeBoard


def sources_on(board: FakeBoard) -> dict[str, BoardSource]:
    overrides = {name: board.base_url for name in ("hh", "greenhouse", "lever", "ashby", "workable")}
    overrides |= {
        name: board.base_url for name in ("remotive", "remoteok", "arbeitnow", "lever.eu", "smartrecruiters")
    }
    return build_sources(overrides, allow_loopback_feeds=True)


async def collect(
    source: BoardSource, fetcher: HttpFetcher, params: dict[str, Any], query: SearchQuery | None = None
) -> list[Posting]:
    return [posting async for posting in source.fetch(fetcher, query or SearchQuery(), params)]


def hh_item(vacancy_id: int) -> dict[str, Any]:
    return {
        "id": str(vacancy_id),
        "name": f"Vacancy {vacancy_id}",
        "alternate_url": f"https://hh.ru/vacancy/{vacancy_id}",
        "employer": {"name": "Acme"},
        "area": {"name": "Москва"},
        "salary": {"from": 100000, "to": None, "currency": "RUR", "gross": True},
        "published_at": "2025-01-01T12:00:00+0300",
    }


def hh_page(page: int, per_page: int, pages: int, count: int | None = None) -> dict[str, Any]:
    first = page * per_page
    items = [hh_item(1000 + first + offset) for offset in range(per_page if count is None else count)]
    return {"items": items, "found": pages * per_page, "pages": pages, "page": page, "per_page": per_page}


# ---------------------------------------------------------------------------------------------
# Paging
# ---------------------------------------------------------------------------------------------


async def test_hh_reads_pages_until_the_last(board: FakeBoard, fetcher: HttpFetcher) -> None:
    board.add_json("/vacancies", hh_page(0, 100, 3), query={"page": "0"})
    board.add_json("/vacancies", hh_page(1, 100, 3), query={"page": "1"})
    board.add_json("/vacancies", hh_page(2, 100, 3, count=40), query={"page": "2"})

    postings = await collect(sources_on(board)["hh"], fetcher, {"max_results": 1000, "details": False})

    assert len(postings) == 240
    assert postings[0].external_id == "1000" and postings[-1].external_id == "1239"
    assert [r.query["page"] for r in board.requests_to("/vacancies")] == ["0", "1", "2"]
    assert {r.query["per_page"] for r in board.requests_to("/vacancies")} == {"100"}


async def test_hh_stops_at_the_apis_2000_result_depth(board: FakeBoard, fetcher: HttpFetcher) -> None:
    for page in range(30):  # the board claims 50 pages of 100, i.e. 5,000 results
        board.add_json("/vacancies", hh_page(page, 100, 50), query={"page": str(page)})

    postings = await collect(sources_on(board)["hh"], fetcher, {"max_results": 2000, "details": False})

    assert len(postings) == 2000
    requests = board.requests_to("/vacancies")
    assert [int(r.query["page"]) for r in requests] == list(range(20))  # 20 * 100 = 2,000, never page 20
    assert all(int(r.query["per_page"]) * (int(r.query["page"]) + 1) <= 2000 for r in requests)


async def test_hh_max_results_limits_pages_and_details(board: FakeBoard, fetcher: HttpFetcher) -> None:
    board.add_json("/vacancies", hh_page(0, 5, 10))
    for vacancy_id in range(1000, 1005):
        board.add_json(f"/vacancies/{vacancy_id}", dict(hh_item(vacancy_id), key_skills=[{"name": "SQL"}]))

    postings = await collect(sources_on(board)["hh"], fetcher, {"max_results": 5})

    assert [p.skills for p in postings] == [["SQL"]] * 5
    assert len(board.requests_to("/vacancies")) == 1
    assert board.requests_to("/vacancies")[0].query["per_page"] == "5"


async def test_hh_search_parameters_reach_the_api(board: FakeBoard, fetcher: HttpFetcher) -> None:
    board.add_json("/vacancies", hh_page(0, 1, 1))
    params = {
        "area": ["1", "2"],
        "experience": "between1And3",
        "employment": "full",
        "schedule": ["remote", "flexible"],
        "salary": 150000,
        "currency": "RUR",
        "only_with_salary": True,
        "period": 3,
        "details": False,
    }

    await collect(sources_on(board)["hh"], fetcher, params, SearchQuery(titles=["Python developer"]))

    (request,) = board.requests_to("/vacancies")
    assert request.query_all("area") == ["1", "2"]
    assert request.query_all("schedule") == ["remote", "flexible"]
    assert request.query["text"] == '"Python developer"'
    assert {k: request.query[k] for k in ("experience", "employment", "salary", "currency", "period")} == {
        "experience": "between1And3",
        "employment": "full",
        "salary": "150000",
        "currency": "RUR",
        "period": "3",
    }
    assert request.query["only_with_salary"] == "true"


async def test_arbeitnow_reads_pages_until_links_next_is_null(board: FakeBoard, fetcher: HttpFetcher) -> None:
    def page(number: int, next_url: str | None) -> dict[str, Any]:
        job = {
            "slug": f"job-{number}",
            "title": f"Job {number}",
            "company_name": "Firma",
            "url": f"https://www.arbeitnow.com/jobs/job-{number}",
            "remote": number == 2,
            "job_types": ["Full Time"],
            "tags": [],
            "location": "Berlin",
            "description": "&lt;p&gt;Hallo&lt;/p&gt;",
            "created_at": 1700000000,
        }
        return {"data": [job], "links": {"next": next_url}, "meta": {"current_page": number}}

    board.add_json(
        "/api/job-board-api",
        page(1, "https://www.arbeitnow.com/api/job-board-api?page=2"),
        query={"page": "1"},
    )
    board.add_json(
        "/api/job-board-api",
        page(2, "https://www.arbeitnow.com/api/job-board-api?page=3"),
        query={"page": "2"},
    )
    board.add_json("/api/job-board-api", page(3, None), query={"page": "3"})
    board.add_json("/api/job-board-api", page(4, None), query={"page": "4"})  # must never be asked for

    postings = await collect(sources_on(board)["arbeitnow"], fetcher, {})

    assert [p.title for p in postings] == ["Job 1", "Job 2", "Job 3"]
    assert [p.remote_type.value for p in postings] == ["UNKNOWN", "REMOTE", "UNKNOWN"]
    assert [p.description_text for p in postings] == ["Hallo"] * 3
    assert [r.query["page"] for r in board.requests_to("/api/job-board-api")] == ["1", "2", "3"]


async def test_arbeitnow_stops_at_max_pages(board: FakeBoard, fetcher: HttpFetcher) -> None:
    endless = {"data": [{"slug": "s", "title": "T", "url": "https://x.test/s"}], "links": {"next": "more"}}
    board.add_json("/api/job-board-api", endless)

    postings = await collect(sources_on(board)["arbeitnow"], fetcher, {"max_pages": 2})

    assert len(postings) == 2
    assert [r.query["page"] for r in board.requests_to("/api/job-board-api")] == ["1", "2"]


async def test_lever_eu_region_uses_the_eu_host(board: FakeBoard, fetcher: HttpFetcher) -> None:
    sources = build_sources(
        {"lever": "http://127.0.0.1:9", "lever.eu": board.base_url}
    )  # global host unusable
    board.add_json(
        "/v0/postings/acme", [{"id": "1", "text": "Dev", "hostedUrl": "https://jobs.eu.lever.co/acme/1"}]
    )

    postings = await collect(sources["lever"], fetcher, {"company": "acme", "region": "eu"})

    assert [p.url for p in postings] == ["https://jobs.eu.lever.co/acme/1"]
    assert board.requests_to("/v0/postings/acme")[0].query == {"mode": "json", "skip": "0", "limit": "100"}


# ---------------------------------------------------------------------------------------------
# hh.ru headers and the detail call
# ---------------------------------------------------------------------------------------------


async def test_hh_sends_its_user_agent_and_is_anonymous_without_a_token(
    board: FakeBoard, fetcher: HttpFetcher
) -> None:
    board.add_json("/vacancies", hh_page(0, 1, 1))
    board.add_json("/vacancies/1000", hh_item(1000))

    await collect(sources_on(board)["hh"], fetcher, {})

    for request in board.requests:
        assert request.headers["hh-user-agent"].startswith("JobMate/")
        assert "authorization" not in request.headers
    assert [r.path for r in board.requests] == ["/vacancies", "/vacancies/1000"]


async def test_hh_sends_the_users_oauth_token_as_bearer(board: FakeBoard, fetcher: HttpFetcher) -> None:
    board.add_json("/vacancies", hh_page(0, 1, 1))
    board.add_json("/vacancies/1000", hh_item(1000))

    await collect(sources_on(board)["hh"], fetcher, {"oauth_token": "USERTOKEN123"})

    assert [r.headers.get("authorization") for r in board.requests] == ["Bearer USERTOKEN123"] * 2


async def test_hh_vacancy_closed_since_the_search_keeps_its_search_data(
    board: FakeBoard, fetcher: HttpFetcher
) -> None:
    board.add_json("/vacancies", hh_page(0, 2, 1))
    board.add_json("/vacancies/1000", {"errors": [{"type": "not_found"}]}, status=404)
    board.add_json("/vacancies/1001", dict(hh_item(1001), key_skills=[{"name": "Go"}]))

    postings = await collect(sources_on(board)["hh"], fetcher, {})

    assert [(p.external_id, p.skills) for p in postings] == [("1000", []), ("1001", ["Go"])]


# ---------------------------------------------------------------------------------------------
# Board errors: malformed JSON, unexpected shape, HTTP errors, timeouts, 429
# ---------------------------------------------------------------------------------------------

# (source, path it calls, parameters, a well-formed JSON body of the wrong shape)
BOARDS: list[tuple[str, str, dict[str, Any], Any]] = [
    ("hh", "/vacancies", {"details": False}, {"vacancies": []}),
    ("greenhouse", "/v1/boards/acme/jobs", {"board_token": "acme"}, {"jobs": {"id": 1}}),
    ("lever", "/v0/postings/acme", {"company": "acme"}, {"postings": []}),
    ("ashby", "/posting-api/job-board/acme", {"board": "acme"}, ["not", "an", "object"]),
    ("workable", "/api/v1/widget/accounts/acme", {"account": "acme"}, {"name": "Acme", "jobs": "none"}),
    ("remotive", "/api/remote-jobs", {}, {"job-count": 0}),
    ("remoteok", "/api", {}, {"legal": "notice only, not an array"}),
    ("arbeitnow", "/api/job-board-api", {}, {"data": None, "links": {"next": None}}),
    (
        "smartrecruiters",
        "/v1/companies/acme/postings",
        {"company": "acme"},
        {"totalFound": 1, "content": "x"},
    ),
]


@pytest.mark.parametrize(("name", "path", "params", "wrong_shape"), BOARDS, ids=[b[0] for b in BOARDS])
async def test_malformed_json_is_a_source_error(
    board: FakeBoard, fetcher: HttpFetcher, name: str, path: str, params: dict[str, Any], wrong_shape: Any
) -> None:
    board.add_text(path, '{"jobs": [{"id": 1, "title": "cut off', content_type="application/json")

    with pytest.raises(SourceError) as caught:
        await collect(sources_on(board)[name], fetcher, params)

    assert caught.value.source == name
    assert "malformed JSON" in caught.value.reason


@pytest.mark.parametrize(("name", "path", "params", "wrong_shape"), BOARDS, ids=[b[0] for b in BOARDS])
async def test_unexpected_shape_is_a_source_error(
    board: FakeBoard, fetcher: HttpFetcher, name: str, path: str, params: dict[str, Any], wrong_shape: Any
) -> None:
    board.add_json(path, wrong_shape)

    with pytest.raises(SourceError) as caught:
        await collect(sources_on(board)[name], fetcher, params)

    assert caught.value.source == name
    assert caught.value.reason.startswith("unexpected shape: ")


@pytest.mark.parametrize(("name", "path", "params", "wrong_shape"), BOARDS, ids=[b[0] for b in BOARDS])
async def test_http_error_is_a_source_error(
    board: FakeBoard, fetcher: HttpFetcher, name: str, path: str, params: dict[str, Any], wrong_shape: Any
) -> None:
    board.add_json(path, {"error": "boom"}, status=503)

    with pytest.raises(SourceError) as caught:
        await collect(sources_on(board)[name], fetcher, params)

    assert "HTTP 503" in caught.value.reason


async def test_rss_that_is_not_a_feed_is_a_source_error(board: FakeBoard, fetcher: HttpFetcher) -> None:
    board.add_text("/jobs.rss", "<html><body>Sign in to see jobs</body></html>", content_type="text/html")

    with pytest.raises(SourceError, match="not an RSS or Atom feed"):
        await collect(sources_on(board)["rss"], fetcher, {"url": board.url("/jobs.rss")})


async def test_rss_feed_over_http(board: FakeBoard, fetcher: HttpFetcher) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>J</title>'
        "<item><title>Data Engineer</title><link>https://jobs.example.com/7</link></item>"
        "</channel></rss>"
    )
    board.add_text("/jobs.rss", feed, content_type="application/rss+xml")

    postings = await collect(sources_on(board)["rss"], fetcher, {"url": board.url("/jobs.rss")})

    assert [(p.title, p.url) for p in postings] == [("Data Engineer", "https://jobs.example.com/7")]


async def test_rss_feed_on_loopback_is_refused_in_production(board: FakeBoard, fetcher: HttpFetcher) -> None:
    board.add_text("/jobs.rss", "<rss version='2.0'><channel></channel></rss>")

    with pytest.raises(SourceError, match="invalid parameters: rss: the feed URL names a non-public address"):
        await collect(build_sources()["rss"], fetcher, {"url": board.url("/jobs.rss")})

    assert board.requests == []  # refused before any request


async def test_invalid_parameters_are_a_source_error_without_a_request(
    board: FakeBoard, fetcher: HttpFetcher
) -> None:
    with pytest.raises(
        SourceError, match="invalid parameters: greenhouse: parameter 'board_token' is required"
    ):
        await collect(sources_on(board)["greenhouse"], fetcher, {})
    assert board.requests == []


async def test_timeout_is_a_source_error(board: FakeBoard) -> None:
    board.add_json("/v1/boards/slow/jobs", {"jobs": []}, delay_s=3)

    async with HttpFetcher(timeout_s=0.3, max_retries=0, per_host_interval_s=0) as impatient:
        with pytest.raises(SourceError) as caught:
            await collect(sources_on(board)["greenhouse"], impatient, {"board_token": "slow"})

    assert "timed out" in caught.value.reason or "took longer" in caught.value.reason


class VirtualTime:
    """Clock and sleep for HttpFetcher: records the waits asked for, without waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def test_429_with_retry_after_is_waited_out_then_the_board_is_read(board: FakeBoard) -> None:
    board.add_json(
        "/api/remote-jobs", {"error": "too many requests"}, status=429, headers={"Retry-After": "7"}
    )
    board.add_json(
        "/api/remote-jobs",
        {"jobs": [{"id": 5, "title": "Writer", "url": "https://remotive.com/remote-jobs/writing/writer-5"}]},
    )
    time = VirtualTime()

    async with HttpFetcher(
        max_retries=2, per_host_interval_s=0, sleep=time.sleep, clock=time.clock
    ) as patient:
        postings = await collect(sources_on(board)["remotive"], patient, {})

    assert [p.title for p in postings] == ["Writer"]
    assert len(board.requests_to("/api/remote-jobs")) == 2
    assert time.sleeps == [7.0]  # the board's Retry-After, honoured before asking again


async def test_429_that_never_ends_is_a_source_error(board: FakeBoard) -> None:
    board.add_json("/api", {"error": "slow down"}, status=429, headers={"Retry-After": "1"})
    time = VirtualTime()

    async with HttpFetcher(
        max_retries=1, per_host_interval_s=0, sleep=time.sleep, clock=time.clock
    ) as patient:
        with pytest.raises(SourceError) as caught:
            await collect(sources_on(board)["remoteok"], patient, {})

    assert caught.value.source == "remoteok"
    assert "HTTP 429" in caught.value.reason


async def test_one_failing_board_does_not_stop_the_others(board: FakeBoard, fetcher: HttpFetcher) -> None:
    board.add_text("/v1/boards/broken/jobs", "<html>maintenance</html>")
    board.add_json(
        "/v0/postings/fine", [{"id": "1", "text": "Dev", "hostedUrl": "https://jobs.lever.co/fine/1"}]
    )
    sources = sources_on(board)

    results = await asyncio.gather(
        collect(sources["greenhouse"], fetcher, {"board_token": "broken"}),
        collect(sources["lever"], fetcher, {"company": "fine"}),
        return_exceptions=True,
    )

    assert isinstance(results[0], SourceError) and "malformed JSON" in results[0].reason
    assert [p.title for p in results[1]] == ["Dev"]
