"""Fetching URLs that users paste (AddJobByUrl) without letting them reach inside our network.

A user-supplied URL is untrusted: "http://169.254.169.254/" would read the cloud metadata service,
"http://10.0.0.5:5432/" would probe the database. `fetch_user_url` therefore:

1. accepts only http/https URLs without user info (no "http://trusted@evil/" tricks);
2. recognises every IPv4 spelling a resolver accepts (2130706433, 0177.0.0.1, 0x7f.1, 127.1);
3. resolves host names and refuses if ANY address is private, loopback, link-local, multicast,
   reserved, unspecified, shared (100.64/10), or an IPv4-mapped / IPv4-compatible / 6to4 /
   Teredo / NAT64 form of one;
4. connects to exactly the address it checked (a pinned network backend), while the Host
   header, TLS SNI and certificate verification still use the real host name, so DNS rebinding
   between check and connect cannot redirect the request;
5. follows redirects itself, checking every target the same way, at most `MAX_REDIRECTS`.

`allow_loopback=True` lets loopback through (tests, local fakes); everything else stays refused.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

import httpcore
import httpx

from discovery_service.web.fetch import (
    DEFAULT_USER_AGENT,
    REDIRECT_STATUSES,
    FetchError,
    Page,
    decode_text,
    read_limited,
)

MAX_REDIRECTS = 5

Resolver = Callable[[str, int], Awaitable[list[str]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

PRIVATE_NETWORK_MESSAGE = "This address points inside a private network and can't be fetched"
LOOPBACK_MESSAGE = "This address points to the JobMate server itself and can't be fetched"

_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT, RFC 6598
_NAT64_PREFIXES = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_FORBIDDEN_URL_CHARS = re.compile(r"[\x00-\x20\x7f\\]")


class UnsafeUrlError(Exception):
    """A user-supplied URL was refused. `reason` is written for the user; `detail` for the logs."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class CheckedTarget:
    """A URL that passed the checks, and the one address the connection must go to."""

    url: httpx.URL
    host: str  # as the connection pool sees it: lower-case, IDNA-encoded, IPv6 without brackets
    port: int
    address: str


async def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for `host` (IPv4 and IPv6)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for _family, _type, _proto, _canonname, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone id
        if address not in addresses:
            addresses.append(address)
    return addresses


