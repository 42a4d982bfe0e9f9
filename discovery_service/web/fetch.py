"""The HTTP client every job source uses: polite, bounded and honest about failures.

`HttpFetcher` implements `discovery_service.domain.Fetcher` on one shared `httpx.AsyncClient`:

- connect/read timeouts, plus an overall deadline per attempt so a slow-drip server cannot hold a run;
- a response size cap enforced while streaming (decoded bytes, so a compression bomb is caught too);
- retries with jittered exponential backoff on connection errors, 429 and 5xx, honouring
  `Retry-After` (seconds or HTTP date, capped at `MAX_RETRY_AFTER_S`) on 429 and 503;
- per host: at most one request in flight and a minimum interval between requests, and a
  `Retry-After` holds back every request to that host, not only the one that got it;
- conditional requests: ETag / Last-Modified remembered per URL, a 304 returns the cached body;
- robots.txt (RFC 9309, parsed by protego) for page scraping through `get_page`;
- an honest User-Agent.

Every failure surfaces as `FetchError(url, reason, status)` with a reason a person can read.
"""

from __future__ import annotations

import asyncio
import codecs
import email.utils
import json
import random
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from protego import Protego

DEFAULT_USER_AGENT = "JobMate/0.1 (+self-hosted job-search assistant)"
ROBOTS_USER_AGENT_TOKEN = "JobMate"  # the product token robots.txt groups are matched against
MAX_RETRY_AFTER_S = 60.0  # a board asking for more than this still gets retried after this long
MAX_BACKOFF_S = 30.0
MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB, ignore the rest
ROBOTS_CACHE_TTL_S = 24 * 3600.0  # RFC 9309: do not use a cached robots.txt for more than 24 hours
ROBOTS_UNREACHABLE_TTL_S = 300.0  # re-try an unreachable robots.txt sooner than a good one
CONDITIONAL_CACHE_ENTRIES = 256
CONDITIONAL_CACHE_BYTES = 32_000_000
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]


class FetchError(Exception):
    """A URL could not be fetched. `reason` is readable ("HTTP 404 Not Found", "timed out after 15s")."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: the URL it finally came from (after redirects), its status, headers and text."""

    url: str
    status: int
    headers: Mapping[str, str]
    text: str


@dataclass(slots=True)
class _Response:
    url: httpx.URL
    status: int
    reason_phrase: str
    headers: httpx.Headers
    content: bytes


@dataclass(slots=True)
class _CachedBody:
    etag: str | None
    last_modified: str | None
    status: int
    headers: httpx.Headers
    content: bytes


