"""Profiles and CVs: reading and editing a profile, uploading a CV, and taking in ai_coach's parse.

A CV upload stores the file, records it and puts CMD_PARSE_CV in the outbox in one transaction, so the
parse is requested even if Redis is down at that moment. A re-parse (ReparseCv) records a new parse of
the stored file the same way, as if the same bytes were uploaded again. ai_coach answers with
ApplyParsedCv or RecordCvParseFailure; both are idempotent by command id, complete the outbox command
and emit EVENT_CV_PARSED in the same transaction as the stored result. If no answer comes after the outbox's
attempts, the give-up hook stores the failure, so every uploaded CV ends parsed or failed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import asyncpg

from common import messages
from common.auth import Identity, TokenKind
from common.errors import InvalidArgument, NotFound
from common.outbox import Outbox
from profile_service import convert, profile_rules
from profile_service.cv_files import CheckedPdf, CvStorage, check_cv_file, safe_filename
from profile_service.domain import CvRecord, ParseApplied, ProfileRecord
from profile_service.profile_rules import ProfileDocument
from profile_service.repository import ProfileRepository

if TYPE_CHECKING:  # the outbox hands its give-up hook the command; convert.py reads it
    from jobmate.events.v1.events_pb2 import Command

log = logging.getLogger(__name__)

MAX_BATCH = 100
MAX_CV_TEXT_CHARS = 200_000
MAX_REASON_CHARS = 500

# `handled_commands` kinds. A give-up is recorded so the hook runs once, but it is no answer from ai_coach:
# a result that arrives after it is still taken in (the user gets their parse, or the parser's own reason).
APPLIED, FAILED, GIVEN_UP = "apply_parsed_cv", "cv_parse_failure", "cv_parse_given_up"


class ProfileManager:
    def __init__(self, repo: ProfileRepository, *, outbox: Outbox, storage: CvStorage, cv_max_bytes: int) -> None:
        self._repo = repo
        self.outbox = outbox
        self._storage = storage
        self._cv_max_bytes = cv_max_bytes

    # --- profile -----------------------------------------------------------------------------------
    async def get(self, *, user_id: str) -> ProfileRecord:
        record = await self._repo.get_profile(user_id=user_id)
        if record is None:
            raise NotFound("profile not found")
        return record

    async def update(self, *, user_id: str, patch: ProfileDocument, paths: list[str]) -> ProfileRecord:
        async with self._repo.pool.acquire() as conn, conn.transaction():
            record = await self._repo.get_profile(user_id=user_id, conn=conn, for_update=True)
            if record is None:
                raise NotFound("profile not found")
            current = convert.profile_from_document(record.document)
            updated = profile_rules.apply_update(current, patch, paths)
            user_set = record.user_set_fields | profile_rules.leaves_of(paths)
            document = convert.profile_to_document(updated)
            version = await self._repo.save_profile(conn, user_id=user_id, document=document,
                                                    user_set_fields=user_set)
            if document != record.document:  # what depends on the profile (fit scores) is recomputed
                await self.outbox.add_event(conn, convert.profile_updated_event(user_id, version))
        self.outbox.wake()
        return await self.get(user_id=user_id)

    async def batch_get(self, *, user_ids: list[str]) -> list[ProfileRecord]:
        if len(user_ids) > MAX_BATCH:
            raise InvalidArgument(f"at most {MAX_BATCH} user ids per call")
        return await self._repo.get_profiles(user_ids=user_ids)

    # --- CV upload and download --------------------------------------------------------------------
    async def upload_cv(self, *, user_id: str, filename: str, content: bytes, overwrite: bool) -> CvRecord:
        checked = check_cv_file(content, filename=filename, max_bytes=self._cv_max_bytes)
        # The file goes first: a record must never point at bytes we do not have. A crash after this
        # line leaves at worst an unreferenced file, harmless under a content address.
        await self._storage.save(checked.sha256, content)
        cv = await self._request_parse(user_id=user_id, pdf=checked, filename=safe_filename(filename),
                                       overwrite=overwrite)
        log.info("cv uploaded", extra={"user_id": user_id, "cv_id": cv.id, "command_id": cv.parse_command_id})
        return cv

    async def reparse_cv(self, *, user_id: str, overwrite: bool) -> CvRecord:
        """Parse the user's current CV again from the stored file: a new CV record of the same bytes and a
        new CMD_PARSE_CV, exactly what uploading them again did, so a parse still in flight for the
        previous record is superseded by the usual rule."""
        current = (await self.get(user_id=user_id)).current_cv
        if current is None:
            raise NotFound("you have no CV yet; upload one first")
        if not self._storage.exists(current.sha256):
            raise NotFound("the CV file is missing from storage; upload it again")
        cv = await self._request_parse(
            user_id=user_id, filename=current.filename, overwrite=overwrite,
            pdf=CheckedPdf(current.sha256, current.size_bytes, current.page_count))
        log.info("cv parse requested again", extra={"user_id": user_id, "cv_id": cv.id, "from_cv_id": current.id,
                                                    "command_id": cv.parse_command_id})
        return cv

    async def _request_parse(self, *, user_id: str, pdf: CheckedPdf, filename: str, overwrite: bool) -> CvRecord:
        """Record a stored file as the user's current CV and put its CMD_PARSE_CV in the outbox, together."""
        command_id = messages.new_id()
        async with self._repo.pool.acquire() as conn, conn.transaction():
            if await self._repo.get_profile(user_id=user_id, conn=conn, for_update=True) is None:
                raise NotFound("profile not found")
            cv = await self._repo.add_cv(conn, user_id=user_id, sha256=pdf.sha256, filename=filename,
                                         size_bytes=pdf.size_bytes, page_count=pdf.page_count,
                                         overwrite_profile=overwrite, parse_command_id=command_id)
            await self.outbox.add_command(conn, convert.parse_cv_command(
                command_id=command_id, user_id=user_id, cv_id=cv.id, overwrite=overwrite))
        self.outbox.wake()
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
    async def apply_parsed(self, *, command_id: str, cv_id: str, parsed: ProfileDocument, cv_text: str,
                           unread: list[str] | None = None) -> ParseApplied:
        """Takes in ai_coach's parse, also after the outbox gave up waiting for it. It fills the profile only
        while its CV is the user's current one; a parse of a replaced CV is recorded as superseded. The CV
        record keeps what the parse did not give (`unread`: fields the parser's readers failed on), so the
        user is told what to add by hand."""
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
            updated = convert.profile_from_document(record.document)
            if not superseded:
                updated, filled, user_set = profile_rules.fill_from_parse(
                    updated, parsed, user_set=record.user_set_fields, overwrite=cv.overwrite_profile)
                version = await self._repo.save_profile(conn, user_id=cv.user_id, user_set_fields=user_set,
                                                        document=convert.profile_to_document(updated),
                                                        cv_text=cv_text[:MAX_CV_TEXT_CHARS])
                await self.outbox.add_event(conn, convert.profile_updated_event(cv.user_id, version))
            # A stored give-up failure is replaced: the CV was read after all.
            fields_unread, fields_missing = profile_rules.parse_gaps(parsed, unread or [])
            await self._repo.finish_cv_parse(conn, cv_id=cv.id, ok=True, fields_filled=filled,
                                             fields_unread=fields_unread, fields_missing=fields_missing)
            await self.outbox.complete(conn, command_id)  # no-op when the outbox already gave up on it
            # The live notice names only what the saved profile still lacks, as the profile page does.
            await self.outbox.add_event(conn, convert.cv_parsed_event(
                cv, command_id, ok=True, fields_filled=filled,
                fields_unread=profile_rules.still_lacking(updated, fields_unread),
                fields_missing=profile_rules.still_lacking(updated, fields_missing)))
            await self._repo.record_handled(conn, command_id=command_id, kind=APPLIED,
                                            result={"fields_filled": filled, "superseded": superseded})
        self.outbox.wake()
        if fields_unread:  # the parser met a layout it could not read: worth a look at the CV's logs
            log.warning("CV fields unread", extra={"user_id": cv.user_id, "cv_id": cv.id, "command_id": command_id,
                                                   "fields": fields_unread})
        if superseded or done is not None:
            log.info("late or superseded CV parse recorded", extra={
                "user_id": cv.user_id, "cv_id": cv.id, "command_id": command_id, "superseded": superseded,
                "after_give_up": done is not None})
        return ParseApplied(filled, already_applied=False, superseded=superseded)

    async def record_failure(self, *, command_id: str, cv_id: str, reason: str, code: str) -> bool:
        """Returns False when this command's result was already recorded (nothing changes then). A failure
        arriving after the outbox gave up replaces the give-up's message with the parser's own reason."""
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
            await self.outbox.add_event(conn, convert.cv_parsed_event(cv, command_id, ok=False, reason=reason))
            await self._repo.record_handled(conn, command_id=command_id, kind=FAILED,
                                            result={"reason": reason, "code": code})
        self.outbox.wake()
        return True

    async def on_command_given_up(self, conn: asyncpg.Connection, command: Command, reason: str) -> None:
        """The outbox's give-up hook (runs in the relay's transaction): the CV ends as a stored failure until
        a late answer from ai_coach, if any, replaces it."""
        cv_id = convert.parse_cv_target(command)
        if cv_id is None:
            return
        if await self._repo.handled_command(conn, command_id=command.id) is not None:
            return
        cv = await self._repo.get_cv(cv_id=cv_id, conn=conn, for_update=True)
        if cv is None:
            return
        message = f"the CV could not be read: {reason}; try uploading it again"
        await self._repo.finish_cv_parse(conn, cv_id=cv.id, ok=False, error=message)
        await self.outbox.add_event(conn, convert.cv_parsed_event(cv, command.id, ok=False, reason=message))
        await self._repo.record_handled(conn, command_id=command.id, kind=GIVEN_UP, result={"reason": message})

    async def _command_cv(self, conn: asyncpg.Connection, *, command_id: str, cv_id: str) -> CvRecord:
        cv = await self._repo.cv_by_command(conn, command_id=command_id)
        if cv is None:
            raise NotFound("no CV parse was requested with this command_id")
        if cv_id and cv_id != cv.id:
            raise InvalidArgument("cv_id does not match the CV this command was for")
        return cv