def parse_ipv4_literal(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address a host spells in any inet_aton / WHATWG form, or None if it is a name.

    "2130706433", "0177.0.0.1", "0x7f.1" and "127.1" are all 127.0.0.1 to a resolver, so they
    must be to us. A host whose last label is numeric but which is not a valid address raises.
    """
    labels = host.rstrip(".").split(".") if host not in ("", ".") else []
    if not labels or not _looks_numeric(labels[-1]):
        return None
    try:
        numbers = [_parse_ipv4_number(label) for label in labels]
    except ValueError:
        raise UnsafeUrlError("This web address has an invalid IP address", f"host {host!r}") from None
    if len(numbers) > 4 or any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        raise UnsafeUrlError("This web address has an invalid IP address", f"host {host!r}")
    value = numbers[-1]
    for index, number in enumerate(numbers[:-1]):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _looks_numeric(label: str) -> bool:
    return label.isdigit() or bool(re.fullmatch(r"0[xX][0-9a-fA-F]*", label))


def _parse_ipv4_number(label: str) -> int:
    if not label:
        raise ValueError("empty label")
    if label[:2] in ("0x", "0X"):
        return int(label[2:] or "0", 16)
    if len(label) > 1 and label.startswith("0"):
        return int(label[1:], 8)
    if not label.isdigit():
        raise ValueError(label)
    return int(label)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries and may be routed to (mapped, compatible, 6to4, Teredo, NAT64)."""
    embedded: list[ipaddress.IPv4Address] = []
    if address.ipv4_mapped is not None:
        embedded.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        embedded.append(address.sixtofour)
    if address.teredo is not None:
        embedded.extend(address.teredo)
    if any(address in prefix for prefix in _NAT64_PREFIXES):
        embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if 1 < int(address) < 2**32:  # deprecated IPv4-compatible ::a.b.c.d
        embedded.append(ipaddress.IPv4Address(int(address)))
    return embedded


def _category(address: IPAddress) -> str | None:
    """Why this one address is off limits, or None for a public unicast address."""
    if address.is_loopback:
        return "loopback"
    if address.is_unspecified:
        return "unspecified"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in _SHARED_ADDRESS_SPACE:
        return "shared"
    if address.is_private:
        return "private"
    if address.is_reserved:
        return "reserved"
    if not address.is_global:
        return "non-global"
    return None


def address_problem(address: IPAddress) -> str | None:
    """The category that makes `address` unsafe ("loopback", "private", ...), checking embedded IPv4 too."""
    if isinstance(address, ipaddress.IPv6Address):
        for inner in _embedded_ipv4(address):
            problem = _category(inner)
            if problem is not None:
                return problem
        if address.ipv4_mapped is not None:
            return None  # a mapped public IPv4 is that IPv4 (the ::ffff:0:0/96 block itself is "reserved")
    return _category(address)


def check_address(address: IPAddress, *, allow_loopback: bool = False) -> None:
    """Raise UnsafeUrlError unless `address` may be connected to."""
    problem = address_problem(address)
    if problem is None or (problem == "loopback" and allow_loopback):
        return
    message = LOOPBACK_MESSAGE if problem in ("loopback", "unspecified") else PRIVATE_NETWORK_MESSAGE
    raise UnsafeUrlError(message, f"{address} is {problem}")


async def check_url(
    url: str, *, resolver: Resolver | None = None, allow_loopback: bool = False
) -> CheckedTarget:
    """Validate a user-supplied URL and resolve it to one address that is safe to connect to."""
    if not isinstance(url, str) or not url.strip():
        raise UnsafeUrlError("Please enter a web address")
    url = url.strip()
    if _FORBIDDEN_URL_CHARS.search(url):
        raise UnsafeUrlError("This web address contains spaces or characters that aren't allowed", repr(url))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeUrlError("This doesn't look like a valid web address", str(exc)) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}://" if scheme else "no scheme"
        raise UnsafeUrlError(f"Only http:// and https:// addresses can be fetched (got {shown})")
    if "@" in parts.netloc:
        raise UnsafeUrlError("Web addresses with a user name or password in them can't be fetched")
    hostname = (parts.hostname or "").lower()
    if not hostname:
        raise UnsafeUrlError("This web address has no host name")
    port = port or (443 if scheme == "https" else 80)

    literal = _ip_literal(hostname)
    if literal is not None:
        check_address(literal, allow_loopback=allow_loopback)
        pool_host, addresses = str(literal), [literal]
    else:
        pool_host = _idna(hostname)
        addresses = await _resolve(pool_host, port, resolver or system_resolver)
        for address in addresses:  # ANY unsafe address refuses the whole name
            check_address(address, allow_loopback=allow_loopback)
    netloc_host = f"[{pool_host}]" if ":" in pool_host else pool_host
    netloc = netloc_host if parts.port is None else f"{netloc_host}:{parts.port}"
    normalised = SplitResult(scheme, netloc, parts.path or "/", parts.query, "")
    try:
        request_url = httpx.URL(urlunsplit(normalised))
    except httpx.InvalidURL as exc:
        raise UnsafeUrlError("This doesn't look like a valid web address", str(exc)) from None
    return CheckedTarget(request_url, pool_host, port, str(addresses[0]))


def _ip_literal(hostname: str) -> IPAddress | None:
    if ":" in hostname:  # urlsplit strips the brackets of an IPv6 literal
        if "%" in hostname:
            raise UnsafeUrlError(
                "This web address has an invalid IP address", "IPv6 zone ids are not accepted"
            )
        try:
            return ipaddress.IPv6Address(hostname)
        except ValueError:
            raise UnsafeUrlError("This web address has an invalid IP address", hostname) from None
    return parse_ipv4_literal(hostname)


def _idna(hostname: str) -> str:
    try:
        return httpx.URL(f"http://{hostname}/").raw_host.decode("ascii").rstrip(".").lower()
    except (httpx.InvalidURL, UnicodeError) as exc:
        raise UnsafeUrlError("This web address has an invalid host name", str(exc)) from None


