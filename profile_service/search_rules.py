"""Rules of a saved search: what a valid configuration is, and which paths an update may change.

Source names are checked here; each source's own parameters are checked by discovery when it runs the
search (no service imports another's package), so here they only need to be a small string map.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from google.protobuf.field_mask_pb2 import FieldMask

from common.errors import InvalidArgument
from jobmate.profile.v1 import profile_pb2

KNOWN_SOURCES = (
    "hh", "greenhouse", "lever", "ashby", "workable", "smartrecruiters", "remotive", "remoteok", "arbeitnow", "rss",
)  # fmt: skip
MIN_RUN_INTERVAL_MINUTES = 15
MAX_RUN_INTERVAL_MINUTES = 7 * 24 * 60
DEFAULT_RUN_INTERVAL_MINUTES = 6 * 60
MAX_ACTIVE_SEARCHES_PER_USER = 50

MAX_LIST_ITEMS = 50
MAX_ITEM_CHARS = 100
MAX_NAME_CHARS = 100
MAX_DURATION_CHARS = 100
MAX_TEMPLATE_CHARS = 10_000
MAX_SOURCES = 20
MAX_SOURCE_PARAMS = 20
MAX_PARAM_KEY_CHARS = 64
MAX_PARAM_VALUE_CHARS = 500
# Auto-apply (docs/hh.md): automatic applies per search and UTC day. HH allows about 200 negotiations a
# day per account; the per-user token bucket (20, then 8 an hour) bounds all searches together.
DEFAULT_AUTO_APPLY_DAILY_CAP = 5
MAX_AUTO_APPLY_DAILY_CAP = 200

# The settings of a saved search are the contract's SearchConfig message (as the profile document is the
# Profile message, see profile_rules.py); stored as its JSON mapping without these, which are columns.
SearchSettings = profile_pb2.SearchConfig
NOT_IN_DOCUMENT = ("id", "user_id", "active", "created_at", "updated_at", "inactive_reason")
UPDATABLE_PATHS = frozenset({
    "name", "job_titles", "locations", "remote_policy", "keywords", "red_flags", "salary_min", "salary_max",
    "salary_currency", "start_date", "duration", "cover_letter_template", "sources", "run_interval_minutes",
    "active", "auto_apply",
})
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_LISTS = {"job_titles": "job title", "locations": "location", "keywords": "keyword", "red_flags": "red flag"}


def check_update_mask(mask: FieldMask) -> list[str]:
    paths = list(mask.paths)
    if not paths:
        raise InvalidArgument("update_mask is empty: list the fields to change, e.g. \"keywords\"")
    for path in paths:
        if path not in UPDATABLE_PATHS:
            raise InvalidArgument(f"update_mask path {path!r} is not a search setting you can change; "
                                  f"allowed: {', '.join(sorted(UPDATABLE_PATHS))}")
    return paths


def apply_update(current: profile_pb2.SearchConfig, patch: profile_pb2.SearchConfig,
                 paths: list[str]) -> profile_pb2.SearchConfig:
    updated = profile_pb2.SearchConfig()
    updated.CopyFrom(current)
    FieldMask(paths=paths).MergeMessage(patch, updated, replace_message_field=True, replace_repeated_field=True)
    normalize(updated)
    return updated


def normalize(config: profile_pb2.SearchConfig) -> None:
    """Validate in place (trimming text, de-duplicating lists, filling defaults) or raise InvalidArgument."""
    config.name = config.name.strip()
    if len(config.name) > MAX_NAME_CHARS:
        raise InvalidArgument(f"the search name is too long (at most {MAX_NAME_CHARS} characters)")
    for field_name, label in _LISTS.items():
        items = _clean_list(getattr(config, field_name), label)
        del getattr(config, field_name)[:]
        getattr(config, field_name).extend(items)
    if not config.job_titles and not config.keywords:
        raise InvalidArgument("a search needs at least one job title or keyword")
    if not config.name:
        config.name = (list(config.job_titles) or list(config.keywords))[0]
    if config.remote_policy == profile_pb2.REMOTE_POLICY_UNSPECIFIED:
        config.remote_policy = profile_pb2.REMOTE_POLICY_ANY
    elif config.remote_policy not in profile_pb2.RemotePolicy.values():
        raise InvalidArgument("remote policy must be one of REMOTE, HYBRID, ON_SITE or ANY")
    _check_salary(config)
    config.start_date = config.start_date.strip()
    if config.start_date:
        try:
            date.fromisoformat(config.start_date)
        except ValueError:
            raise InvalidArgument(f"start date {config.start_date!r} is not a date like 2025-09-01") from None
    config.duration = config.duration.strip()
    if len(config.duration) > MAX_DURATION_CHARS:
        raise InvalidArgument(f"duration is too long (at most {MAX_DURATION_CHARS} characters)")
    if len(config.cover_letter_template) > MAX_TEMPLATE_CHARS:
        raise InvalidArgument(f"the cover-letter template is too long (at most {MAX_TEMPLATE_CHARS} characters)")
    _check_sources(config)
    _check_auto_apply(config)
    if config.run_interval_minutes == 0:
        config.run_interval_minutes = DEFAULT_RUN_INTERVAL_MINUTES
    if not MIN_RUN_INTERVAL_MINUTES <= config.run_interval_minutes <= MAX_RUN_INTERVAL_MINUTES:
        raise InvalidArgument(f"run interval must be between {MIN_RUN_INTERVAL_MINUTES} minutes and 7 days "
                              f"({MAX_RUN_INTERVAL_MINUTES} minutes); got {config.run_interval_minutes}")


def _clean_list(values: Any, label: str) -> list[str]:
    seen: set[str] = set()
    items: list[str] = []
    for raw in values:
        item = " ".join(raw.split())
        if not item or item.casefold() in seen:
            continue
        if len(item) > MAX_ITEM_CHARS:
            raise InvalidArgument(f"{label} {item[:30]!r}... is too long (at most {MAX_ITEM_CHARS} characters)")
        seen.add(item.casefold())
        items.append(item)
    if len(items) > MAX_LIST_ITEMS:
        raise InvalidArgument(f"too many {label}s: {len(items)} (at most {MAX_LIST_ITEMS})")
    return items


def _check_salary(config: profile_pb2.SearchConfig) -> None:
    bounds = {name: getattr(config, name) for name in ("salary_min", "salary_max") if config.HasField(name)}
    for name, value in bounds.items():
        if not math.isfinite(value) or value < 0:
            raise InvalidArgument(f"{name.replace('_', ' ')} must be a positive amount")
    if len(bounds) == 2 and bounds["salary_min"] > bounds["salary_max"]:
        raise InvalidArgument(f"salary floor ({bounds['salary_min']:g}) is above the ceiling "
                              f"({bounds['salary_max']:g})")
    config.salary_currency = config.salary_currency.strip().upper()
    if config.salary_currency and not _CURRENCY.match(config.salary_currency):
        raise InvalidArgument(f"salary currency {config.salary_currency!r} is not a 3-letter code like EUR or USD")
    if bounds and not config.salary_currency:
        raise InvalidArgument("a salary needs a currency (a 3-letter code like EUR or USD)")


def _check_sources(config: profile_pb2.SearchConfig) -> None:
    if not config.sources:
        raise InvalidArgument(f"choose at least one job board to search ({', '.join(KNOWN_SOURCES)})")
    if len(config.sources) > MAX_SOURCES:
        raise InvalidArgument(f"too many sources: {len(config.sources)} (at most {MAX_SOURCES})")
    seen: set[tuple] = set()
    for selection in config.sources:
        selection.source = selection.source.strip().lower()
        if selection.source not in KNOWN_SOURCES:
            raise InvalidArgument(f"unknown job board {selection.source!r}; known boards: {', '.join(KNOWN_SOURCES)}")
        if len(selection.params) > MAX_SOURCE_PARAMS:
            raise InvalidArgument(f"{selection.source}: too many parameters (at most {MAX_SOURCE_PARAMS})")
        for key, value in selection.params.items():
            if not key.strip() or len(key) > MAX_PARAM_KEY_CHARS:
                raise InvalidArgument(f"{selection.source}: parameter names must be 1 to {MAX_PARAM_KEY_CHARS} characters")
            if len(value) > MAX_PARAM_VALUE_CHARS:
                raise InvalidArgument(f"{selection.source}: parameter {key!r} is too long "
                                      f"(at most {MAX_PARAM_VALUE_CHARS} characters)")
        identity = (selection.source, tuple(sorted(selection.params.items())))
        if identity in seen:
            raise InvalidArgument(f"{selection.source} is listed twice with the same parameters")
        seen.add(identity)


def _check_auto_apply(config: profile_pb2.SearchConfig) -> None:
    auto = config.auto_apply
    if not config.HasField("auto_apply"):
        return
    if not math.isfinite(auto.min_fit_score) or not 0 <= auto.min_fit_score <= 100:
        raise InvalidArgument(f"auto-apply: the fit-score threshold must be between 0 and 100; got {auto.min_fit_score}")
    if auto.daily_cap == 0:
        auto.daily_cap = DEFAULT_AUTO_APPLY_DAILY_CAP
    if not 1 <= auto.daily_cap <= MAX_AUTO_APPLY_DAILY_CAP:
        raise InvalidArgument(f"auto-apply: the daily cap must be between 1 and {MAX_AUTO_APPLY_DAILY_CAP} applies; "
                              f"got {auto.daily_cap}")
    if auto.enabled and not any(source.source == "hh" for source in config.sources):
        raise InvalidArgument("auto-apply works with HH.ru postings only: add the hh source to this search, "
                              "or turn auto-apply off")
