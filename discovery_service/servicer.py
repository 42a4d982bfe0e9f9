"""gRPC edge of discovery_service: requests in, domain calls, responses out.

The caller's identity comes only from the verified token (common.auth.current_identity). A user sees and
changes only their own postings; a service token with scope discovery.read may read any posting.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import UTC, timedelta
from typing import Any

import grpc

from common.auth import TokenKind, caller, caller_user_id
from common.errors import DomainError, InvalidArgument, NotFound
from common.pagination import decode_cursor, encode_cursor, page_size
from common.wire import parse_uuid
from discovery_service.convert import (
    criteria_from_snapshot,
    feed_narrowing,
    feed_sort_from_pb,
    fill_job_from_feed_row,
    fit_scores_from_pb,
    ingest_item_from_pb,
    ingest_totals_to_pb,
    job_to_pb,
    run_to_pb,
    source_info,
    status_from_pb,
)
from discovery_service.domain import FeedCursor, FeedNarrowing, FeedSort, JobStatus, StoredJob
from discovery_service.filters import explain
from discovery_service.fit import FitScores
from discovery_service.inbox import Inbox
from discovery_service.ingest import Ingestor
from discovery_service.profile_client import ProfileClient
from discovery_service.runner import SearchRunner
from discovery_service.sources import SOURCES
from discovery_service.web.fetch import Page
from discovery_service.web.ssrf import fetch_user_url
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc

# The most time a page a user pasted may take to load (the caller's deadline may shorten it).
USER_URL_FETCH_BUDGET_S = 20.0


def _reader() -> tuple[str | None, bool]:
    """(user id to scope reads to, or None for a service; whether the raw payload may be shown)."""
    identity = caller()
    if identity.kind is TokenKind.USER:
        return identity.subject, False
    return None, True


def _seq_after(page: common_pb2.PageRequest, filters: list) -> int | None:
    """The position a page token of a seq-ordered list carries (None on the first page)."""
    before_seq = decode_cursor(page.page_token, filters=filters).get("seq")
    if before_seq is not None and not isinstance(before_seq, int):
        raise InvalidArgument("page_token is not valid: ask for the first page again")
    return before_seq


def _feed_after(page: common_pb2.PageRequest, filters: list) -> FeedCursor | None:
    """Where the previous page of the feed ended (None on the first page)."""
    position = decode_cursor(page.page_token, filters=filters)
    if not position:
        return None
    seq, score = position.get("seq"), position.get("score")
    if not isinstance(seq, int) or (score is not None and not isinstance(score, int | float)):
        raise InvalidArgument("page_token is not valid: ask for the first page again")
    return FeedCursor(seq=seq, score=score)


def _feed_page_info(last: Mapping[str, Any] | None, *, sort: FeedSort, has_more: bool, total: int,
                    filters: list) -> common_pb2.PageInfo:
    """The page's info; `last` is the page's last row (JobRepository.feed_rows)."""
    token = ""
    if has_more and last is not None:
        position: dict = {"seq": last["seq"]}
        if sort is FeedSort.FIT:
            position["score"] = last["fit_score"]
        token = encode_cursor(position, filters=filters)
    return common_pb2.PageInfo(next_page_token=token, has_more=has_more, total_count=total)


def _page_info(last_seq: int | None, *, has_more: bool, total: int, filters: list) -> common_pb2.PageInfo:
    token = encode_cursor({"seq": last_seq}, filters=filters) if has_more and last_seq is not None else ""
    return common_pb2.PageInfo(next_page_token=token, has_more=has_more, total_count=total)


class DiscoveryServicer(discovery_pb2_grpc.DiscoveryServiceServicer):
    def __init__(self, *, inbox: Inbox, profile: ProfileClient, allow_loopback_fetch: bool,
                 expiry: dict[JobStatus, timedelta], runner: SearchRunner, ingest: Ingestor,
                 default_interval_minutes: int, fit: FitScores) -> None:
        self._inbox = inbox
        self._fit = fit
        self._profile = profile
        self._allow_loopback = allow_loopback_fetch
        self._expiry = expiry
        self._runner = runner
        self._ingest = ingest
        self._default_interval = default_interval_minutes

    def _job(self, job: StoredJob, *, include_raw: bool = False) -> discovery_pb2.Job:
        return job_to_pb(job, expiry=self._expiry, include_raw=include_raw)

    async def GetJob(self, request: discovery_pb2.GetJobRequest,
                     context: grpc.aio.ServicerContext) -> discovery_pb2.GetJobResponse:
        user_id, include_raw = _reader()
        job = await self._inbox.get(request.id, user_id=user_id)
        message = self._job(job, include_raw=include_raw)
        if user_id is not None:
            message.match_reasons.extend(await self._match_reasons(job))
        return discovery_pb2.GetJobResponse(job=message)

    async def _match_reasons(self, job: StoredJob) -> list[str]:
        """Why the posting passes its saved search's filters (the search as it is now; best effort)."""
        if job.origin.user_requested:
            return ["added_by_user"]
        if not job.search_config_id:
            return []
        try:
            saved = await self._profile.get_search_config(job.search_config_id)  # the user's token decides
        except NotFound:
            return ["search_gone"]
        except DomainError:
            return []  # profile unreachable: the posting is still worth showing without its reasons
        return explain(job.posting, criteria_from_snapshot(saved.snapshot), user_requested=False)

    async def BatchGetJobs(self, request: discovery_pb2.BatchGetJobsRequest,
                           context: grpc.aio.ServicerContext) -> discovery_pb2.BatchGetJobsResponse:
        user_id, include_raw = _reader()
        jobs = await self._inbox.batch_get(list(request.ids), user_id=user_id)
        return discovery_pb2.BatchGetJobsResponse(jobs=[self._job(job, include_raw=include_raw) for job in jobs])

    async def GetJobFeed(self, request: discovery_pb2.GetJobFeedRequest,
                         context: grpc.aio.ServicerContext) -> discovery_pb2.GetJobFeedResponse:
        user_id = caller_user_id()
        status = status_from_pb(request.status)
        if request.status and status is None:
            raise InvalidArgument("unknown status filter")
        query = request.query.strip()
        if len(query) > 500:
            raise InvalidArgument("the search text is too long (at most 500 characters)")
        narrow = feed_narrowing(request)
        filters = [request.status, query, request.search_config_id]
        if narrow != FeedNarrowing():
            # Appended only when used, so the cursors of clients that send none stay as they were.
            filters.append([list(narrow.sources), [r.value for r in narrow.remote_types], narrow.salary_at_least,
                            narrow.salary_currency, narrow.discovered_after.isoformat() if narrow.discovered_after
                            else None])
        sort = feed_sort_from_pb(request.sort)
        if sort is not FeedSort.NEWEST:
            filters.append(["sort", sort.value])  # only when used, like the narrowing above
        size = page_size(request.page.page_size, default=20, maximum=100)
        rows, has_more, total = await self._inbox.feed_rows(
            user_id=user_id, status=status, query=query, search_config_id=request.search_config_id,
            after=_feed_after(request.page, filters), limit=size, narrow=narrow, sort=sort,
            descriptions=not request.omit_descriptions)
        response = discovery_pb2.GetJobFeedResponse(
            page_info=_feed_page_info(rows[-1] if rows else None, sort=sort, has_more=has_more, total=total,
                                      filters=filters))
        jobs = response.jobs
        for row in rows:  # filled in place: no message built to be copied into the reply
            fill_job_from_feed_row(jobs.add(), row, expiry=self._expiry)
        return response

    async def RecordFitScores(self, request: discovery_pb2.RecordFitScoresRequest,
                              context: grpc.aio.ServicerContext) -> discovery_pb2.RecordFitScoresResponse:
        if not request.command_id.strip() or not request.user_id.strip():
            raise InvalidArgument("command_id and user_id are required")
        parse_uuid(request.command_id, "command id")
        recorded, already = await self._fit.record(
            command_id=request.command_id, user_id=request.user_id, scores=fit_scores_from_pb(request),
            profile_updated_at=request.profile_updated_at.ToDatetime(tzinfo=UTC)
            if request.HasField("profile_updated_at") else None)
        return discovery_pb2.RecordFitScoresResponse(recorded=recorded, already_recorded=already)

    async def SetJobStatus(self, request: discovery_pb2.SetJobStatusRequest,
                           context: grpc.aio.ServicerContext) -> discovery_pb2.SetJobStatusResponse:
        job, changed = await self._inbox.set_status(request.id, status_from_pb(request.status),
                                                    user_id=caller_user_id())
        return discovery_pb2.SetJobStatusResponse(job=self._job(job), changed=changed)

    async def AddJobManually(self, request: discovery_pb2.AddJobManuallyRequest,
                             context: grpc.aio.ServicerContext) -> discovery_pb2.AddJobManuallyResponse:
        added = await self._inbox.add_manually(
            user_id=caller_user_id(), company=request.company, title=request.title, location=request.location,
            description=request.description, start_date=request.start_date, duration=request.duration,
            why_us=request.why_us, url=request.url, red_flags=self._profile.user_red_flags)
        return discovery_pb2.AddJobManuallyResponse(job=self._job(added.job), duplicate=added.duplicate)

    async def AddJobByUrl(self, request: discovery_pb2.AddJobByUrlRequest,
                          context: grpc.aio.ServicerContext) -> discovery_pb2.AddJobByUrlResponse:
        # The fetch must end, with a clear reason, before the caller's deadline does: a slow page would
        # otherwise turn into DEADLINE_EXCEEDED for the user instead of "the page took too long".
        remaining = context.time_remaining()
        budget = USER_URL_FETCH_BUDGET_S if remaining is None else min(USER_URL_FETCH_BUDGET_S, remaining - 1.0)

        async def fetch_page(url: str) -> Page:
            return await fetch_user_url(url, allow_loopback=self._allow_loopback,
                                        total_timeout_s=max(budget, 0.5))

        added = await self._inbox.add_by_url(user_id=caller_user_id(), url=request.url, fetch_page=fetch_page,
                                             red_flags=self._profile.user_red_flags)
        return discovery_pb2.AddJobByUrlResponse(job=self._job(added.job), duplicate=added.duplicate)

    async def RunSearchNow(self, request: discovery_pb2.RunSearchNowRequest,
                           context: grpc.aio.ServicerContext) -> discovery_pb2.RunSearchNowResponse:
        """Start a run of one of the caller's saved searches; it goes on in the background (progress events,
        ListDiscoveryRuns). When a run of it is already going, that run is returned."""
        user_id = caller_user_id()
        if not request.search_config_id.strip():
            raise InvalidArgument("search_config_id is required")
        saved = await self._profile.get_search_config(request.search_config_id)  # the user's token decides
        run = await self._runner.run_now(saved, user_id=user_id, default_interval_minutes=self._default_interval)
        return discovery_pb2.RunSearchNowResponse(run=run_to_pb(run))

    async def ListDiscoveryRuns(self, request: discovery_pb2.ListDiscoveryRunsRequest,
                                context: grpc.aio.ServicerContext) -> discovery_pb2.ListDiscoveryRunsResponse:
        user_id = caller_user_id()
        filters = ["runs", request.search_config_id]
        size = page_size(request.page.page_size, default=20, maximum=100)
        runs, has_more, total = await self._runner.list_runs(
            user_id=user_id, search_config_id=request.search_config_id,
            before_seq=_seq_after(request.page, filters), limit=size)
        return discovery_pb2.ListDiscoveryRunsResponse(
            runs=[run_to_pb(run) for run in runs],
            page_info=_page_info(runs[-1].seq if runs else None, has_more=has_more, total=total, filters=filters))

    async def ListSources(self, request: discovery_pb2.ListSourcesRequest,
                          context: grpc.aio.ServicerContext) -> discovery_pb2.ListSourcesResponse:
        return discovery_pb2.ListSourcesResponse(sources=[source_info(source) for source in SOURCES.values()])

    async def IngestJobs(self, request_iterator: AsyncIterator[discovery_pb2.IngestJobsRequest],
                         context: grpc.aio.ServicerContext) -> discovery_pb2.IngestJobsResponse:
        totals = await self._ingest.ingest(ingest_item_from_pb(request) async for request in request_iterator)
        return ingest_totals_to_pb(totals)