async def _resolve(host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    try:
        raw = await resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise UnsafeUrlError(f"The host name {host!r} could not be found", str(exc)) from None
    addresses: list[IPAddress] = []
    for text in raw:
        try:
            addresses.append(ipaddress.ip_address(text))
        except ValueError:
            raise UnsafeUrlError(
                f"The host name {host!r} could not be found", f"bad address {text!r}"
            ) from None
    if not addresses:
        raise UnsafeUrlError(f"The host name {host!r} could not be found", "no addresses")
    return addresses


class PinnedNetworkBackend(httpcore.AsyncNetworkBackend):
    """Connects each (host, port) only to the address that was checked for it; anything else is refused.

    httpcore asks for `connect_tcp(host, ...)` with the URL's host and later starts TLS with that
    same name as SNI, so swapping the address here keeps Host, SNI and certificate checks intact.
    """

    def __init__(self, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._inner = inner or httpcore.AnyIOBackend()
        self._pins: dict[tuple[str, int], str] = {}

    def pin(self, target: CheckedTarget) -> None:
        self._pins[(target.host, target.port)] = target.address

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[
            tuple[int, int, int] | tuple[int, int, bytes | None] | tuple[int, int, None, int]
        ]
        | None = None,
    ) -> httpcore.AsyncNetworkStream:
        address = self._pins.get((host.lower(), port))
        if address is None:
            raise httpcore.ConnectError(f"refusing to connect to unchecked host {host}:{port}")
        return await self._inner.connect_tcp(
            address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: object = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are never used for user URLs")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with the connection pool built on a pinned network backend."""

    def __init__(self, backend: PinnedNetworkBackend, ssl_context: ssl.SSLContext) -> None:
        super().__init__(trust_env=False)  # a proxy from the environment would bypass the pin
        # httpx does not expose `network_backend`, so the pool it built is replaced by an equivalent one.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context, max_connections=4, network_backend=backend
        )


async def fetch_user_url(
    url: str,
    *,
    allow_loopback: bool = False,
    max_bytes: int = 5_000_000,
    timeout_s: float = 15.0,
    user_agent: str = DEFAULT_USER_AGENT,
    resolver: Resolver | None = None,
    network_backend: httpcore.AsyncNetworkBackend | None = None,
    ssl_context: ssl.SSLContext | None = None,
    total_timeout_s: float | None = None,
) -> Page:
    """Fetch a page a user asked for, refusing anything that points inside a private network.

    Raises UnsafeUrlError when the URL or any redirect target is refused (before connecting to
    it), FetchError when the page cannot be fetched (HTTP error, timeout, too large).
    `total_timeout_s` bounds the whole fetch, redirects included, so a server that trickles bytes
    (each read within `timeout_s`) cannot outlast the caller's own deadline.
    `resolver` and `network_backend` are hooks for tests; `ssl_context` for a private CA.
    """
    if total_timeout_s is None:
        return await _fetch_user_url(url, allow_loopback, max_bytes, timeout_s, user_agent, resolver,
                                     network_backend, ssl_context)
    try:
        async with asyncio.timeout(total_timeout_s):
            return await _fetch_user_url(url, allow_loopback, max_bytes, timeout_s, user_agent, resolver,
                                         network_backend, ssl_context)
    except TimeoutError:
        raise FetchError(url, f"the page took longer than {total_timeout_s:.0f}s to load") from None


async def _fetch_user_url(url: str, allow_loopback: bool, max_bytes: int, timeout_s: float, user_agent: str,
                          resolver: Resolver | None, network_backend: httpcore.AsyncNetworkBackend | None,
                          ssl_context: ssl.SSLContext | None) -> Page:
    backend = PinnedNetworkBackend(network_backend)
    transport = _PinnedTransport(backend, ssl_context or httpx.create_ssl_context())
    timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0))
    async with httpx.AsyncClient(
        transport=transport, timeout=timeout, headers={"User-Agent": user_agent}, follow_redirects=False
    ) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            target = await check_url(current, resolver=resolver, allow_loopback=allow_loopback)
            backend.pin(target)
            shown = str(target.url)
            try:
                async with asyncio.timeout(timeout_s * 4):
                    async with client.stream("GET", target.url) as response:
                        location = response.headers.get("location")
                        if response.status_code in REDIRECT_STATUSES and location:
                            try:
                                current = str(target.url.join(location))
                            except httpx.InvalidURL as exc:
                                raise FetchError(shown, f"redirect to an invalid URL {location!r}") from exc
                            continue
                        if not 200 <= response.status_code < 300:
                            reason = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
                            raise FetchError(shown, reason, response.status_code)
                        content = await read_limited(response, max_bytes, shown)
                        return Page(
                            shown,
                            response.status_code,
                            dict(response.headers),
                            decode_text(content, response.headers),
                        )
            except TimeoutError:
                raise FetchError(shown, f"took longer than {timeout_s * 4:g}s") from None
            except httpx.TimeoutException as exc:
                raise FetchError(shown, f"timed out ({type(exc).__name__}) after {timeout_s:g}s") from None
            except httpx.HTTPError as exc:
                raise FetchError(
                    shown, f"request failed ({type(exc).__name__}: {exc or 'no detail'})"
                ) from None
    raise FetchError(url, f"too many redirects (more than {MAX_REDIRECTS})")
