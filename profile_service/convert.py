"""Protobuf ⇄ domain for profile_service: the one module that knows both.

- domain records → `jobmate.profile.v1` messages, for the servicer's responses;
- the stored documents (a profile's sections, a saved search's settings) ⇄ their contract messages,
  kept in protobuf's JSON mapping without the parts that are columns or read-only;
- the outbox's messages (`jobmate.events.v1`): the CMD_PARSE_CV command and the EVENT_CV_PARSED event.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from google.protobuf import json_format
from google.protobuf.message import Message

from common import messages
from common.hh_api import HhResume
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2
from profile_service import profile_rules, search_rules
from profile_service.domain import (
    AccessTokenRecord,
    CvParseStatus,
    CvRecord,
    HhLinkStart,
    HhLinkStatus,
    IssuedTokens,
    ProfileRecord,
    SearchConfigRecord,
    SignedIn,
    UserRecord,
)

M = TypeVar("M", bound=Message)

_PARSE_STATUS = {CvParseStatus.QUEUED: profile_pb2.CV_PARSE_STATUS_QUEUED,
                 CvParseStatus.RUNNING: profile_pb2.CV_PARSE_STATUS_RUNNING,
                 CvParseStatus.DONE: profile_pb2.CV_PARSE_STATUS_DONE,
                 CvParseStatus.FAILED: profile_pb2.CV_PARSE_STATUS_FAILED}


# --- stored documents ---------------------------------------------------------------------------
def _to_document(message: M, not_stored: Iterable[str]) -> dict[str, Any]:
    stripped = type(message)()
    stripped.CopyFrom(message)
    for name in not_stored:
        stripped.ClearField(name)
    return json_format.MessageToDict(stripped, preserving_proto_field_name=True)


def _from_document(document: dict[str, Any], message: M) -> M:
    return json_format.ParseDict(document, message, ignore_unknown_fields=True)


def profile_to_document(profile: profile_pb2.Profile) -> dict[str, Any]:
    return _to_document(profile, profile_rules.READ_ONLY)


def profile_from_document(document: dict[str, Any]) -> profile_pb2.Profile:
    return _from_document(document, profile_pb2.Profile())


def search_to_document(config: profile_pb2.SearchConfig) -> dict[str, Any]:
    return _to_document(config, search_rules.NOT_IN_DOCUMENT)


def search_from_document(document: dict[str, Any]) -> profile_pb2.SearchConfig:
    return _from_document(document, profile_pb2.SearchConfig())


# --- records → messages -------------------------------------------------------------------------
def user_to_proto(user: UserRecord) -> profile_pb2.User:
    message = profile_pb2.User(id=user.id, email=user.email)
    message.created_at.FromDatetime(user.created_at)
    return message


def tokens_to_proto(tokens: IssuedTokens) -> profile_pb2.TokenPair:
    message = profile_pb2.TokenPair(access_token=tokens.access_token, refresh_token=tokens.refresh_token)
    message.access_expires_at.FromDatetime(tokens.access_expires_at)
    message.refresh_expires_at.FromDatetime(tokens.refresh_expires_at)
    return message


def signed_in_to_proto(result: SignedIn, response_type: type[M]) -> M:
    """RegisterResponse and LoginResponse carry the same two fields."""
    return response_type(user=user_to_proto(result.user), tokens=tokens_to_proto(result.tokens))


def access_token_to_proto(record: AccessTokenRecord) -> profile_pb2.PersonalAccessToken:
    message = profile_pb2.PersonalAccessToken(id=record.id, name=record.name, prefix=record.prefix,
                                              scopes=list(record.scopes))
    message.created_at.FromDatetime(record.created_at)
    if record.last_used_at is not None:
        message.last_used_at.FromDatetime(record.last_used_at)
    if record.expires_at is not None:
        message.expires_at.FromDatetime(record.expires_at)
    return message


def optional_time(message: Message, field: str) -> datetime | None:
    """A Timestamp field as an aware datetime, None when unset."""
    return getattr(message, field).ToDatetime(tzinfo=UTC) if message.HasField(field) else None


def cv_to_proto(cv: CvRecord) -> profile_pb2.CvInfo:
    info = profile_pb2.CvInfo(cv_id=cv.id, filename=cv.filename, size_bytes=cv.size_bytes, sha256=cv.sha256,
                              page_count=cv.page_count, parse_status=_PARSE_STATUS[cv.parse_status],
                              parse_error=cv.parse_error, fields_unread=cv.fields_unread,
                              fields_missing=cv.fields_missing)
    info.uploaded_at.FromDatetime(cv.uploaded_at)
    if cv.parsed_at is not None:
        info.parsed_at.FromDatetime(cv.parsed_at)
    return info


def profile_to_proto(record: ProfileRecord) -> profile_pb2.Profile:
    profile = profile_from_document(record.document)
    profile.user_id = record.user_id
    profile.cv_text = record.cv_text
    profile.updated_at.FromDatetime(record.updated_at)
    profile.user_set_fields.extend(sorted(record.user_set_fields))
    if record.current_cv is not None:
        profile.cv.CopyFrom(cv_to_proto(record.current_cv))
    return profile


def search_to_proto(record: SearchConfigRecord) -> profile_pb2.SearchConfig:
    config = search_from_document(record.config)
    config.id = record.id
    config.user_id = record.user_id
    config.active = record.active
    config.inactive_reason = "" if record.active else record.inactive_reason
    config.created_at.FromDatetime(record.created_at)
    config.updated_at.FromDatetime(record.updated_at)
    return config


def hh_account_to_proto(status: HhLinkStatus) -> profile_pb2.HhAccount:
    """What the user sees of their link; never a token."""
    message = profile_pb2.HhAccount(enabled=status.enabled)
    account = status.account
    if account is not None:
        message.linked = True
        message.hh_user_id = account.hh_user_id
        message.email = account.email
        message.name = account.name
        message.default_resume_id = account.default_resume_id
        message.needs_relink_reason = account.needs_relink_reason
        message.linked_at.FromDatetime(account.linked_at)
    return message


def hh_resume_to_proto(resume: HhResume) -> profile_pb2.HhResume:
    message = profile_pb2.HhResume(id=resume.id, title=resume.title, status=resume.status, url=resume.url)
    if resume.updated_at is not None:
        message.updated_at.FromDatetime(resume.updated_at)
    return message


def hh_link_start_to_proto(start: HhLinkStart) -> profile_pb2.StartHhLinkResponse:
    message = profile_pb2.StartHhLinkResponse(authorize_url=start.authorize_url)
    message.expires_at.FromDatetime(start.expires_at)
    return message


# --- the outbox's messages ----------------------------------------------------------------------
def parse_cv_command(*, command_id: str, user_id: str, cv_id: str, overwrite: bool) -> events_pb2.Command:
    command = messages.new_command(events_pb2.COMMAND_TYPE_PARSE_CV, user_id,
                                   parse_cv=events_pb2.ParseCv(cv_id=cv_id, overwrite=overwrite))
    command.id = command_id
    return command


def parse_cv_target(command: events_pb2.Command) -> str | None:
    """The CV id a CMD_PARSE_CV command is about; None for any other command."""
    return command.parse_cv.cv_id if command.type == events_pb2.COMMAND_TYPE_PARSE_CV else None


def profile_updated_event(user_id: str, updated_at: datetime) -> events_pb2.Event:
    """The profile changed (an edit, a parsed CV): discovery asks for the inbox's fit scores again."""
    payload = events_pb2.ProfileUpdated()
    payload.updated_at.FromDatetime(updated_at)
    return messages.new_event(events_pb2.EVENT_TYPE_PROFILE_UPDATED, user_id, profile_updated=payload)


def cv_parsed_event(cv: CvRecord, command_id: str, *, ok: bool, fields_filled: list[str] | None = None,
                    reason: str = "", fields_unread: list[str] | None = None,
                    fields_missing: list[str] | None = None) -> events_pb2.Event:
    return messages.new_event(events_pb2.EVENT_TYPE_CV_PARSED, cv.user_id, cv_parsed=events_pb2.CvParsed(
        cv_id=cv.id, ok=ok, reason=reason, fields_filled=fields_filled or [], command_id=command_id,
        fields_unread=fields_unread or [], fields_missing=fields_missing or []))
