"""Job-board sources: one module per board, each exposing a `SOURCE` (a domain.JobSource) and a pure
`parse_<board>_payload` function.

`SOURCES` maps a source name (what a saved search lists) to the production instance, talking to the
board's real host. `build_sources` makes a fresh set whose hosts are replaced, for tests and dev
setups only: loopback fakes stand in for real boards. The host of a board is never taken from a
saved search's parameters (only the RSS source reads a URL from them, and checks it).
"""

from __future__ import annotations

from collections.abc import Mapping

from discovery_service.sources import (
    arbeitnow,
    ashby,
    greenhouse,
    hh,
    lever,
    remoteok,
    remotive,
    rss,
    workable,
)
from discovery_service.sources.arbeitnow import ArbeitnowSource
from discovery_service.sources.ashby import AshbySource
from discovery_service.sources.base import BoardSource, ParamSpec
from discovery_service.sources.greenhouse import GreenhouseSource
from discovery_service.sources.hh import HhSource
from discovery_service.sources.lever import LeverSource
from discovery_service.sources.remoteok import RemoteOkSource
from discovery_service.sources.remotive import RemotiveSource
from discovery_service.sources.rss import RssSource
from discovery_service.sources.workable import WorkableSource

__all__ = ["SOURCES", "BoardSource", "ParamSpec", "build_sources", "get_source", "OVERRIDE_KEYS"]

_SIMPLE_SOURCES: tuple[type[BoardSource], ...] = (
    HhSource,
    GreenhouseSource,
    AshbySource,
    WorkableSource,
    RemotiveSource,
    RemoteOkSource,
    ArbeitnowSource,
)

# Keys `build_sources` accepts: every source with a fixed host, plus Lever's EU host.
OVERRIDE_KEYS: frozenset[str] = frozenset({cls.name for cls in _SIMPLE_SOURCES} | {"lever", "lever.eu"})


def build_sources(
    base_url_overrides: Mapping[str, str] | None = None, *, allow_loopback_feeds: bool = False,
    hh_user_agent: str = "",
) -> dict[str, BoardSource]:
    """A fresh source per board; `base_url_overrides` maps a source name ("greenhouse", or "lever.eu"
    for Lever's EU host) to the base URL to use instead of the real host (test and dev use only);
    `allow_loopback_feeds` lets RSS feeds on 127.0.0.1 through (test and dev use only);
    `hh_user_agent` is the HH-User-Agent hh.ru asks for ("JobMate/1.0 (you@example.org)"), empty
    for a generic one without a contact."""
    overrides = dict(base_url_overrides or {})
    unknown = sorted(set(overrides) - OVERRIDE_KEYS)
    if unknown:
        raise ValueError(
            f"no source has a host named {', '.join(unknown)}; known: {', '.join(sorted(OVERRIDE_KEYS))}"
        )
    sources: dict[str, BoardSource] = {cls.name: cls(overrides.get(cls.name)) for cls in _SIMPLE_SOURCES}
    if hh_user_agent:
        sources[HhSource.name] = HhSource(overrides.get(HhSource.name), user_agent=hh_user_agent)
    sources["lever"] = LeverSource(overrides.get("lever"), overrides.get("lever.eu"))
    sources["rss"] = RssSource(allow_loopback=allow_loopback_feeds)
    return dict(sorted(sources.items()))


# The modules' own `SOURCE` instances, talking to the real hosts.
SOURCES: dict[str, BoardSource] = {
    module.SOURCE.name: module.SOURCE
    for module in (arbeitnow, ashby, greenhouse, hh, lever, remoteok, remotive, rss, workable)
}


def get_source(name: str) -> BoardSource:
    """The production source called `name` (KeyError with the known names if there is none)."""
    try:
        return SOURCES[name]
    except KeyError:
        raise KeyError(f"unknown job source {name!r}; known sources: {', '.join(SOURCES)}") from None
