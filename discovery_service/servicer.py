"""gRPC edge of discovery_service: requests in, domain calls, responses out.

The caller's identity comes only from the verified token (common.auth.current_identity). A user sees and
changes only their own postings; a service token with scope discovery.read may read any posting.
"""

from __future__ import annotations

from datetime import timedelta

import grpc

from common.auth import Identity, TokenKind, current_identity
from common.errors import InvalidArgument, PermissionDenied
from common.pagination import decode_cursor, encode_cursor, page_size
from discovery_service.convert import STATUS_FROM_PB, job_to_pb
from discovery_service.inbox import Inbox
from discovery_service.profile_client import ProfileClient
from discovery_service.repository import JobStatus
from discovery_service.web.fetch import Page
from discovery_service.web.ssrf import fetch_user_url
from jobmate.common.v1 import common_pb2
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc


def _identity() -> Identity:
    identity = current_identity.get()
    if identity is None:  # the interceptor guarantees one for every non-public method
        raise PermissionDenied("no caller identity")
    return identity


def _user_id() -> str:
    identity = _identity()
    if identity.kind is not TokenKind.USER:
        raise PermissionDenied("this method needs a user token")
    return identity.subject


def _reader() -> tuple[str | None, bool]:
    """(user id to scope reads to, or None for a service; whether the raw payload may be shown)."""
    identity = _identity()
    if identity.kind is TokenKind.USER:
        return identity.subject, False
    return None, True


class DiscoveryServicer(discovery_pb2_grpc.DiscoveryServiceServicer):
    def __init__(self, *, inbox: Inbox, profile: ProfileClient, allow_loopback_fetch: bool,
                 expiry: dict[JobStatus, timedelta], discovery: object | None = None) -> None:
        self._inbox = inbox
        self._profile = profile
        self._allow_loopback = allow_loopback_fetch
        self._expiry = expiry
        self._discovery = discovery

    def _job(self, job, *, include_raw: bool = False) -> discovery_pb2.Job:
        return job_to_pb(job, expiry=self._expiry, include_raw=include_raw)

    async def GetJob(self, request: discovery_pb2.GetJobRequest,
                     context: grpc.aio.ServicerContext) -> discovery_pb2.GetJobResponse:
        user_id, include_raw = _reader()
        job = await self._inbox.get(request.id, user_id=user_id)
        return discovery_pb2.GetJobResponse(job=self._job(job, include_raw=include_raw))

    async def BatchGetJobs(self, request: discovery_pb2.BatchGetJobsRequest,
                           context: grpc.aio.ServicerContext) -> discovery_pb2.BatchGetJobsResponse:
        user_id, include_raw = _reader()
        jobs = await self._inbox.batch_get(list(request.ids), user_id=user_id)
        return discovery_pb2.BatchGetJobsResponse(jobs=[self._job(job, include_raw=include_raw) for job in jobs])

    async def GetJobFeed(self, request: discovery_pb2.GetJobFeedRequest,
                         context: grpc.aio.ServicerContext) -> discovery_pb2.GetJobFeedResponse:
        user_id = _user_id()
        status = STATUS_FROM_PB.get(request.status)
        if request.status and status is None:
            raise InvalidArgument("unknown status filter")
        query = request.query.strip()
        if len(query) > 500:
            raise InvalidArgument("the search text is too long (at most 500 characters)")
        filters = [request.status, query, request.search_config_id]
        size = page_size(request.page.page_size, default=20, maximum=100)
        after = decode_cursor(request.page.page_token, filters=filters)
        before_seq = after.get("seq")
        if before_seq is not None and not isinstance(before_seq, int):
            raise InvalidArgument("page_token is not valid: ask for the first page again")
        jobs, has_more, total = await self._inbox.feed(
            user_id=user_id, status=status, query=query, search_config_id=request.search_config_id,
            before_seq=before_seq, limit=size)
        token = encode_cursor({"seq": jobs[-1].seq}, filters=filters) if has_more and jobs else ""
        return discovery_pb2.GetJobFeedResponse(
            jobs=[self._job(job) for job in jobs],
            page_info=common_pb2.PageInfo(next_page_token=token, has_more=has_more, total_count=total))

    async def SetJobStatus(self, request: discovery_pb2.SetJobStatusRequest,
                           context: grpc.aio.ServicerContext) -> discovery_pb2.SetJobStatusResponse:
        job, changed = await self._inbox.set_status(request.id, STATUS_FROM_PB.get(request.status),
                                                    user_id=_user_id())
        return discovery_pb2.SetJobStatusResponse(job=self._job(job), changed=changed)

    async def AddJobManually(self, request: discovery_pb2.AddJobManuallyRequest,
                             context: grpc.aio.ServicerContext) -> discovery_pb2.AddJobManuallyResponse:
        added = await self._inbox.add_manually(
            user_id=_user_id(), company=request.company, title=request.title, location=request.location,
            description=request.description, start_date=request.start_date, duration=request.duration,
            why_us=request.why_us, url=request.url, red_flags=self._profile.user_red_flags)
        return discovery_pb2.AddJobManuallyResponse(job=self._job(added.job), duplicate=added.duplicate)

    async def AddJobByUrl(self, request: discovery_pb2.AddJobByUrlRequest,
                          context: grpc.aio.ServicerContext) -> discovery_pb2.AddJobByUrlResponse:
        async def fetch_page(url: str) -> Page:
            return await fetch_user_url(url, allow_loopback=self._allow_loopback)

        added = await self._inbox.add_by_url(user_id=_user_id(), url=request.url, fetch_page=fetch_page,
                                             red_flags=self._profile.user_red_flags)
        return discovery_pb2.AddJobByUrlResponse(job=self._job(added.job), duplicate=added.duplicate)
