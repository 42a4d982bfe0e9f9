"""Any RSS or Atom job feed, given by URL in the saved search (`{"url": "https://..."}`).

The feed URL comes from the user, so it is fetched like any user-supplied URL: through
`discovery_service.web.ssrf.fetch_user_url`, which refuses private, loopback and link-local
targets (after DNS resolution, on every redirect, with the connection pinned to the checked
address), rather than through the shared Fetcher used for known board hosts. The text is parsed
by feedparser from memory (never by handing feedparser a string, which it would treat as a URL or
a file path to open). Entries
become postings: title, link, summary or content as the description, categories as skills,
published (or updated) time. Feeds rarely say more, so company, location and salary stay empty
unless the search names the company.

`validate_params` already refuses URLs that are plainly unsafe (wrong scheme, credentials, a
local name or non-public IP literal) so the user hears about it when saving the search; tests and
dev setups may allow loopback feeds.
"""

from __future__ import annotations

import calendar
import io
import ipaddress
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import feedparser

from discovery_service.domain import Fetcher, Posting, SearchQuery, SourceError
from discovery_service.sources.base import (
    BoardSource,
    ParamSpec,
    describe,
    optional_text,
    parse_items,
    remote_type_from_text,
    unique,
)
from discovery_service.web.ssrf import UnsafeUrlError, fetch_user_url

NAME = "rss"
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")


def parse_rss_payload(feed_text: str, *, feed_url: str = "", company: str = "") -> list[Posting]:
    """Postings from the text of an RSS 0.9x/1.0/2.0 or Atom feed."""
    if not isinstance(feed_text, str):
        raise SourceError(NAME, "unexpected shape: the feed is not text")
    result = feedparser.parse(
        io.BytesIO(feed_text.encode("utf-8")),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    if not result.get("version"):
        problem = result.get("bozo_exception")
        detail = f": {problem}" if problem else ""
        raise SourceError(NAME, f"not an RSS or Atom feed ({feed_url or 'no url'}){detail}")
    return parse_items(NAME, list(result.entries), lambda entry: _parse_entry(entry, company))


def _parse_entry(entry: Mapping[str, Any], company: str) -> Posting:
    link = optional_text(entry.get("link"))
    title = optional_text(entry.get("title"))
    if not link or not title:
        raise ValueError("entry without a link or a title")
    contents = entry.get("content") or []
    body = next((optional_text(c.get("value")) for c in contents if optional_text(c.get("value"))), "")
    description_text, description_html = describe(body or optional_text(entry.get("summary")))
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    location = optional_text(entry.get("location"))
    return Posting(
        source=NAME,
        external_id=optional_text(entry.get("id")) or link,
        url=link,
        title=title,
        company=company or optional_text(entry.get("author")),
        locations=unique([location]),
        remote_type=remote_type_from_text(location),
        description_text=description_text,
        description_html=description_html,
        skills=unique(tag.get("term") for tag in entry.get("tags") or [] if isinstance(tag, Mapping)),
        posted_at=datetime.fromtimestamp(calendar.timegm(when), tz=UTC) if when else None,
        raw={
            key: entry[key]
            for key in ("id", "link", "title", "published", "updated", "author")
            if key in entry
        },
    )


def check_feed_url(url: str, *, allow_loopback: bool = False) -> str:
    """The feed URL if it is plainly safe to fetch; ValueError with the reason otherwise.

    Host names are checked again after DNS resolution when the feed is fetched."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise ValueError(f"rss: the feed URL must start with http:// or https://, not {url!r}")
    if not parts.hostname:
        raise ValueError(f"rss: the feed URL has no host: {url!r}")
    if parts.username or parts.password:
        raise ValueError("rss: the feed URL must not contain a user name or password")
    host = parts.hostname.lower().rstrip(".")
    if host == "localhost" and allow_loopback:
        return url
    if host == "localhost" or host.endswith(_LOCAL_SUFFIXES):
        raise ValueError(f"rss: the feed URL names a local host ({host}); only public feeds can be read")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return url
    if address.is_loopback and allow_loopback:
        return url
    if not address.is_global:
        raise ValueError(
            f"rss: the feed URL names a non-public address ({host}); only public feeds can be read"
        )
    return url


class RssSource(BoardSource):
    name = NAME
    default_base_url = ""  # every feed names its own host
    min_fetch_interval = timedelta(minutes=30)
    PARAMS = (
        ParamSpec("url", "the feed's address (RSS or Atom)", required=True),
        ParamSpec("company", "the company to show for every entry (for a single employer's feed)"),
    )

    def __init__(self, base_url: str | None = None, *, allow_loopback: bool = False) -> None:
        super().__init__(base_url or "")
        self.allow_loopback = allow_loopback  # tests and dev only: lets a loopback fake serve the feed

    def validate_params(self, params: Mapping[str, Any] | None) -> dict[str, Any]:
        checked = super().validate_params(params)
        checked["url"] = check_feed_url(checked["url"], allow_loopback=self.allow_loopback)
        return checked

    async def _fetch(
        self, fetcher: Fetcher, query: SearchQuery, params: dict[str, Any]
    ) -> AsyncIterator[Posting]:
        # `fetcher` is deliberately unused: it trusts the hosts it is given, and this one is the user's.
        try:
            page = await fetch_user_url(params["url"], allow_loopback=self.allow_loopback)
        except UnsafeUrlError as error:
            raise SourceError(NAME, f"feed URL refused: {error.reason}") from error
        for posting in parse_rss_payload(
            page.text, feed_url=params["url"], company=params.get("company", "")
        ):
            yield posting


SOURCE = RssSource()
