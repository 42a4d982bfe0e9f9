"""The types of profile_service's domain: accounts, sessions, profiles, CV files, saved searches.

No protobuf and no SQL here: the repository returns these, the logic works on them, and convert.py
turns them into messages. Two documents are the exception to "plain types": a profile's sections and
a saved search's settings are typed by their contract messages (see profile_rules.py and
search_rules.py), so here they are what is stored, protobuf's JSON mapping as a dict.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class CvParseStatus(enum.StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: str
    email: str
    password_hash: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class RefreshTokenRecord:
    session_id: str
    user_id: str
    expires_at: datetime
    rotated_at: datetime | None
    session_revoked_at: datetime | None
    session_started_at: datetime  # the sign-in the session (token family) began with


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime


@dataclass(frozen=True, slots=True)
class SignedIn:
    user: UserRecord
    tokens: IssuedTokens


@dataclass(frozen=True, slots=True)
class CvRecord:
    id: str
    user_id: str
    sha256: str
    filename: str
    size_bytes: int
    page_count: int
    overwrite_profile: bool
    parse_command_id: str
    parse_status: CvParseStatus
    parse_error: str
    fields_filled: list[str]
    uploaded_at: datetime
    parsed_at: datetime | None
    # Once parsed: the profile fields this CV gave nothing for (profile_rules.parse_gaps), because the
    # parser's reader failed on them (unread) or found none of an expected one (missing).
    fields_unread: list[str] = field(default_factory=list)
    fields_missing: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ProfileRecord:
    user_id: str
    document: dict[str, Any]  # protobuf JSON mapping of profile.v1.Profile without its read-only parts
    user_set_fields: frozenset[str]
    current_cv: CvRecord | None
    cv_text: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ParseApplied:
    fields_filled: list[str]
    already_applied: bool
    superseded: bool = False  # a newer CV was uploaded before this parse arrived: it filled nothing


@dataclass(frozen=True, slots=True)
class HandledCommand:
    kind: str
    result: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SearchConfigRecord:
    id: str
    user_id: str
    config: dict[str, Any]  # protobuf JSON mapping of profile.v1.SearchConfig without id, owner, state
    active: bool
    created_at: datetime
    updated_at: datetime
    # Why an inactive search is: "" when the user paused it, "deleted", or an archiving reason.
    inactive_reason: str = ""



# --- the linked HH.ru account (docs/hh.md) ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HhAccountRecord:
    """A linked account as stored: the tokens are sealed (common.secret_box), never plain here."""

    user_id: str
    hh_user_id: str
    email: str
    name: str
    sealed_access_token: bytes
    sealed_refresh_token: bytes
    access_expires_at: datetime | None
    default_resume_id: str
    needs_relink_reason: str
    linked_at: datetime
    refreshed_at: datetime | None


@dataclass(frozen=True, slots=True)
class HhLinkStatus:
    """What the user sees: whether the installation offers linking, and their account if linked."""

    enabled: bool
    account: HhAccountRecord | None


@dataclass(frozen=True, slots=True)
class HhLinkStart:
    authorize_url: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class AccessTokenRecord:
    """A personal access token as stored (its secret is not: only a hash of it)."""

    id: str
    user_id: str
    name: str
    prefix: str
    scopes: tuple[str, ...]
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class CreatedAccessToken:
    token: AccessTokenRecord
    secret: str  # shown to the user this once


@dataclass(frozen=True, slots=True)
class ExchangedAccessToken:
    token: AccessTokenRecord
    access_token: str
    expires_at: datetime