@dataclass(slots=True)
class _HostGate:
    """Serialises requests to one host and spaces them out."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_allowed_at: float = 0.0


@dataclass(slots=True)
class _RobotsEntry:
    parser: Protego | None  # None: everything allowed (robots.txt absent)
    unreachable_reason: str | None  # set: everything disallowed (RFC 9309 §2.3.1.4)
    expires_at: float


class _RetryableError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def read_limited(
    response: httpx.Response, max_bytes: int, url: str, *, truncate: bool = False
) -> bytes:
    """Read a streamed response body, refusing (or, with `truncate`, cutting) beyond `max_bytes`."""
    declared = response.headers.get("content-length", "")
    if not truncate and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            url, f"response too large ({int(declared)} bytes, limit {max_bytes})", response.status_code
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            if truncate:
                chunks.append(chunk[: max_bytes - (size - len(chunk))])
                break
            raise FetchError(url, f"response too large (more than {max_bytes} bytes)", response.status_code)
        chunks.append(chunk)
    return b"".join(chunks)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_text(content: bytes, headers: httpx.Headers) -> str:
    """Decode a body: BOM, then the Content-Type charset, then an HTML <meta charset>, then UTF-8."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if content.startswith(bom):
            return content.decode(encoding, errors="replace")
    candidates: list[str] = []
    content_type = headers.get("content-type", "")
    match = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
    if match:
        candidates.append(match.group(1))
    meta = _META_CHARSET.search(content[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii"))
    for name in candidates:
        try:
            return content.decode(codecs.lookup(name).name, errors="replace")
        except LookupError:
            continue  # a bogus charset label; fall through to the defaults
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped; None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(delta, 0.0), MAX_RETRY_AFTER_S)


def _status_reason(status: int, phrase: str) -> str:
    return f"HTTP {status} {phrase}".rstrip()


def build_url(url: str, params: Mapping[str, Any] | None = None) -> httpx.URL:
    """An absolute http(s) URL with `params` merged into its query; FetchError for anything else."""
    if not isinstance(url, str) or not url.strip():
        raise FetchError(str(url), "empty URL")
    try:
        parsed = httpx.URL(url.strip())
        if params:
            parsed = parsed.copy_merge_params(dict(params))
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(url, f"invalid URL ({exc})") from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(url, f"unsupported URL scheme {parsed.scheme!r} (only http and https)")
    if not parsed.host:
        raise FetchError(url, "URL has no host")
    return parsed


class HttpFetcher:
    """The shared, polite HTTP client (see the module docstring). Use as an async context manager."""

    def __init__(
        self,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        timeout_s: float = 15.0,
        max_bytes: int = 5_000_000,
        max_retries: int = 3,
        per_host_interval_s: float = 1.0,
        backoff_base_s: float = 0.5,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
    ) -> None:
        # `sleep` and `clock` exist so tests can see the waits the fetcher asks for without waiting.
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s}")
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries}")
        if per_host_interval_s < 0 or backoff_base_s < 0:
            raise ValueError("per_host_interval_s and backoff_base_s must be >= 0")
        if not user_agent.strip():
            raise ValueError("user_agent must not be empty")
        self.user_agent = user_agent
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        self.max_retries = max_retries
        self.per_host_interval_s = per_host_interval_s
        self.backoff_base_s = backoff_base_s
        self._sleep = sleep
        self._clock = clock
        self._random = random.Random()
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)),
            headers={"User-Agent": user_agent},
            follow_redirects=False,  # followed here, so each hop goes through its host's gate
        )
        self._gates: dict[str, _HostGate] = {}
        self._conditional: OrderedDict[str, _CachedBody] = OrderedDict()
        self._conditional_bytes = 0
        self._robots: dict[str, _RobotsEntry] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}

    async def __aenter__(self) -> HttpFetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    # ---- the Fetcher protocol -------------------------------------------------------------

    async def get_json(
        self, url: str, *, params: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None
    ) -> Any:
        merged = {"Accept": "application/json", **(headers or {})}
        response = await self._fetch(build_url(url, params), merged)
        try:
            return json.loads(response.content)
        except (ValueError, UnicodeDecodeError) as exc:
            raise FetchError(str(response.url), f"malformed JSON ({exc})", response.status) from exc

    async def get_text(
        self, url: str, *, params: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None
    ) -> str:
        response = await self._fetch(build_url(url, params), dict(headers or {}))
        return decode_text(response.content, response.headers)

    # ---- page scraping ----------------------------------------------------------------------

    async def get_page(self, url: str, *, respect_robots: bool = True) -> Page:
        """Fetch an HTML page, checking robots.txt of every host on the way (unless told not to)."""
        before_hop = self._check_robots if respect_robots else None
        response = await self._fetch(
            build_url(url),
            {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"},
            before_hop=before_hop,
        )
        return Page(
            url=str(response.url),
            status=response.status,
            headers=dict(response.headers),
            text=decode_text(response.content, response.headers),
        )

    async def _check_robots(self, url: httpx.URL) -> None:
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:  # one robots.txt fetch per origin even when pages are requested concurrently
            entry = self._robots.get(origin)
            if entry is None or entry.expires_at <= self._clock():
                entry = await self._load_robots(origin)
                self._robots[origin] = entry
        if entry.unreachable_reason is not None:
            raise FetchError(str(url), f"disallowed by robots.txt ({entry.unreachable_reason})")
        if entry.parser is not None and not entry.parser.can_fetch(str(url), ROBOTS_USER_AGENT_TOKEN):
            raise FetchError(str(url), "disallowed by robots.txt")

    async def _load_robots(self, origin: str) -> _RobotsEntry:
        robots_url = httpx.URL(origin + "/robots.txt")
        try:
            response = await self._fetch(
                robots_url,
                {"Accept": "text/plain"},
                max_bytes=ROBOTS_MAX_BYTES,
                truncate=True,
                raise_for_status=False,
            )
        except FetchError as exc:
            # RFC 9309 §2.3.1.4: an unreachable robots.txt (5xx, network error) means assume full disallow.
            return _RobotsEntry(
                None, f"robots.txt unreachable: {exc.reason}", self._clock() + ROBOTS_UNREACHABLE_TTL_S
            )
        expires_at = self._clock() + ROBOTS_CACHE_TTL_S
        if 400 <= response.status < 500:
            return _RobotsEntry(None, None, expires_at)  # RFC 9309 §2.3.1.3: unavailable, crawl freely
        if not 200 <= response.status < 300:
            return _RobotsEntry(
                None, f"robots.txt answered HTTP {response.status}", self._clock() + ROBOTS_UNREACHABLE_TTL_S
            )
        return _RobotsEntry(Protego.parse(decode_text(response.content, response.headers)), None, expires_at)

    # ---- the request machinery ----------------------------------------------------------------

    async def _fetch(
        self,
        url: httpx.URL,
        headers: Mapping[str, str],
        *,
        before_hop: Callable[[httpx.URL], Awaitable[None]] | None = None,
        max_bytes: int | None = None,
        truncate: bool = False,
        raise_for_status: bool = True,
    ) -> _Response:
        original = str(url)
        for _ in range(MAX_REDIRECTS + 1):
            if before_hop is not None:
                await before_hop(url)
            response = await self._fetch_with_retries(url, headers, max_bytes or self.max_bytes, truncate)
            location = response.headers.get("location")
            if response.status not in REDIRECT_STATUSES or not location:
                if raise_for_status and not 200 <= response.status < 300:
                    raise FetchError(
                        str(url), _status_reason(response.status, response.reason_phrase), response.status
                    )
                return response
            try:
                url = url.join(location)
            except httpx.InvalidURL as exc:
                raise FetchError(
                    str(url), f"redirect to an invalid URL {location!r}", response.status
                ) from exc
            if url.scheme not in ("http", "https"):
                raise FetchError(original, f"redirect to unsupported scheme {url.scheme!r}", response.status)
        raise FetchError(original, f"too many redirects (more than {MAX_REDIRECTS})")

    async def _fetch_with_retries(
        self, url: httpx.URL, headers: Mapping[str, str], max_bytes: int, truncate: bool
    ) -> _Response:
        attempt = 0
        while True:
            try:
                response = await self._send_once(url, headers, max_bytes, truncate)
            except _RetryableError as exc:
                if attempt >= self.max_retries:
                    raise FetchError(
                        str(url), f"{exc.reason} (gave up after {attempt + 1} attempts)"
                    ) from None
                await self._sleep(self._backoff_s(attempt))
                attempt += 1
                continue
            if response.status != 429 and response.status < 500:
                return response
            if attempt >= self.max_retries:
                reason = _status_reason(response.status, response.reason_phrase)
                raise FetchError(
                    str(url), f"{reason} (gave up after {attempt + 1} attempts)", response.status
                )
            retry_after = (
                parse_retry_after(response.headers.get("retry-after"))
                if response.status in (429, 503)
                else None
            )
            if retry_after is not None:
                # The host asked everyone to wait: hold back its gate, not just this request.
                gate = self._gate(url)
                gate.next_allowed_at = max(gate.next_allowed_at, self._clock() + retry_after)
            else:
                await self._sleep(self._backoff_s(attempt))
            attempt += 1

    def _backoff_s(self, attempt: int) -> float:
        delay = min(self.backoff_base_s * (2**attempt), MAX_BACKOFF_S)
        return delay / 2 + self._random.uniform(0, delay / 2)  # "equal jitter": spread retries, keep a floor

    def _gate(self, url: httpx.URL) -> _HostGate:
        return self._gates.setdefault(url.host.lower(), _HostGate())

    async def _send_once(
        self, url: httpx.URL, headers: Mapping[str, str], max_bytes: int, truncate: bool
    ) -> _Response:
        gate = self._gate(url)
        async with gate.lock:
            wait = gate.next_allowed_at - self._clock()
            if wait > 0:
                await self._sleep(wait)
            try:
                async with asyncio.timeout(self.timeout_s * 4):
                    return await self._exchange(url, headers, max_bytes, truncate)
            except TimeoutError:
                raise _RetryableError(f"took longer than {self.timeout_s * 4:g}s") from None
            finally:
                gate.next_allowed_at = max(gate.next_allowed_at, self._clock() + self.per_host_interval_s)

    async def _exchange(
        self, url: httpx.URL, headers: Mapping[str, str], max_bytes: int, truncate: bool
    ) -> _Response:
        key = str(url)
        request_headers = dict(headers)
        lowered = {name.lower() for name in request_headers}
        cached = None
        if not lowered & {"if-none-match", "if-modified-since"}:
            cached = self._conditional.get(key)
            if cached is not None:
                if cached.etag:
                    request_headers["If-None-Match"] = cached.etag
                if cached.last_modified:
                    request_headers["If-Modified-Since"] = cached.last_modified
        try:
            async with self._client.stream("GET", url, headers=request_headers) as response:
                if response.status_code == 304:
                    if cached is None:
                        raise FetchError(key, "HTTP 304 Not Modified but nothing is cached for this URL", 304)
                    self._conditional.move_to_end(key)
                    return _Response(url, cached.status, "OK", cached.headers, cached.content)
                if not 200 <= response.status_code < 300:
                    # Error and redirect bodies are not needed; closing the stream discards them.
                    return _Response(url, response.status_code, response.reason_phrase, response.headers, b"")
                content = await read_limited(response, max_bytes, key, truncate=truncate)
                self._remember(key, response, content)
                return _Response(url, response.status_code, response.reason_phrase, response.headers, content)
        except httpx.TimeoutException as exc:
            raise _RetryableError(f"timed out ({type(exc).__name__}) after {self.timeout_s:g}s") from None
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _RetryableError(f"connection failed ({type(exc).__name__}: {exc or 'no detail'})") from None
        except httpx.DecodingError as exc:
            raise FetchError(key, f"could not decode the response ({exc})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(key, f"request failed ({type(exc).__name__}: {exc})") from exc

    def _remember(self, key: str, response: httpx.Response, content: bytes) -> None:
        etag = response.headers.get("etag")
        last_modified = response.headers.get("last-modified")
        previous = self._conditional.pop(key, None)
        if previous is not None:
            self._conditional_bytes -= len(previous.content)
        if not (etag or last_modified) or len(content) > CONDITIONAL_CACHE_BYTES // 4:
            return
        self._conditional[key] = _CachedBody(
            etag, last_modified, response.status_code, response.headers, content
        )
        self._conditional_bytes += len(content)
        while self._conditional and (
            len(self._conditional) > CONDITIONAL_CACHE_ENTRIES
            or self._conditional_bytes > CONDITIONAL_CACHE_BYTES
        ):
            _, evicted = self._conditional.popitem(last=False)
            self._conditional_bytes -= len(evicted.content)
