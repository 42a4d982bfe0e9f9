"""The owners' RPCs as ai_coach calls them: one long-lived channel per owner, always with ai_coach's
service token (never a user's: the worker acts on commands, not on behalf of a signed-in caller).

Scopes, one per thing the worker reads or writes:
- tracker: MarkAnalysisRunning, RecordAnalysis, RecordAnalysisFailure (tracker.analysis.write),
  GetApplication (tracker.read);
- discovery: BatchGetJobs (discovery.read), RecordFitScores (discovery.fit.write);
- profile: BatchGetProfiles (profile.read), BatchGetSearchConfigs (profile.searches.read),
  DownloadCv (profile.cv.read), ApplyParsedCv and RecordCvParseFailure (profile.cv.write).
"""

from __future__ import annotations

import grpc

from common.auth import ServiceTokenProvider, TokenSigner
from common.grpc_client import CredentialMode, create_channel
from common.settings import Settings
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from jobmate.tracker.v1 import tracker_pb2, tracker_pb2_grpc

SERVICE_NAME = "ai_coach"
SERVICE_TOKEN_SCOPES = frozenset({
    "tracker.read",
    "tracker.analysis.write",
    "discovery.read",
    "discovery.fit.write",
    "profile.read",
    "profile.searches.read",
    "profile.cv.read",
    "profile.cv.write",
})


class OwnerClients:
    """Stubs for tracker, discovery and profile over channels made once at start-up."""

    def __init__(self, settings: Settings) -> None:
        self._tokens = ServiceTokenProvider(TokenSigner.for_services(settings), SERVICE_NAME,
                                            set(SERVICE_TOKEN_SCOPES), ttl_s=settings.service_token_ttl_s)
        self._channels: list[grpc.aio.Channel] = []
        self.tracker = tracker_pb2_grpc.TrackerServiceStub(self._channel(settings.tracker_addr, settings))
        self.discovery = discovery_pb2_grpc.DiscoveryServiceStub(self._channel(settings.discovery_addr, settings))
        self.profile = profile_pb2_grpc.ProfileServiceStub(self._channel(settings.profile_addr, settings))

    def _channel(self, target: str, settings: Settings) -> grpc.aio.Channel:
        channel = create_channel(target, default_timeout_s=settings.grpc_deadline_s,
                                 service_tokens=self._tokens, mode=CredentialMode.SERVICE)
        self._channels.append(channel)
        return channel

    async def close(self) -> None:
        for channel in self._channels:
            await channel.close()

    # --- reads that return one entity or None ---------------------------------------------------------
    async def job(self, job_id: str) -> discovery_pb2.Job | None:
        response = await self.discovery.BatchGetJobs(discovery_pb2.BatchGetJobsRequest(ids=[job_id]))
        return next((job for job in response.jobs if job.id == job_id), None)

    async def jobs(self, job_ids: list[str]) -> list[discovery_pb2.Job]:
        """The postings found among `job_ids` (gone ones are left out)."""
        if not job_ids:
            return []
        response = await self.discovery.BatchGetJobs(discovery_pb2.BatchGetJobsRequest(ids=job_ids))
        return list(response.jobs)

    async def profile_of(self, user_id: str) -> profile_pb2.Profile | None:
        response = await self.profile.BatchGetProfiles(profile_pb2.BatchGetProfilesRequest(user_ids=[user_id]))
        return next((p for p in response.profiles if p.user_id == user_id), None)

    async def search_config(self, config_id: str) -> profile_pb2.SearchConfig | None:
        """The saved search an application came from; None when there is none or it was deleted."""
        if not config_id:
            return None
        response = await self.profile.BatchGetSearchConfigs(profile_pb2.BatchGetSearchConfigsRequest(ids=[config_id]))
        return next((c for c in response.configs if c.id == config_id), None)

    async def application(self, application_id: str) -> tracker_pb2.Application | None:
        try:
            response = await self.tracker.GetApplication(tracker_pb2.GetApplicationRequest(id=application_id))
        except grpc.aio.AioRpcError as error:
            if error.code() is grpc.StatusCode.NOT_FOUND:
                return None
            raise
        return response.application
