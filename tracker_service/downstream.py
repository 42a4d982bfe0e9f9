"""The tracker's calls to other services, with their gRPC errors turned into domain errors.

- discovery GetJob, with the caller's forwarded user token: a posting the user does not own is NOT_FOUND;
- profile ArchiveSearchConfigs, with the tracker's service token (scope profile.searches.archive),
  delivered by the outbox (direct delivery), idempotent by command id;
- profile GetHhAccessToken, with the service token (scope profile.hh.token): the apply worker's way to a
  user's HH access token (refreshed by profile when HH said the last one expired).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import grpc

from common.errors import FailedPrecondition, InvalidArgument, NotFound, Unavailable
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from tracker_service.convert import job_snapshot_from_proto

if TYPE_CHECKING:
    from tracker_service.domain import JobSnapshot


class DiscoveryJobs:
    def __init__(self, channel: grpc.aio.Channel) -> None:
        self._stub = discovery_pb2_grpc.DiscoveryServiceStub(channel)

    async def snapshot(self, job_id: str) -> JobSnapshot:
        """What the board shows of one of the caller's postings."""
        try:
            response = await self._stub.GetJob(discovery_pb2.GetJobRequest(id=job_id))
        except grpc.aio.AioRpcError as exc:
            if exc.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED):
                raise NotFound(f"job posting {job_id} not found") from None
            if exc.code() is grpc.StatusCode.INVALID_ARGUMENT:
                raise InvalidArgument(f"job_id: {exc.details()}") from None
            raise Unavailable("job postings cannot be read right now; try again in a moment") from exc
        return job_snapshot_from_proto(response.job, job_id)

    async def hh_vacancy_id(self, job_id: str) -> str:
        """The HH vacancy id of one of the caller's postings; FAILED_PRECONDITION when it is not HH's."""
        try:
            response = await self._stub.GetJob(discovery_pb2.GetJobRequest(id=job_id))
        except grpc.aio.AioRpcError as exc:
            if exc.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED):
                raise NotFound("the application's job posting no longer exists") from None
            raise Unavailable("job postings cannot be read right now; try again in a moment") from exc
        job = response.job
        if job.source != "hh" or not job.external_id.isdigit():
            raise FailedPrecondition("this posting did not come from HH.ru: apply on its own site, then mark the "
                                     "card applied")
        return job.external_id


class ProfileSearches:
    def __init__(self, channel: grpc.aio.Channel) -> None:
        self._stub = profile_pb2_grpc.ProfileServiceStub(channel)

    async def archive(self, command: events_pb2.Command) -> None:
        """Outbox direct handler for COMMAND_TYPE_ARCHIVE_SEARCH_CONFIGS; raises to be retried."""
        await self._stub.ArchiveSearchConfigs(profile_pb2.ArchiveSearchConfigsRequest(
            user_id=command.user_id, reason=command.archive_search_configs.reason, command_id=command.id))


class HhAccountNeeded(Exception):
    """The user has no usable HH link (none, off on this installation, or HH refused it): `message` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ProfileHhTokens:
    def __init__(self, channel: grpc.aio.Channel) -> None:
        self._stub = profile_pb2_grpc.ProfileServiceStub(channel)

    async def access_token(self, user_id: str, *, expired: str = "") -> str:
        """The user's HH access token (a fresh one when `expired` is the token HH just called expired).
        HhAccountNeeded when there is none to use; Unavailable when profile cannot answer now."""
        reply = await self._link(user_id, expired, unlinked="no HH.ru account is linked: link one, then apply again")
        return reply.access_token

    async def default_resume(self, user_id: str) -> str:
        """The user's default HH resume id ("" when none is picked); HhAccountNeeded without a usable link."""
        reply = await self._link(user_id, "", unlinked="no HH.ru account is linked: link one for auto-apply to use it")
        return reply.default_resume_id

    async def _link(self, user_id: str, expired: str, *, unlinked: str) -> profile_pb2.GetHhAccessTokenResponse:
        """Profile's answer on the user's HH link, its errors turned into HhAccountNeeded (`unlinked` when no
        account is linked) or Unavailable."""
        try:
            return await self._stub.GetHhAccessToken(profile_pb2.GetHhAccessTokenRequest(
                user_id=user_id, expired_access_token=expired))
        except grpc.aio.AioRpcError as exc:
            if exc.code() is grpc.StatusCode.NOT_FOUND:
                raise HhAccountNeeded(unlinked) from None
            if exc.code() in (grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.INVALID_ARGUMENT):
                raise HhAccountNeeded(exc.details() or "the HH.ru link cannot be used") from None
            raise Unavailable("the linked HH.ru account cannot be read right now") from exc
