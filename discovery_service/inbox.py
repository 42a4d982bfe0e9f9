"""The inbox as users see it: reading, triaging, and adding postings by hand or by URL.

Domain errors only (common.errors); the servicer turns them into status codes. Every read and write is
scoped to the calling user; a service caller (user_id None) may read any posting.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from urllib.parse import urlsplit

import asyncpg

from common.errors import FailedPrecondition, InvalidArgument, NotFound
from common.wire import parse_uuid
from discovery_service.dedup import posting_keys
from discovery_service.domain import (
    Added,
    Candidate,
    FeedCursor,
    FeedNarrowing,
    FeedSort,
    JobStatus,
    ManualDetails,
    Origin,
    Posting,
    SearchCriteria,
    StoredJob,
)
from discovery_service.filters import screen
from discovery_service.fit import FitScores
from discovery_service.repository import JobRepository
from discovery_service.web.extract import ExtractionError, extract_job_posting
from discovery_service.web.fetch import FetchError, Page
from discovery_service.web.ssrf import UnsafeUrlError

log = logging.getLogger(__name__)

MAX_BATCH_IDS = 500
MAX_URL_CHARS = 2048
_LIMITS = {"company": 300, "title": 300, "location": 300, "description": 100_000, "duration": 200,
           "why_us": 10_000}

RedFlagLookup = Callable[[], Awaitable[list[str]]]
PageFetcher = Callable[[str], Awaitable[Page]]


def parse_job_id(job_id: str) -> str:
    """A job id as the store knows it; InvalidArgument for anything that is not a UUID."""
    return str(parse_uuid(job_id, "job id"))


class Inbox:
    def __init__(self, pool: asyncpg.Pool, jobs: JobRepository, fit: FitScores | None = None) -> None:
        self._pool = pool
        self._jobs = jobs
        self._fit = fit

    async def get(self, job_id: str, *, user_id: str | None) -> StoredJob:
        job = await self._jobs.get(job_id=parse_job_id(job_id), user_id=user_id)
        if job is None:  # another user's posting is "not found" too: ids reveal nothing
            raise NotFound("job not found")
        return job

    async def batch_get(self, job_ids: Sequence[str], *, user_id: str | None) -> list[StoredJob]:
        if len(job_ids) > MAX_BATCH_IDS:
            raise InvalidArgument(f"ask for at most {MAX_BATCH_IDS} jobs at a time")
        ids = [parse_job_id(job_id) for job_id in job_ids]
        return await self._jobs.batch_get(job_ids=ids, user_id=user_id)

    async def feed(self, *, user_id: str, status: JobStatus | None, query: str, search_config_id: str,
                   after: FeedCursor | None, limit: int, narrow: FeedNarrowing | None = None,
                   sort: FeedSort = FeedSort.NEWEST, descriptions: bool = True) -> tuple[list[StoredJob], bool, int]:
        return await self._jobs.feed(user_id=user_id, status=status, query=query, search_config_id=search_config_id,
                                     after=after, limit=limit, narrow=narrow, sort=sort, descriptions=descriptions)

    async def feed_rows(self, *, user_id: str, status: JobStatus | None, query: str, search_config_id: str,
                        after: FeedCursor | None, limit: int, narrow: FeedNarrowing | None = None,
                        sort: FeedSort = FeedSort.NEWEST,
                        descriptions: bool = True) -> tuple[list[asyncpg.Record], bool, int]:
        """`feed` as stored rows, for the wire (JobRepository.feed_rows)."""
        return await self._jobs.feed_rows(user_id=user_id, status=status, query=query,
                                          search_config_id=search_config_id, after=after, limit=limit, narrow=narrow,
                                          sort=sort, descriptions=descriptions)

    async def set_status(self, job_id: str, status: JobStatus | None, *, user_id: str) -> tuple[StoredJob, bool]:
        if status not in (JobStatus.APPROVED, JobStatus.REJECTED):
            raise InvalidArgument("status must be APPROVED or REJECTED")
        result = await self._jobs.set_status(job_id=parse_job_id(job_id), user_id=user_id, status=status)
        if result is None:
            raise NotFound("job not found")
        return result

    async def add_manually(self, *, user_id: str, company: str, title: str, location: str, description: str,
                           start_date: str, duration: str, why_us: str, url: str,
                           red_flags: RedFlagLookup) -> Added:
        fields = {"company": company.strip(), "title": title.strip(), "location": location.strip(),
                  "description": description.strip(), "duration": duration.strip(), "why_us": why_us.strip()}
        if not fields["title"]:
            raise InvalidArgument("title is required")
        if not fields["company"]:
            raise InvalidArgument("company is required")
        for name, limit in _LIMITS.items():
            if len(fields[name]) > limit:
                raise InvalidArgument(f"{name} is too long (at most {limit} characters)")
        start = start_date.strip()
        if start:
            try:
                date.fromisoformat(start)
            except ValueError:
                raise InvalidArgument("start_date must be a date like 2025-09-01, or empty") from None
        url = url.strip()
        if url:
            _check_url(url)
        posting = Posting(
            source="manual", external_id=str(uuid.uuid4()), url=url, title=fields["title"],
            company=fields["company"], locations=[fields["location"]] if fields["location"] else [],
            description_text=fields["description"], description_html=_text_to_html(fields["description"]))
        manual = ManualDetails(start_date=start, duration=fields["duration"], why_us=fields["why_us"])
        return await self._add(user_id, posting, Origin.MANUAL, manual, await red_flags())

    async def add_by_url(self, *, user_id: str, url: str, fetch_page: PageFetcher,
                         red_flags: RedFlagLookup) -> Added:
        url = url.strip()
        _check_url(url)
        try:
            page = await fetch_page(url)
        except UnsafeUrlError as exc:
            log.info("refused a user URL", extra={"reason": exc.reason, "detail": exc.detail})
            raise InvalidArgument(f"this address cannot be fetched: {exc.reason}") from None
        except FetchError as exc:
            raise FailedPrecondition(f"could not fetch the page: {exc.reason}") from None
        try:
            # Reading a page is CPU work (a few ms, more for a large page): a worker thread keeps the
            # service answering other calls meanwhile.
            posting = await asyncio.to_thread(extract_job_posting, page.text, page.url)
        except ExtractionError as exc:
            raise FailedPrecondition(f"no job posting could be read from that page: {exc.reason}") from None
        except ValueError as exc:
            raise FailedPrecondition(f"no job posting could be read from that page: {exc}") from None
        if url not in posting.source_urls:
            posting.source_urls.append(url)
        return await self._add(user_id, posting, Origin.URL, ManualDetails(), await red_flags())

    async def _add(self, user_id: str, posting: Posting, origin: Origin, manual: ManualDetails,
                   red_flags: list[str]) -> Added:
        verdict = screen(posting, SearchCriteria(red_flags=red_flags), user_requested=True)
        candidate = Candidate(posting, posting_keys(posting), red_flags=verdict.red_flags, manual=manual)
        async with self._pool.acquire() as conn, conn.transaction():
            [stored] = await self._jobs.store(conn, user_id=user_id, candidates=[candidate], origin=origin)
            assert stored.job_id is not None  # a user's own add is never dropped
            if stored.new and self._fit is not None:
                await self._fit.request(conn, user_id=user_id, job_ids=[stored.job_id])
            if not stored.new:
                # What the user wrote (and the flags found) is kept on the posting it duplicates.
                await self._jobs.annotate(conn, job_id=stored.job_id, red_flags=list(verdict.red_flags),
                                          manual=manual)
        if stored.new and self._fit is not None:
            self._fit.wake()
        job = await self._jobs.get(job_id=stored.job_id, user_id=user_id)
        assert job is not None
        return Added(job, duplicate=not stored.new)


def _check_url(url: str) -> None:
    if len(url) > MAX_URL_CHARS:
        raise InvalidArgument(f"url is too long (at most {MAX_URL_CHARS} characters)")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise InvalidArgument("url is not a valid web address") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidArgument("url must be a web address starting with http:// or https://")


def _text_to_html(text: str) -> str:
    """Plain text as safe HTML: paragraphs on blank lines, line breaks kept, everything escaped."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "\n".join(f"<p>{html.escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)
