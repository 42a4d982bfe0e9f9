"""The tracker's calls to other services, with their gRPC errors turned into domain errors.

- discovery GetJob, with the caller's forwarded user token: a posting the user does not own is NOT_FOUND;
- profile ArchiveSearchConfigs, with the tracker's service token (scope profile.searches.archive),
  delivered by the outbox (direct delivery), idempotent by command id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import grpc

from common.errors import InvalidArgument, NotFound, Unavailable
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


class ProfileSearches:
    def __init__(self, channel: grpc.aio.Channel) -> None:
        self._stub = profile_pb2_grpc.ProfileServiceStub(channel)

    async def archive(self, command: events_pb2.Command) -> None:
        """Outbox direct handler for COMMAND_TYPE_ARCHIVE_SEARCH_CONFIGS; raises to be retried."""
        await self._stub.ArchiveSearchConfigs(profile_pb2.ArchiveSearchConfigsRequest(
            user_id=command.user_id, reason=command.archive_search_configs.reason, command_id=command.id))
