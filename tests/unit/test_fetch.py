"""HttpFetcher against a fake board on loopback: retries, politeness, caps, caching, robots.txt."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from discovery_service.web.fetch import (
    DEFAULT_USER_AGENT,
    MAX_RETRY_AFTER_S,
    FetchError,
    HttpFetcher,
    parse_retry_after,
)
from tests.unit.test_fetch_loopback_server import LoopbackBoard, Request, Response, scripted


class FakeTime:
    """A clock that only moves when the fetcher sleeps, so tests see the waits it asks for."""

    def __init__(self) -> None:
        self.now = 1_000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def make_fetcher(fake_time: FakeTime, **overrides: object) -> HttpFetcher:
    settings: dict[str, object] = {"per_host_interval_s": 0.0, "timeout_s": 5.0}
    settings.update(overrides)
    return HttpFetcher(sleep=fake_time.sleep, clock=fake_time.clock, **settings)  # type: ignore[arg-type]


def jobs_page(request: Request) -> Response:
    page = int(dict(part.split("=") for part in request.query.split("&") if part).get("page", "1"))
    jobs = [{"id": f"job-{page}-{n}"} for n in range(2)] if page <= 3 else []
    return Response.json(json.dumps({"page": page, "jobs": jobs}))


async def test_reads_every_page_of_a_paged_board(fake_time: FakeTime) -> None:
    async with LoopbackBoard({"/jobs": jobs_page}) as board, make_fetcher(fake_time) as fetcher:
        ids: list[str] = []
        page = 1
        while True:
            payload = await fetcher.get_json(f"{board.base_url}/jobs", params={"page": page})
            if not payload["jobs"]:
                break
            ids.extend(job["id"] for job in payload["jobs"])
            page += 1
    assert ids == ["job-1-0", "job-1-1", "job-2-0", "job-2-1", "job-3-0", "job-3-1"]
    assert [request.query for request in board.requests] == ["page=1", "page=2", "page=3", "page=4"]


async def test_sends_an_honest_user_agent(fake_time: FakeTime) -> None:
    async with (
        LoopbackBoard({"/": lambda _r: Response.html("ok")}) as board,
        make_fetcher(fake_time) as fetcher,
    ):
        await fetcher.get_text(board.base_url + "/")
    assert board.requests[0].headers["user-agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT == "JobMate/0.1 (+self-hosted job-search assistant)"


async def test_429_is_retried_after_the_wait_the_board_asked_for(fake_time: FakeTime) -> None:
    handler = scripted(Response(429, b"slow down", {"Retry-After": "7"}), Response.json('{"jobs": ["a"]}'))
    async with LoopbackBoard({"/jobs": handler}) as board, make_fetcher(fake_time) as fetcher:
        payload = await fetcher.get_json(f"{board.base_url}/jobs")
    assert payload == {"jobs": ["a"]}
    assert board.count("/jobs") == 2
    assert fake_time.sleeps == [7.0]


async def test_retry_after_holds_back_other_requests_to_the_same_host(fake_time: FakeTime) -> None:
    routes = {
        "/limited": scripted(Response(503, b"", {"Retry-After": "9"}), Response.json("1")),
        "/other": lambda _r: Response.json("2"),
    }
    async with LoopbackBoard(routes) as board, make_fetcher(fake_time) as fetcher:
        assert await fetcher.get_json(f"{board.base_url}/limited") == 1
        fake_time.sleeps.clear()
        fake_time.now -= 5  # rewind: the 9 s hold is not over yet for the next request
        assert await fetcher.get_json(f"{board.base_url}/other") == 2
    assert fake_time.sleeps == [5.0]


async def test_server_errors_are_retried_with_growing_jittered_backoff(fake_time: FakeTime) -> None:
    handler = scripted(Response(500), Response(502), Response(503), Response.json('"done"'))
    async with LoopbackBoard({"/jobs": handler}) as board:
        async with make_fetcher(fake_time, backoff_base_s=1.0) as fetcher:
            assert await fetcher.get_json(f"{board.base_url}/jobs") == "done"
    assert board.count("/jobs") == 4
    assert len(fake_time.sleeps) == 3
    for attempt, slept in enumerate(fake_time.sleeps):
        assert 0.5 * 2**attempt <= slept <= 2**attempt


async def test_gives_up_after_max_retries_with_the_last_status(fake_time: FakeTime) -> None:
    async with LoopbackBoard({"/jobs": lambda _r: Response(503)}) as board:
        async with make_fetcher(fake_time, max_retries=2) as fetcher:
            with pytest.raises(FetchError) as caught:
                await fetcher.get_json(f"{board.base_url}/jobs")
    assert caught.value.status == 503
    assert caught.value.reason == "HTTP 503 Service Unavailable (gave up after 3 attempts)"
    assert board.count("/jobs") == 3


async def test_client_errors_are_not_retried(fake_time: FakeTime) -> None:
    async with LoopbackBoard() as board, make_fetcher(fake_time) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.get_json(f"{board.base_url}/missing")
    assert (caught.value.status, caught.value.reason) == (404, "HTTP 404 Not Found")
    assert board.count("/missing") == 1
    assert fake_time.sleeps == []


async def test_connection_refused_is_retried_then_reported(fake_time: FakeTime) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    async with make_fetcher(fake_time, max_retries=2) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.get_text(f"http://127.0.0.1:{closed_port}/jobs")
    assert caught.value.reason.startswith("connection failed (ConnectError")
    assert caught.value.reason.endswith("(gave up after 3 attempts)")
    assert len(fake_time.sleeps) == 2


async def test_a_silent_server_times_out(fake_time: FakeTime) -> None:
    async def never_answers(_request: Request) -> Response:
        await asyncio.sleep(30)
        return Response()

    async with LoopbackBoard({"/slow": never_answers}) as board:
        async with make_fetcher(fake_time, timeout_s=0.2, max_retries=0) as fetcher:
            with pytest.raises(FetchError, match=r"timed out \(ReadTimeout\) after 0.2s"):
                await fetcher.get_text(f"{board.base_url}/slow")


async def test_one_request_in_flight_per_host(fake_time: FakeTime) -> None:
    async with LoopbackBoard({"/jobs": jobs_page}, handling_delay_s=0.05) as board:
        async with make_fetcher(fake_time) as fetcher:
            pages = await asyncio.gather(
                *(fetcher.get_json(f"{board.base_url}/jobs", params={"page": n}) for n in range(1, 6))
            )
    assert [page["page"] for page in pages] == [1, 2, 3, 4, 5]
    assert board.count("/jobs") == 5
    assert board.max_in_flight == 1


async def test_different_hosts_are_fetched_concurrently(fake_time: FakeTime) -> None:
    # "localhost" and "127.0.0.1" are two host names for the same server: the first request is
    # held until the second arrives, which only happens if the gate is per host, not global.
    second_arrived = asyncio.Event()

    async def first(_request: Request) -> Response:
        await asyncio.wait_for(second_arrived.wait(), 5)
        return Response.json('"first"')

    def second(_request: Request) -> Response:
        second_arrived.set()
        return Response.json('"second"')

    async with LoopbackBoard({"/first": first, "/second": second}) as board:
        async with make_fetcher(fake_time) as fetcher:
            results = await asyncio.gather(
                fetcher.get_json(f"http://127.0.0.1:{board.port}/first"),
                fetcher.get_json(f"http://localhost:{board.port}/second"),
            )
    assert results == ["first", "second"]
    assert board.max_in_flight == 2


async def test_minimum_interval_between_requests_to_one_host(fake_time: FakeTime) -> None:
    async with LoopbackBoard({"/jobs": jobs_page}) as board:
        async with make_fetcher(fake_time, per_host_interval_s=4.0) as fetcher:
            await fetcher.get_json(f"{board.base_url}/jobs")
            await fetcher.get_json(f"{board.base_url}/jobs")
            await fetcher.get_json(f"{board.base_url}/jobs")
    assert fake_time.sleeps == [4.0, 4.0]


async def test_response_larger_than_the_cap_is_refused_while_streaming(fake_time: FakeTime) -> None:
    streamed_chunks = 0

    async def endless() -> AsyncIterator[bytes]:
        nonlocal streamed_chunks
        for _ in range(1_000):  # 64 MB if nobody stopped reading
            streamed_chunks += 1
            yield b"x" * 65_536

    async with LoopbackBoard({"/huge": lambda _r: Response(200, endless, send_length=False)}) as board:
        async with make_fetcher(fake_time, max_bytes=200_000) as fetcher:
            with pytest.raises(FetchError, match=r"response too large \(more than 200000 bytes\)"):
                await fetcher.get_text(f"{board.base_url}/huge")
    assert streamed_chunks < 1_000


async def test_declared_length_over_the_cap_is_refused_before_reading(fake_time: FakeTime) -> None:
    async with LoopbackBoard({"/big": lambda _r: Response.json("[" + "1," * 60_000 + "1]")}) as board:
        async with make_fetcher(fake_time, max_bytes=1_000) as fetcher:
            with pytest.raises(FetchError, match=r"response too large \(120003 bytes, limit 1000\)"):
                await fetcher.get_json(f"{board.base_url}/big")


async def test_malformed_json_is_a_fetch_error(fake_time: FakeTime) -> None:
    async with LoopbackBoard({"/jobs": lambda _r: Response.json('{"jobs": [1, 2,')}) as board:
        async with make_fetcher(fake_time) as fetcher:
            with pytest.raises(FetchError) as caught:
                await fetcher.get_json(f"{board.base_url}/jobs")
    assert caught.value.reason.startswith("malformed JSON (")
    assert caught.value.url == f"{board.base_url}/jobs"


async def test_conditional_request_returns_the_cached_body_on_304(fake_time: FakeTime) -> None:
    last_modified = "Wed, 21 Oct 2025 07:28:00 GMT"

    def feed(request: Request) -> Response:
        if request.headers.get("if-none-match") == '"v1"':
            return Response(304, b"", {"ETag": '"v1"'})
        return Response.json('{"jobs": ["a", "b"]}', ETag='"v1"', **{"Last-Modified": last_modified})

    async with LoopbackBoard({"/feed": feed}) as board, make_fetcher(fake_time) as fetcher:
        first = await fetcher.get_json(f"{board.base_url}/feed")
        second = await fetcher.get_json(f"{board.base_url}/feed")
    assert first == second == {"jobs": ["a", "b"]}
    assert "if-none-match" not in board.requests[0].headers
    assert board.requests[1].headers["if-none-match"] == '"v1"'
    assert board.requests[1].headers["if-modified-since"] == last_modified


async def test_redirects_are_followed_to_the_final_page(fake_time: FakeTime) -> None:
    routes = {
        "/old": lambda _r: Response(301, b"", {"Location": "/new"}),
        "/new": lambda _r: Response.html("<h1>Moved job</h1>"),
        "/loop": lambda _r: Response(302, b"", {"Location": "/loop"}),
    }
    async with LoopbackBoard(routes) as board, make_fetcher(fake_time) as fetcher:
        page = await fetcher.get_page(f"{board.base_url}/old", respect_robots=False)
        assert (page.url, page.status, page.text) == (f"{board.base_url}/new", 200, "<h1>Moved job</h1>")
        with pytest.raises(FetchError, match="too many redirects"):
            await fetcher.get_text(f"{board.base_url}/loop")


async def test_text_is_decoded_with_the_declared_charset(fake_time: FakeTime) -> None:
    body = "Вакансия: разработчик".encode("windows-1251")
    routes = {"/ru": lambda _r: Response(200, body, {"Content-Type": "text/plain; charset=windows-1251"})}
    async with LoopbackBoard(routes) as board, make_fetcher(fake_time) as fetcher:
        assert await fetcher.get_text(f"{board.base_url}/ru") == "Вакансия: разработчик"


ROBOTS = "User-agent: *\nDisallow: /private\n\nUser-agent: JobMate\nDisallow: /no-jobmate\nAllow: /\n"


async def test_robots_txt_disallow_is_respected_without_touching_the_page(fake_time: FakeTime) -> None:
    routes = {
        "/robots.txt": lambda _r: Response(200, ROBOTS.encode(), {"Content-Type": "text/plain"}),
        "/no-jobmate/job": lambda _r: Response.html("secret"),
        "/jobs/1": lambda _r: Response.html("<h1>Job</h1>"),
        "/private/x": lambda _r: Response.html("allowed for JobMate, whose group has no such rule"),
    }
    async with LoopbackBoard(routes) as board, make_fetcher(fake_time) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.get_page(f"{board.base_url}/no-jobmate/job")
        assert caught.value.reason == "disallowed by robots.txt"
        assert (await fetcher.get_page(f"{board.base_url}/jobs/1")).text == "<h1>Job</h1>"
        # RFC 9309: only the most specific matching group applies, so "*"'s rule is not ours.
        assert (await fetcher.get_page(f"{board.base_url}/private/x")).status == 200
        forced = await fetcher.get_page(f"{board.base_url}/no-jobmate/job", respect_robots=False)
    assert forced.text == "secret"
    assert board.count("/robots.txt") == 1
    assert board.count("/no-jobmate/job") == 1  # only the forced fetch reached it


async def test_missing_robots_txt_allows_everything(fake_time: FakeTime) -> None:
    async with (
        LoopbackBoard({"/job": lambda _r: Response.html("ok")}) as board,
        make_fetcher(fake_time) as fetcher,
    ):
        assert (await fetcher.get_page(f"{board.base_url}/job")).text == "ok"


async def test_unreachable_robots_txt_means_disallow(fake_time: FakeTime) -> None:
    routes = {"/robots.txt": lambda _r: Response(500), "/job": lambda _r: Response.html("ok")}
    async with LoopbackBoard(routes) as board:
        async with make_fetcher(fake_time, max_retries=1) as fetcher:
            with pytest.raises(
                FetchError, match=r"^.*disallowed by robots.txt \(robots.txt unreachable: HTTP 500"
            ):
                await fetcher.get_page(f"{board.base_url}/job")
    assert board.count("/job") == 0


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "empty URL"),
        ("ftp://example.com/jobs", "unsupported URL scheme 'ftp' (only http and https)"),
        ("file:///etc/passwd", "unsupported URL scheme 'file' (only http and https)"),
        ("/relative/path", "unsupported URL scheme '' (only http and https)"),
    ],
)
async def test_bad_urls_are_clear_errors(fake_time: FakeTime, url: str, reason: str) -> None:
    async with make_fetcher(fake_time) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.get_text(url)
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    ("setting", "value"),
    [("timeout_s", 0), ("max_bytes", 0), ("max_retries", -1), ("per_host_interval_s", -1)],
)
def test_bad_settings_are_refused(setting: str, value: float) -> None:
    with pytest.raises(ValueError, match=setting):
        HttpFetcher(**{setting: value})  # type: ignore[arg-type]


def test_retry_after_parsing() -> None:
    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after("86400") == MAX_RETRY_AFTER_S
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now=now) == 30.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
