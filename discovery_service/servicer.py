"""gRPC edge of discovery_service: requests in, domain calls, responses out.

The caller's identity comes only from the verified token (common.auth.current_identity). A user sees and
changes only their own postings; a service token with scope discovery.read may read any posting.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, timedelta

import grpc

from common.auth import TokenKind, caller, caller_user_id
from common.errors import Aborted, DomainError, InvalidArgument, NotFound
from common.pagination import decode_cursor, encode_cursor, page_size
from discovery_service.convert import (
    REMOTE_FROM_PB,
    STATUS_FROM_PB,
    config_to_json,
    criteria_from_config,
    job_to_pb,
    timestamp,
)
from discovery_service.filters import explain
from discovery_service.inbox import Inbox
from discovery_service.ingest import Ingestor
from discovery_service.profile_client import ProfileClient
from discovery_service.repository import (
    FeedNarrowing,
    JobStatus,
    RunRecord,
    RunStatus,
    ScheduledSearch,
    StoredJob,
)
from discovery_service.runner import SearchRunner
from discovery_service.sources import SOURCES, BoardSource
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


def run_to_pb(run: RunRecord) -> discovery_pb2.DiscoveryRun:
    message = discovery_pb2.DiscoveryRun(
        id=run.id, search_config_id=run.search_config_id, status=_RUN_STATUS[run.status], fetched=run.fetched,
        new_count=run.new_count, duplicates=run.duplicates, filtered=run.filtered,
        filtered_by_reason=run.filtered_by_reason, trigger=run.trigger, started_at=timestamp(run.started_at),
        errors=[discovery_pb2.SourceError(source=e.get("source", ""), reason=e.get("reason", "")) for e in run.errors],
        skipped=[discovery_pb2.SourceError(source=e.get("source", ""), reason=e.get("reason", ""))
                 for e in run.skipped])
    if run.finished_at is not None:
        message.finished_at.CopyFrom(timestamp(run.finished_at))
        message.duration_ms = int((run.finished_at - run.started_at).total_seconds() * 1000)
    return message


_RUN_STATUS = {RunStatus.RUNNING: discovery_pb2.RUN_STATUS_RUNNING, RunStatus.SUCCEEDED: discovery_pb2.RUN_STATUS_SUCCEEDED,
               RunStatus.PARTIAL: discovery_pb2.RUN_STATUS_PARTIAL, RunStatus.FAILED: discovery_pb2.RUN_STATUS_FAILED}


class DiscoveryServicer(discovery_pb2_grpc.DiscoveryServiceServicer):
    def __init__(self, *, inbox: Inbox, profile: ProfileClient, allow_loopback_fetch: bool,
                 expiry: dict[JobStatus, timedelta], runner: SearchRunner, ingest: Ingestor,
                 default_interval_minutes: int) -> None:
        self._inbox = inbox
        self._profile = profile
        self._allow_loopback = allow_loopback_fetch
        self._expiry = expiry
        self._runner = runner
        self._ingest = ingest
        self._default_interval = default_interval_minutes

    def _job(self, job, *, include_raw: bool = False) -> discovery_pb2.Job:
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
            config = await self._profile.get_search_config(job.search_config_id)  # the user's token decides
        except NotFound:
            return ["search_gone"]
        except DomainError:
            return []  # profile unreachable: the posting is still worth showing without its reasons
        return explain(job.posting, criteria_from_config(config), user_requested=False)

    async def BatchGetJobs(self, request: discovery_pb2.BatchGetJobsRequest,
                           context: grpc.aio.ServicerContext) -> discovery_pb2.BatchGetJobsResponse:
        user_id, include_raw = _reader()
        jobs = await self._inbox.batch_get(list(request.ids), user_id=user_id)
        return discovery_pb2.BatchGetJobsResponse(jobs=[self._job(job, include_raw=include_raw) for job in jobs])

    async def GetJobFeed(self, request: discovery_pb2.GetJobFeedRequest,
                         context: grpc.aio.ServicerContext) -> discovery_pb2.GetJobFeedResponse:
        user_id = caller_user_id()
        status = STATUS_FROM_PB.get(request.status)
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
        size = page_size(request.page.page_size, default=20, maximum=100)
        after = decode_cursor(request.page.page_token, filters=filters)
        before_seq = after.get("seq")
        if before_seq is not None and not isinstance(before_seq, int):
            raise InvalidArgument("page_token is not valid: ask for the first page again")
        jobs, has_more, total = await self._inbox.feed(
            user_id=user_id, status=status, query=query, search_config_id=request.search_config_id,
            before_seq=before_seq, limit=size, narrow=narrow)
        token = encode_cursor({"seq": jobs[-1].seq}, filters=filters) if has_more and jobs else ""
        return discovery_pb2.GetJobFeedResponse(
            jobs=[self._job(job) for job in jobs],
            page_info=common_pb2.PageInfo(next_page_token=token, has_more=has_more, total_count=total))

    async def SetJobStatus(self, request: discovery_pb2.SetJobStatusRequest,
                           context: grpc.aio.ServicerContext) -> discovery_pb2.SetJobStatusResponse:
        job, changed = await self._inbox.set_status(request.id, STATUS_FROM_PB.get(request.status),
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
        config = await self._profile.get_search_config(request.search_config_id)  # the user's token decides
        if config.user_id and config.user_id != user_id:
            raise NotFound("search configuration not found")
        entry = ScheduledSearch(search_config_id=config.id or request.search_config_id, user_id=user_id,
                                config=config_to_json(config),
                                interval_minutes=config.run_interval_minutes or self._default_interval)
        if not await self._runner.schedules.claim_now(entry, runner=self._runner.name, active=config.active):
            running = await self._runner.runs.running_for(search_config_id=entry.search_config_id)
            if running is not None and running.user_id == user_id:
                return discovery_pb2.RunSearchNowResponse(run=run_to_pb(running))
            raise Aborted("a run of this search is just finishing; try again in a moment")
        run = await self._runner.start(entry, trigger="manual")
        self._runner.spawn(run, entry)
        return discovery_pb2.RunSearchNowResponse(run=run_to_pb(run))

    async def ListDiscoveryRuns(self, request: discovery_pb2.ListDiscoveryRunsRequest,
                                context: grpc.aio.ServicerContext) -> discovery_pb2.ListDiscoveryRunsResponse:
        user_id = caller_user_id()
        filters = ["runs", request.search_config_id]
        size = page_size(request.page.page_size, default=20, maximum=100)
        before_seq = decode_cursor(request.page.page_token, filters=filters).get("seq")
        if before_seq is not None and not isinstance(before_seq, int):
            raise InvalidArgument("page_token is not valid: ask for the first page again")
        runs, has_more, total = await self._runner.runs.list(
            user_id=user_id, search_config_id=request.search_config_id, before_seq=before_seq, limit=size)
        token = encode_cursor({"seq": runs[-1].seq}, filters=filters) if has_more and runs else ""
        return discovery_pb2.ListDiscoveryRunsResponse(
            runs=[run_to_pb(run) for run in runs],
            page_info=common_pb2.PageInfo(next_page_token=token, has_more=has_more, total_count=total))

    async def ListSources(self, request: discovery_pb2.ListSourcesRequest,
                          context: grpc.aio.ServicerContext) -> discovery_pb2.ListSourcesResponse:
        return discovery_pb2.ListSourcesResponse(sources=[source_info(source) for source in SOURCES.values()])

    async def IngestJobs(self, request_iterator: AsyncIterator[discovery_pb2.IngestJobsRequest],
                         context: grpc.aio.ServicerContext) -> discovery_pb2.IngestJobsResponse:
        counts = await self._ingest.ingest(request_iterator)
        return discovery_pb2.IngestJobsResponse(received=counts.received, inserted=counts.inserted,
                                                duplicates=counts.duplicates, filtered=counts.filtered,
                                                invalid=counts.invalid)


MAX_FEED_SOURCES = 20
_KIND_NAMES = {str: "string", int: "integer", bool: "boolean", list: "list"}


def feed_narrowing(request: discovery_pb2.GetJobFeedRequest) -> FeedNarrowing:
    """GetJobFeed's source, remote, salary and date filters, checked."""
    sources = tuple(dict.fromkeys(s.strip().lower() for s in request.sources if s.strip()))
    if len(sources) > MAX_FEED_SOURCES or any(len(s) > 50 for s in sources):
        raise InvalidArgument(f"sources: at most {MAX_FEED_SOURCES} board names")
    remote_types = []
    for value in request.remote_types:
        if value not in REMOTE_FROM_PB:
            raise InvalidArgument(f"remote_types has an unknown value {value}")
        remote_types.append(REMOTE_FROM_PB[value])
    salary = request.salary_at_least if request.HasField("salary_at_least") else None
    if salary is not None and not (0 <= salary < 1e12):
        raise InvalidArgument("salary_at_least must be a positive amount")
    currency = request.salary_currency.strip().upper()
    if currency and (len(currency) != 3 or not currency.isalpha()):
        raise InvalidArgument("salary_currency must be an ISO 4217 code such as EUR")
    after = request.discovered_after.ToDatetime(tzinfo=UTC) if request.HasField("discovered_after") else None
    return FeedNarrowing(sources=sources, remote_types=tuple(dict.fromkeys(remote_types)), salary_at_least=salary,
                         salary_currency=currency, discovered_after=after)


def source_info(source: BoardSource) -> discovery_pb2.SourceInfo:
    info = discovery_pb2.SourceInfo(
        name=source.name, min_fetch_interval_minutes=int(source.min_fetch_interval.total_seconds() // 60))
    for spec in source.PARAMS:
        param = info.params.add(name=spec.name, description=spec.description, kind=_KIND_NAMES.get(spec.kind, "string"),
                                required=spec.required, choices=list(spec.choices or ()), pattern=spec.pattern or "",
                                secret=spec.secret)
        if spec.default is not None:
            param.default_value = str(spec.default).lower() if isinstance(spec.default, bool) else str(spec.default)
        if spec.min_value is not None:
            param.min_value = spec.min_value
        if spec.max_value is not None:
            param.max_value = spec.max_value
    return info
