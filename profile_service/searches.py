"""Saved searches: a user's own CRUD, and the internal reads and archiving for discovery, ai_coach and tracker.

A user reaches only their own searches: someone else's id answers exactly like an unknown id.
Deleting deactivates (discovery stops running it; applications that came from it keep their link).
"""

from __future__ import annotations

import base64
import binascii

from common.errors import FailedPrecondition, InvalidArgument, NotFound
from profile_service import convert, search_rules
from profile_service.domain import SearchConfigRecord
from profile_service.repository import ProfileRepository, parse_uuid
from profile_service.search_rules import SearchSettings

MAX_BATCH = 100
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
NOT_FOUND = "saved search not found"


def _encode_cursor(last_id: str) -> str:
    return base64.urlsafe_b64encode(last_id.encode()).decode().rstrip("=")


def _decode_cursor(token: str) -> str | None:
    if not token:
        return None
    try:
        value = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        value = ""
    if parse_uuid(value) is None:
        raise InvalidArgument("page_token is not valid; start again without one")
    return value


class SearchConfigManager:
    def __init__(self, repo: ProfileRepository) -> None:
        self._repo = repo

    async def create(self, *, user_id: str, config: SearchSettings) -> SearchConfigRecord:
        draft = SearchSettings()
        draft.CopyFrom(config)
        search_rules.normalize(draft)
        await self._check_room(user_id)
        return await self._repo.create_search(user_id=user_id, config=convert.search_to_document(draft))

    async def get(self, *, user_id: str, search_id: str) -> SearchConfigRecord:
        record = await self._repo.get_search(search_id=search_id, user_id=user_id)
        if record is None:
            raise NotFound(NOT_FOUND)
        return record

    async def list(self, *, user_id: str, include_inactive: bool) -> list[SearchConfigRecord]:
        return await self._repo.list_searches(user_id=user_id, include_inactive=include_inactive)

    async def update(self, *, user_id: str, search_id: str, patch: SearchSettings,
                     paths: list[str]) -> SearchConfigRecord:
        async with self._repo.pool.acquire() as conn, conn.transaction():
            record = await self._repo.get_search(search_id=search_id, user_id=user_id, conn=conn, for_update=True)
            if record is None:
                raise NotFound(NOT_FOUND)
            current = convert.search_to_proto(record)
            updated = search_rules.apply_update(current, patch, paths)
            if updated.active and not record.active:
                await self._check_room(user_id)
            return await self._repo.update_search(conn, search_id=record.id, active=updated.active,
                                                  config=convert.search_to_document(updated))

    async def delete(self, *, user_id: str, search_id: str) -> None:
        if not await self._repo.deactivate_search(search_id=search_id, user_id=user_id, reason="deleted"):
            raise NotFound(NOT_FOUND)

    async def batch_get(self, *, ids: list[str]) -> list[SearchConfigRecord]:
        if len(ids) > MAX_BATCH:
            raise InvalidArgument(f"at most {MAX_BATCH} ids per call")
        return await self._repo.get_searches(ids=ids)

    async def list_active(self, *, page_size: int, page_token: str) -> tuple[list[SearchConfigRecord], str, int]:
        """One page of every user's active searches, in a stable order; returns (page, next token, total)."""
        if page_size < 0:
            raise InvalidArgument("page_size cannot be negative")
        size = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        rows = await self._repo.list_active_searches(after_id=_decode_cursor(page_token), limit=size + 1)
        page, more = rows[:size], len(rows) > size
        total = await self._repo.count_active_searches()
        return page, (_encode_cursor(page[-1].id) if more else ""), total

    async def archive_all(self, *, user_id: str, reason: str, command_id: str) -> int:
        """Deactivate every active search of a user (they were hired); idempotent by command id."""
        if parse_uuid(user_id) is None:
            raise InvalidArgument("user_id must be a user id")
        reason = reason.strip()[:200] or "archived"
        async with self._repo.pool.acquire() as conn, conn.transaction():
            if command_id:
                done = await self._repo.handled_command(conn, command_id=command_id)
                if done is not None:
                    return int(done.result["archived_count"])
            count = await self._repo.deactivate_all_searches(conn, user_id=user_id, reason=reason)
            if command_id:
                await self._repo.record_handled(conn, command_id=command_id, kind="archive_search_configs",
                                                result={"archived_count": count})
        return count

    async def _check_room(self, user_id: str) -> None:
        if await self._repo.count_searches(user_id=user_id) >= search_rules.MAX_ACTIVE_SEARCHES_PER_USER:
            raise FailedPrecondition(f"you already have {search_rules.MAX_ACTIVE_SEARCHES_PER_USER} active saved "
                                     "searches; delete one before adding another")
