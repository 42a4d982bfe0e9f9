"""What discovery asks of profile_service: saved searches (the user's own, through their forwarded token,
or every active one, with discovery's service token for the scheduler), answered as domain.SavedSearch."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence

import grpc

from common.errors import FailedPrecondition, InvalidArgument, NotFound, Unavailable
from discovery_service.convert import saved_search_from_pb
from discovery_service.domain import SavedSearch
from jobmate.common.v1 import common_pb2
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc

log = logging.getLogger(__name__)

_UNREACHABLE = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)


class ProfileClient:
    def __init__(self, channel: grpc.aio.Channel, *, timeout_s: float = 5.0) -> None:
        self._stub = profile_pb2_grpc.ProfileServiceStub(channel)
        self._timeout = timeout_s

    async def get_search_config(self, config_id: str) -> SavedSearch:
        """The calling user's saved search (their token is forwarded): NotFound when it is not theirs."""
        try:
            response = await self._stub.GetSearchConfig(profile_pb2.GetSearchConfigRequest(id=config_id),
                                                        timeout=self._timeout)
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.NOT_FOUND:
                raise NotFound("search configuration not found") from None
            if exc.code() == grpc.StatusCode.INVALID_ARGUMENT:
                raise InvalidArgument(exc.details() or "invalid search configuration id") from None
            if exc.code() in _UNREACHABLE:
                raise Unavailable("saved searches are unavailable right now; try again shortly") from None
            raise FailedPrecondition(f"could not read the saved search ({exc.code().name})") from None
        saved = saved_search_from_pb(response.config)
        saved.id = saved.id or config_id
        return saved

    async def user_red_flags(self) -> list[str]:
        """Every red flag of the calling user's saved searches. Best effort: when profile cannot be reached,
        a posting the user adds is still stored (unmarked) rather than lost, and the problem is logged."""
        try:
            response = await self._stub.ListSearchConfigs(profile_pb2.ListSearchConfigsRequest(),
                                                          timeout=self._timeout)
        except grpc.aio.AioRpcError as exc:
            log.warning("could not read the user's red flags; the posting is stored unmarked",
                        extra={"code": exc.code().name})
            return []
        flags: list[str] = []
        for config in response.configs:
            flags.extend(flag for flag in config.red_flags if flag.strip() and flag not in flags)
        return flags

    async def active_search_configs(self, *, page_size: int = 200) -> AsyncIterator[SavedSearch]:
        """Every active saved search of every user (discovery's service token, scope profile.searches.read)."""
        token = ""
        while True:
            response = await self._stub.ListActiveSearchConfigs(
                profile_pb2.ListActiveSearchConfigsRequest(
                    page=common_pb2.PageRequest(page_size=page_size, page_token=token)),
                timeout=self._timeout)
            for config in response.configs:
                yield saved_search_from_pb(config)
            token = response.page_info.next_page_token
            if not token:
                return

    async def batch_get_search_configs(self, ids: Sequence[str]) -> list[SavedSearch]:
        response = await self._stub.BatchGetSearchConfigs(
            profile_pb2.BatchGetSearchConfigsRequest(ids=list(ids)), timeout=self._timeout)
        return [saved_search_from_pb(config) for config in response.configs]
