"""Profiles and CVs: reading and editing a profile, uploading a CV, and taking in ai_coach's parse.

A CV upload stores the file, records it and puts CMD_PARSE_CV in the outbox in one transaction, so the
parse is requested even if Redis is down at that moment. ai_coach answers with ApplyParsedCv or
RecordCvParseFailure; both are idempotent by command id, complete the outbox command and emit
EVENT_CV_PARSED in the same transaction as the stored result. If no answer comes after the outbox's
attempts, the give-up hook stores the failure, so every uploaded CV ends parsed or failed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import asyncpg

from common import messages
from common.auth import Identity, TokenKind
from common.errors import InvalidArgument, NotFound
from common.outbox import Outbox
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2
from profile_service import profile_document
from profile_service.cv_files import CvStorage, check_pdf, safe_filename
from profile_service.repository import CvRecord, ProfileRecord, ProfileRepository

log = logging.getLogger(__name__)

MAX_BATCH = 100
MAX_CV_TEXT_CHARS = 200_000
MAX_REASON_CHARS = 500
_PARSE_STATUS = {"QUEUED": profile_pb2.CV_PARSE_STATUS_QUEUED, "RUNNING": profile_pb2.CV_PARSE_STATUS_RUNNING,
                 "DONE": profile_pb2.CV_PARSE_STATUS_DONE, "FAILED": profile_pb2.CV_PARSE_STATUS_FAILED}


def cv_message(cv: CvRecord) -> profile_pb2.CvInfo:
    info = profile_pb2.CvInfo(cv_id=cv.id, filename=cv.filename, size_bytes=cv.size_bytes, sha256=cv.sha256,
                              page_count=cv.page_count, parse_status=_PARSE_STATUS[cv.parse_status],
                              parse_error=cv.parse_error)
    info.uploaded_at.FromDatetime(cv.uploaded_at)
    if cv.parsed_at is not None:
        info.parsed_at.FromDatetime(cv.parsed_at)
    return info


def profile_message(record: ProfileRecord) -> profile_pb2.Profile:
    profile = profile_document.from_document(record.document)
    profile.user_id = record.user_id
    profile.cv_text = record.cv_text
    profile.updated_at.FromDatetime(record.updated_at)
    profile.user_set_fields.extend(sorted(record.user_set_fields))
    if record.current_cv is not None:
        profile.cv.CopyFrom(cv_message(record.current_cv))
    return profile


# `handled_commands` kinds. A give-up is recorded so the hook runs once, but it is no answer from ai_coach:
# a result that arrives after it is still taken in (the user gets their parse, or the parser's own reason).
APPLIED, FAILED, GIVEN_UP = "apply_parsed_cv", "cv_parse_failure", "cv_parse_given_up"


@dataclass(frozen=True, slots=True)
class ParseApplied:
    fields_filled: list[str]
    already_applied: bool
    superseded: bool = False  # a newer CV was uploaded before this parse arrived: it filled nothing


class ProfileManager:
    def __init__(self, repo: ProfileRepository, *, storage: CvStorage, cv_max_bytes: int) -> None:
        self._repo = repo
        self._storage = storage
        self._cv_max_bytes = cv_max_bytes
        self.outbox: Outbox | None = None  # set by server.build (the outbox's give-up hook points back here)

    # --- profile -----------------------------------------------------------------------------------
    async def get(self, *, user_id: str) -> ProfileRecord:
        record = await self._repo.get_profile(user_id=user_id)
        if record is None:
            raise NotFound("profile not found")
        return record

    async def update(self, *, user_id: str, patch: profile_pb2.Profile, paths: list[str]) -> ProfileRecord:
        async with self._repo.pool.acquire() as conn, conn.transaction():
            record = await self._repo.get_profile(user_id=user_id, conn=conn, for_update=True)
            if record is None:
                raise NotFound("profile not found")
            current = profile_document.from_document(record.document)
            updated = profile_document.apply_update(current, patch, paths)
            user_set = record.user_set_fields | profile_document.leaves_of(paths)
            await self._repo.save_profile(conn, user_id=user_id, document=profile_document.to_document(updated),
                                          user_set_fields=user_set)
        return await self.get(user_id=user_id)

    async def batch_get(self, *, user_ids: list[str]) -> list[ProfileRecord]:
        if len(user_ids) > MAX_BATCH:
            raise InvalidArgument(f"at most {MAX_BATCH} user ids per call")
        return await self._repo.get_profiles(user_ids=user_ids)

    # --- CV upload and download --------------------------------------------------------------------
    async def upload_cv(self, *, user_id: str, filename: str, content: bytes, overwrite: bool) -> CvRecord:
        assert self.outbox is not None
        checked = check_pdf(content, max_bytes=self._cv_max_bytes)
        # The file goes first: a record must never point at bytes we do not have. A crash after this
        # line leaves at worst an unreferenced file, harmless under a content address.
        await self._storage.save(checked.sha256, content)
        command = messages.new_command(events_pb2.COMMAND_TYPE_PARSE_CV, user_id,
                                       parse_cv=events_pb2.ParseCv(overwrite=overwrite))
        async with self._repo.pool.acquire() as conn, conn.transaction():
            if await self._repo.get_profile(user_id=user_id, conn=conn, for_update=True) is None:
                raise NotFound("profile not found")
            cv = await self._repo.add_cv(conn, user_id=user_id, sha256=checked.sha256,
                                         filename=safe_filename(filename), size_bytes=checked.size_bytes,
                                         page_count=checked.page_count, overwrite_profile=overwrite,
                                         parse_command_id=command.id)
            command.parse_cv.cv_id = cv.id
            await self.outbox.add_command(conn, command)
        self.outbox.wake()
        log.info("cv uploaded", extra={"user_id": user_id, "cv_id": cv.id, "command_id": command.id})
        return cv

    async def download_cv(self, *, caller: Identity, cv_id: str) -> tuple[CvRecord, bytes]:
        """The owner may omit cv_id (their current CV); a service token must name one."""
        if caller.kind is TokenKind.USER and not cv_id:
            record = await self.get(user_id=caller.user_id)
            cv = record.current_cv
        elif not cv_id:
            raise InvalidArgument("cv_id is required")
        else:
            cv = await self._repo.get_cv(cv_id=cv_id)
        # Another user's CV answers exactly like a CV that does not exist.
        if cv is None or (caller.kind is TokenKind.USER and cv.user_id != caller.user_id):
            raise NotFound("CV not found")
        return cv, await self._storage.read(cv.sha256)

    async def cv_status(self, *, user_id: str) -> CvRecord | None:
        return (await self.get(user_id=user_id)).current_cv

    # --- results from ai_coach ---------------------------------------------------------------------
    async def apply_parsed(self, *, command_id: str, cv_id: str, parsed: profile_pb2.Profile,
                           cv_text: str) -> ParseApplied:
        """Takes in ai_coach's parse, also after the outbox gave up waiting for it. It fills the profile only
        while its CV is the user's current one; a parse of a replaced CV is recorded as superseded."""
        assert self.outbox is not None
        if not command_id:
            raise InvalidArgument("command_id is required")
        async with self._repo.pool.acquire() as conn, conn.transaction():
            done = await self._repo.handled_command(conn, command_id=command_id)
            if done is not None and done.kind != GIVEN_UP:
                return ParseApplied(list(done.result.get("fields_filled", [])), already_applied=True,
                                    superseded=bool(done.result.get("superseded", False)))
            cv = await self._command_cv(conn, command_id=command_id, cv_id=cv_id)
            record = await self._repo.get_profile(user_id=cv.user_id, conn=conn, for_update=True)
            assert record is not None
            filled: list[str] = []
            superseded = record.current_cv is None or record.current_cv.id != cv.id
            if not superseded:
                current = profile_document.from_document(record.document)
                updated, filled, user_set = profile_document.fill_from_parse(
                    current, parsed, user_set=record.user_set_fields, overwrite=cv.overwrite_profile)
                await self._repo.save_profile(conn, user_id=cv.user_id, user_set_fields=user_set,
                                              document=profile_document.to_document(updated),
                                              cv_text=cv_text[:MAX_CV_TEXT_CHARS])
            # A stored give-up failure is replaced: the CV was read after all.
            await self._repo.finish_cv_parse(conn, cv_id=cv.id, ok=True, fields_filled=filled)
            await self.outbox.complete(conn, command_id)  # no-op when the outbox already gave up on it
            await self.outbox.add_event(conn, self._parsed_event(cv, command_id, ok=True, fields_filled=filled))
            await self._repo.record_handled(conn, command_id=command_id, kind=APPLIED,
                                            result={"fields_filled": filled, "superseded": superseded})
        self.outbox.wake()
        if superseded or done is not None:
            log.info("late or superseded CV parse recorded", extra={
                "user_id": cv.user_id, "cv_id": cv.id, "command_id": command_id, "superseded": superseded,
                "after_give_up": done is not None})
        return ParseApplied(filled, already_applied=False, superseded=superseded)

    async def record_failure(self, *, command_id: str, cv_id: str, reason: str, code: str) -> bool:
        """Returns False when this command's result was already recorded (nothing changes then). A failure
        arriving after the outbox gave up replaces the give-up's message with the parser's own reason."""
        assert self.outbox is not None
        if not command_id:
            raise InvalidArgument("command_id is required")
        reason = (reason.strip() or "the CV could not be read")[:MAX_REASON_CHARS]
        async with self._repo.pool.acquire() as conn, conn.transaction():
            done = await self._repo.handled_command(conn, command_id=command_id)
            if done is not None and done.kind != GIVEN_UP:
                return False
            cv = await self._command_cv(conn, command_id=command_id, cv_id=cv_id)
            await self._repo.finish_cv_parse(conn, cv_id=cv.id, ok=False, error=reason)
            await self.outbox.fail(conn, command_id, f"{code}: {reason}" if code else reason)
            await self.outbox.add_event(conn, self._parsed_event(cv, command_id, ok=False, reason=reason))
            await self._repo.record_handled(conn, command_id=command_id, kind=FAILED,
                                            result={"reason": reason, "code": code})
        self.outbox.wake()
        return True

    async def on_command_given_up(self, conn: asyncpg.Connection, command: events_pb2.Command, reason: str) -> None:
        """The outbox's give-up hook (runs in the relay's transaction): the CV ends as a stored failure until
        a late answer from ai_coach, if any, replaces it."""
        assert self.outbox is not None
        if command.type != events_pb2.COMMAND_TYPE_PARSE_CV:
            return
        if await self._repo.handled_command(conn, command_id=command.id) is not None:
            return
        cv = await self._repo.get_cv(cv_id=command.parse_cv.cv_id, conn=conn, for_update=True)
        if cv is None:
            return
        message = f"the CV could not be read: {reason}; try uploading it again"
        await self._repo.finish_cv_parse(conn, cv_id=cv.id, ok=False, error=message)
        await self.outbox.add_event(conn, self._parsed_event(cv, command.id, ok=False, reason=message))
        await self._repo.record_handled(conn, command_id=command.id, kind=GIVEN_UP, result={"reason": message})

    async def _command_cv(self, conn: asyncpg.Connection, *, command_id: str, cv_id: str) -> CvRecord:
        cv = await self._repo.cv_by_command(conn, command_id=command_id)
        if cv is None:
            raise NotFound("no CV parse was requested with this command_id")
        if cv_id and cv_id != cv.id:
            raise InvalidArgument("cv_id does not match the CV this command was for")
        return cv

    @staticmethod
    def _parsed_event(cv: CvRecord, command_id: str, *, ok: bool, fields_filled: list[str] | None = None,
                      reason: str = "") -> events_pb2.Event:
        return messages.new_event(events_pb2.EVENT_TYPE_CV_PARSED, cv.user_id, cv_parsed=events_pb2.CvParsed(
            cv_id=cv.id, ok=ok, reason=reason, fields_filled=fields_filled or [], command_id=command_id))
