"""The SSRF guard for user-supplied URLs: refused targets never get a connection.

Every "refused" test points at a live loopback board (or a private address) and then checks both
the user-facing error and that nothing connected: the board counts TCP connections, and a
recording network backend sees every connect the HTTP client attempts.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Iterable

import httpcore
import pytest

from discovery_service.web.fetch import FetchError
from discovery_service.web.ssrf import (
    LOOPBACK_MESSAGE,
    PRIVATE_NETWORK_MESSAGE,
    UnsafeUrlError,
    address_problem,
    check_url,
    fetch_user_url,
    parse_ipv4_literal,
)
from tests.unit.test_fetch_loopback_server import LoopbackBoard, Response


class RecordingBackend(httpcore.AsyncNetworkBackend):
    """The real network backend, noting every TCP connection the client opens."""

    def __init__(self) -> None:
        self.inner = httpcore.AnyIOBackend()
        self.connects: list[tuple[str, int]] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[object] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.connects.append((host, port))
        return await self.inner.connect_tcp(host, port, timeout=timeout, local_address=local_address)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def mapped_resolver(table: dict[str, list[str]]):  # noqa: ANN201 - a test helper returning a Resolver
    """A resolver hook: like DNS for the names in `table`, and 'not found' for any other name."""

    async def resolve(host: str, _port: int) -> list[str]:
        if host not in table:
            raise OSError(f"unknown test host {host}")
        return table[host]

    return resolve


JOB_PAGE = Response.html(
    "<html><head><title>Backend Engineer</title></head><body><h1>Backend Engineer</h1></body></html>"
)


@pytest.fixture
async def board():
    async with LoopbackBoard({"/job": lambda _r: JOB_PAGE}) as running:
        yield running


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "[::1]",
        "2130706433",
        "0177.0.0.1",
        "0x7f.1",
        "0x7f000001",
        "127.1",
        "[::ffff:127.0.0.1]",
    ],
)
async def test_loopback_in_any_spelling_is_refused_without_connecting(
    board: LoopbackBoard, host: str
) -> None:
    backend = RecordingBackend()
    with pytest.raises(UnsafeUrlError) as caught:
        await fetch_user_url(f"http://{host}:{board.port}/job", network_backend=backend)
    assert caught.value.reason == LOOPBACK_MESSAGE
    assert backend.connects == []
    assert board.connections == 0


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://172.16.5.4:8080/admin",
        "http://192.168.1.1/",
        "http://100.64.0.1/",  # shared address space (carrier-grade NAT)
        "http://224.0.0.1/",  # multicast
        "http://240.0.0.1/",  # reserved
        "http://[fd00::1]/",  # unique local
        "http://[fe80::1]/",  # link-local
        "http://[::ffff:169.254.169.254]/",  # IPv4-mapped
        "http://[2002:a00:1::]/",  # 6to4 around 10.0.0.1
        "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 around 169.254.169.254
        "http://0251.0376.0251.0376/",  # 169.254.169.254 in octal
        "http://0xa9fea9fe/",  # 169.254.169.254 in hex
    ],
)
async def test_private_network_addresses_are_refused_without_connecting(url: str) -> None:
    backend = RecordingBackend()
    with pytest.raises(UnsafeUrlError) as caught:
        await fetch_user_url(url, network_backend=backend, allow_loopback=True)
    assert caught.value.reason == PRIVATE_NETWORK_MESSAGE
    assert backend.connects == []


async def test_host_name_resolving_to_loopback_is_refused(board: LoopbackBoard) -> None:
    backend = RecordingBackend()
    resolver = mapped_resolver({"jobs.localtest.me": ["127.0.0.1"]})
    with pytest.raises(UnsafeUrlError, match="JobMate server itself"):
        await fetch_user_url(
            f"http://jobs.localtest.me:{board.port}/job", resolver=resolver, network_backend=backend
        )
    assert backend.connects == []
    assert board.connections == 0


async def test_host_name_with_any_private_address_is_refused() -> None:
    # One public and one private answer: a client could pick either, so the name is refused.
    backend = RecordingBackend()
    resolver = mapped_resolver({"mixed.example": ["93.184.216.34", "10.1.2.3"]})
    with pytest.raises(UnsafeUrlError) as caught:
        await fetch_user_url("https://mixed.example/job", resolver=resolver, network_backend=backend)
    assert caught.value.reason == PRIVATE_NETWORK_MESSAGE
    assert caught.value.detail == "10.1.2.3 is private"
    assert backend.connects == []


@pytest.mark.parametrize(
    "target",
    ["http://169.254.169.254/latest/meta-data/iam/", "http://10.0.0.1/", "http://internal.example/"],
)
async def test_redirect_to_a_private_address_is_refused_before_connecting(target: str) -> None:
    backend = RecordingBackend()
    resolver = mapped_resolver({"internal.example": ["10.20.30.40"]})
    routes = {"/job": lambda _r: Response(302, b"", {"Location": target})}
    async with LoopbackBoard(routes) as redirecting:
        with pytest.raises(UnsafeUrlError) as caught:
            await fetch_user_url(
                f"{redirecting.base_url}/job", allow_loopback=True, resolver=resolver, network_backend=backend
            )
    assert caught.value.reason == PRIVATE_NETWORK_MESSAGE
    assert backend.connects == [("127.0.0.1", redirecting.port)]  # only the allowed first hop
    assert redirecting.count("/job") == 1


async def test_check_url_pins_public_addresses_and_refuses_loopback_by_default() -> None:
    target = await check_url("https://93.184.216.34/job")
    assert (target.address, target.port) == ("93.184.216.34", 443)
    with pytest.raises(UnsafeUrlError, match="JobMate server itself"):
        await check_url("http://127.0.0.1:9/")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "Only http:// and https:// addresses can be fetched (got file://)"),
        (
            "gopher://127.0.0.1:6379/_FLUSHALL",
            "Only http:// and https:// addresses can be fetched (got gopher://)",
        ),
        ("ftp://example.com/", "Only http:// and https:// addresses can be fetched (got ftp://)"),
        ("example.com/jobs/1", "Only http:// and https:// addresses can be fetched (got no scheme)"),
        (
            "http://user:pass@example.com/",
            "Web addresses with a user name or password in them can't be fetched",
        ),
        (
            "http://example.com@127.0.0.1/",
            "Web addresses with a user name or password in them can't be fetched",
        ),
        (
            "http://127.0.0.1\\@example.com/",
            "This web address contains spaces or characters that aren't allowed",
        ),
        ("http:///nohost", "This web address has no host name"),
        ("http://256.0.0.1/", "This web address has an invalid IP address"),
        ("http://example.com:99999/", "This doesn't look like a valid web address"),
        ("", "Please enter a web address"),
    ],
)
async def test_bad_urls_get_a_clear_error(url: str, reason: str) -> None:
    backend = RecordingBackend()
    with pytest.raises(UnsafeUrlError) as caught:
        await fetch_user_url(url, network_backend=backend, resolver=mapped_resolver({}))
    assert caught.value.reason == reason
    assert backend.connects == []


async def test_unknown_host_name_is_reported() -> None:
    with pytest.raises(UnsafeUrlError, match="The host name 'nowhere.invalid' could not be found"):
        await check_url("https://nowhere.invalid/job", resolver=mapped_resolver({}))


async def test_allowed_loopback_fetch_returns_the_page(board: LoopbackBoard) -> None:
    page = await fetch_user_url(f"{board.base_url}/job", allow_loopback=True)
    assert page.url == f"{board.base_url}/job"
    assert page.status == 200
    assert "<h1>Backend Engineer</h1>" in page.text
    assert page.headers["content-type"] == "text/html; charset=utf-8"


async def test_connection_goes_to_the_checked_address_with_the_real_host_name(board: LoopbackBoard) -> None:
    # The name resolves once, to the address that was checked; the request still says who it is for.
    backend = RecordingBackend()
    resolver = mapped_resolver({"careers.example.test": ["127.0.0.1"]})
    page = await fetch_user_url(
        f"http://careers.example.test:{board.port}/job",
        allow_loopback=True,
        resolver=resolver,
        network_backend=backend,
    )
    assert page.url == f"http://careers.example.test:{board.port}/job"
    assert backend.connects == [("127.0.0.1", board.port)]
    assert board.requests[0].headers["host"] == f"careers.example.test:{board.port}"


async def test_redirects_within_allowed_hosts_are_followed_and_capped() -> None:
    routes = {
        "/short": lambda _r: Response(301, b"", {"Location": "/job"}),
        "/job": lambda _r: JOB_PAGE,
        "/loop": lambda _r: Response(302, b"", {"Location": "/loop"}),
    }
    async with LoopbackBoard(routes) as redirecting:
        page = await fetch_user_url(f"{redirecting.base_url}/short", allow_loopback=True)
        assert page.url == f"{redirecting.base_url}/job"
        with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)"):
            await fetch_user_url(f"{redirecting.base_url}/loop", allow_loopback=True)
        assert redirecting.count("/loop") == 6


async def test_size_cap_and_http_errors_are_fetch_errors() -> None:
    routes = {"/big": lambda _r: Response.html("x" * 50_000), "/gone": lambda _r: Response(404)}
    async with LoopbackBoard(routes) as server:
        with pytest.raises(FetchError, match="response too large"):
            await fetch_user_url(f"{server.base_url}/big", allow_loopback=True, max_bytes=10_000)
        with pytest.raises(FetchError) as caught:
            await fetch_user_url(f"{server.base_url}/gone", allow_loopback=True)
    assert (caught.value.status, caught.value.reason) == (404, "HTTP 404 Not Found")


@pytest.mark.parametrize(
    ("spelling", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1.258", "10.1.1.2"),
        ("0xA9.0xFE.0xA9.0xFE", "169.254.169.254"),
        ("8.8.8.8.", "8.8.8.8"),
    ],
)
def test_every_ipv4_spelling_is_recognised(spelling: str, address: str) -> None:
    assert parse_ipv4_literal(spelling) == ipaddress.IPv4Address(address)


@pytest.mark.parametrize("name", ["example.com", "jobs.0x.example", "1.example", "localhost"])
def test_host_names_are_not_mistaken_for_addresses(name: str) -> None:
    assert parse_ipv4_literal(name) is None


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
        ("::ffff:8.8.8.8", None),
        ("::", "unspecified"),
        ("::ffff:7f00:1", "loopback"),
        ("::7f00:1", "loopback"),  # deprecated IPv4-compatible form
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"),  # Teredo whose client is 127.0.0.1
        ("192.0.2.1", "private"),  # documentation range: never a real job board
    ],
)
def test_address_classification(address: str, problem: str | None) -> None:
    assert address_problem(ipaddress.ip_address(address)) == problem


async def test_total_timeout_ends_a_page_that_trickles_bytes_with_a_clear_reason() -> None:
    """A slow-loris server answers every read in time but never finishes: only the overall bound ends it."""
    async def trickle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
        try:
            while True:
                writer.write(b"<")
                await writer.drain()
                await asyncio.sleep(0.1)
        except (ConnectionError, asyncio.CancelledError):
            pass

    server = await asyncio.start_server(trickle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        with pytest.raises(FetchError) as info:
            await fetch_user_url(f"http://127.0.0.1:{port}/job", allow_loopback=True, timeout_s=5,
                                 total_timeout_s=1.0)
        assert info.value.reason == "the page took longer than 1s to load"
    finally:
        server.close()
