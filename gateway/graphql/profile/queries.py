"""Queries of the profile domain: me, myProfile, mySearchConfigs, cvStatus, hhAccount, hhResumes."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.clients import PROFILE
from gateway.context import context_of
from gateway.errors import call
from gateway.graphql.base import AUTHENTICATED
from gateway.graphql.profile.types import CvInfo, HhAccount, HhResume, Profile, SearchConfig, Viewer
from jobmate.profile.v1 import profile_pb2


async def fetch_profile(info: Info) -> Profile:
    reply = await call(PROFILE, context_of(info).state.downstream.profile.GetProfile(profile_pb2.GetProfileRequest()))
    return Profile.from_pb(reply.profile)


@strawberry.type
class ProfileQuery:
    @strawberry.field(description="The signed-in user (answered by the gateway from the verified token).",
                      permission_classes=AUTHENTICATED)
    def me(self, info: Info) -> Viewer | None:
        return Viewer(id=strawberry.ID(context_of(info).caller.require_user().user_id))

    @strawberry.field(name="myProfile", permission_classes=AUTHENTICATED)
    async def my_profile(self, info: Info) -> Profile | None:
        return await fetch_profile(info)

    @strawberry.field(name="mySearchConfigs", permission_classes=AUTHENTICATED)
    async def my_search_configs(self, info: Info, include_inactive: bool = False) -> list[SearchConfig] | None:
        reply = await call(PROFILE, context_of(info).state.downstream.profile.ListSearchConfigs(
            profile_pb2.ListSearchConfigsRequest(include_inactive=include_inactive)))
        return [SearchConfig.from_pb(c) for c in reply.configs]

    @strawberry.field(name="cvStatus", description="The last uploaded CV and its parse status.",
                      permission_classes=AUTHENTICATED)
    async def cv_status(self, info: Info) -> CvInfo | None:
        reply = await call(PROFILE, context_of(info).state.downstream.profile.GetCvStatus(
            profile_pb2.GetCvStatusRequest()))
        return CvInfo.from_pb(reply.cv)

    @strawberry.field(name="hhAccount", permission_classes=AUTHENTICATED,
                      description="The linked HH.ru account, and whether this installation offers linking.")
    async def hh_account(self, info: Info) -> HhAccount:
        reply = await call(PROFILE, context_of(info).state.downstream.profile.GetHhAccount(
            profile_pb2.GetHhAccountRequest()))
        return HhAccount.from_pb(reply.account)

    @strawberry.field(name="hhResumes", permission_classes=AUTHENTICATED,
                      description="The user's HH.ru resumes; with vacancyId, those that can apply to that vacancy.")
    async def hh_resumes(self, info: Info, vacancy_id: str | None = None) -> list[HhResume]:
        reply = await call(PROFILE, context_of(info).state.downstream.profile.ListHhResumes(
            profile_pb2.ListHhResumesRequest(vacancy_id=vacancy_id or "")))
        return [HhResume.from_pb(r, reply.default_resume_id) for r in reply.resumes]
