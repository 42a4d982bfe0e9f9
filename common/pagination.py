"""Keyset cursors for list RPCs (jobmate.common.v1.PageRequest / PageInfo).

A page token is opaque to clients: URL-safe base64 of a small JSON object holding the position of the
last row served and a digest of the filters it was made for, so a token reused with other filters is
refused with a clear error instead of silently skipping rows.

    size = page_size(request.page, default=20, maximum=100)
    after = decode_cursor(request.page.page_token, filters=(status, query))   # {} on the first page
    ... WHERE seq < after["seq"] ...
    token = encode_cursor({"seq": last.seq}, filters=(status, query)) if has_more else ""
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from common.errors import InvalidArgument

_MAX_TOKEN_CHARS = 2048


def _digest(filters: Any) -> str:
    return hashlib.sha256(json.dumps(filters, sort_keys=True, default=str).encode()).hexdigest()[:16]


def encode_cursor(position: Mapping[str, Any], *, filters: Any = None) -> str:
    data = {"p": dict(position), "f": _digest(filters)}
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(token: str, *, filters: Any = None) -> dict[str, Any]:
    """The position a token carries ({} for an empty token). InvalidArgument when it is not one of ours
    or was made for other filters."""
    if not token:
        return {}
    if len(token) > _MAX_TOKEN_CHARS:
        raise InvalidArgument("page_token is not valid: ask for the first page again")
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        position, digest = data["p"], data["f"]
        if not isinstance(position, dict):
            raise ValueError
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidArgument("page_token is not valid: ask for the first page again") from None
    if digest != _digest(filters):
        raise InvalidArgument("page_token was made for other filters: ask for the first page again")
    return position


def page_size(requested: int, *, default: int = 20, maximum: int = 100) -> int:
    """The page size to serve: the default for 0, at most `maximum`; negative sizes are refused."""
    if requested < 0:
        raise InvalidArgument("page_size must not be negative")
    return min(requested or default, maximum)
