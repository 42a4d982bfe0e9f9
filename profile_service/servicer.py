"""gRPC edge of profile_service: requests in, domain calls, responses out.

Who may call what is each RPC's access option in profile.proto (checked by the auth interceptor before
any method runs); here every user method acts for the user id of the verified token only, never for an
id in the request. Messages are turned into domain values and back by convert.py; domain errors become
status codes in common.grpc_server.
"""

from __future__ import annotations

import grpc

from common.auth import caller, caller_user_id
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from profile_service import profile_rules, search_rules
from profile_service.access_tokens import AccessTokens
from profile_service.accounts import AccountService
from profile_service.convert import (
    access_token_to_proto,
    cv_to_proto,
    hh_account_to_proto,
    hh_link_start_to_proto,
    hh_resume_to_proto,
    optional_time,
    profile_to_proto,
    search_to_proto,
    signed_in_to_proto,
    tokens_to_proto,
)
from profile_service.domain import HhLinkStatus
from profile_service.hh_accounts import HhAccounts
from profile_service.profiles import ProfileManager
from profile_service.searches import SearchConfigManager


def client_address(context: grpc.aio.ServicerContext) -> str:
    """The end user's address as the gateway reports it (`x-client-ip`), else the gRPC peer's host.

    Trusting the header is safe only because profile_service is not reachable from outside the mesh."""
    for key, value in context.invocation_metadata() or ():
        if key == "x-client-ip" and value.strip():
            return value.strip()[:64]
    peer = context.peer() or "unknown"  # "ipv4:127.0.0.1:50000", "ipv6:[::1]:50000"
    host = peer.split(":", 1)[-1].rsplit(":", 1)[0]
    return host.strip("[]") or "unknown"


class ProfileServicer(profile_pb2_grpc.ProfileServiceServicer):
    def __init__(self, accounts: AccountService, profiles: ProfileManager, searches: SearchConfigManager,
                 hh: HhAccounts, access_tokens: AccessTokens) -> None:
        self._accounts = accounts
        self._access_tokens = access_tokens
        self._profiles = profiles
        self._searches = searches
        self._hh = hh

    # --- accounts ----------------------------------------------------------------------------------
    async def Register(self, request: profile_pb2.RegisterRequest,
                       context: grpc.aio.ServicerContext) -> profile_pb2.RegisterResponse:
        result = await self._accounts.register(email=request.email, password=request.password,
                                               full_name=request.full_name)
        return signed_in_to_proto(result, profile_pb2.RegisterResponse)

    async def Login(self, request: profile_pb2.LoginRequest,
                    context: grpc.aio.ServicerContext) -> profile_pb2.LoginResponse:
        result = await self._accounts.login(email=request.email, password=request.password,
                                            client_address=client_address(context))
        return signed_in_to_proto(result, profile_pb2.LoginResponse)

    async def Refresh(self, request: profile_pb2.RefreshRequest,
                      context: grpc.aio.ServicerContext) -> profile_pb2.RefreshResponse:
        tokens = await self._accounts.refresh(refresh_token=request.refresh_token)
        return profile_pb2.RefreshResponse(tokens=tokens_to_proto(tokens))

    async def Logout(self, request: profile_pb2.LogoutRequest,
                     context: grpc.aio.ServicerContext) -> profile_pb2.LogoutResponse:
        await self._accounts.logout(refresh_token=request.refresh_token)
        return profile_pb2.LogoutResponse()

    # --- personal access tokens ------------------------------------------------------------------------
    async def CreatePersonalAccessToken(self, request: profile_pb2.CreatePersonalAccessTokenRequest,
                                        context: grpc.aio.ServicerContext
                                        ) -> profile_pb2.CreatePersonalAccessTokenResponse:
        created = await self._access_tokens.create(user_id=caller_user_id(), name=request.name,
                                                   scopes=list(request.scopes),
                                                   expires_at=optional_time(request, "expires_at"))
        return profile_pb2.CreatePersonalAccessTokenResponse(token=access_token_to_proto(created.token),
                                                             secret=created.secret)

    async def ListPersonalAccessTokens(self, request: profile_pb2.ListPersonalAccessTokensRequest,
                                       context: grpc.aio.ServicerContext
                                       ) -> profile_pb2.ListPersonalAccessTokensResponse:
        records = await self._access_tokens.list(user_id=caller_user_id())
        return profile_pb2.ListPersonalAccessTokensResponse(tokens=[access_token_to_proto(r) for r in records])

    async def RevokePersonalAccessToken(self, request: profile_pb2.RevokePersonalAccessTokenRequest,
                                        context: grpc.aio.ServicerContext
                                        ) -> profile_pb2.RevokePersonalAccessTokenResponse:
        await self._access_tokens.revoke(user_id=caller_user_id(), token_id=request.id)
        return profile_pb2.RevokePersonalAccessTokenResponse()

    async def ExchangePersonalAccessToken(self, request: profile_pb2.ExchangePersonalAccessTokenRequest,
                                          context: grpc.aio.ServicerContext
                                          ) -> profile_pb2.ExchangePersonalAccessTokenResponse:
        exchanged = await self._access_tokens.exchange(secret=request.secret)
        reply = profile_pb2.ExchangePersonalAccessTokenResponse(
            access_token=exchanged.access_token, token_id=exchanged.token.id, user_id=exchanged.token.user_id,
            scopes=list(exchanged.token.scopes))
        reply.expires_at.FromDatetime(exchanged.expires_at)
        return reply

    # --- profile -----------------------------------------------------------------------------------
    async def GetProfile(self, request: profile_pb2.GetProfileRequest,
                         context: grpc.aio.ServicerContext) -> profile_pb2.GetProfileResponse:
        record = await self._profiles.get(user_id=caller_user_id())
        return profile_pb2.GetProfileResponse(profile=profile_to_proto(record))

    async def UpdateProfile(self, request: profile_pb2.UpdateProfileRequest,
                            context: grpc.aio.ServicerContext) -> profile_pb2.UpdateProfileResponse:
        user_id = caller_user_id()
        paths = profile_rules.check_update_mask(request.update_mask)
        record = await self._profiles.update(user_id=user_id, patch=request.profile, paths=paths)
        return profile_pb2.UpdateProfileResponse(profile=profile_to_proto(record))

    async def BatchGetProfiles(self, request: profile_pb2.BatchGetProfilesRequest,
                               context: grpc.aio.ServicerContext) -> profile_pb2.BatchGetProfilesResponse:
        records = await self._profiles.batch_get(user_ids=list(request.user_ids))
        return profile_pb2.BatchGetProfilesResponse(profiles=[profile_to_proto(r) for r in records])

    # --- saved searches ----------------------------------------------------------------------------
    async def CreateSearchConfig(self, request: profile_pb2.CreateSearchConfigRequest,
                                 context: grpc.aio.ServicerContext) -> profile_pb2.CreateSearchConfigResponse:
        record = await self._searches.create(user_id=caller_user_id(), config=request.config)
        return profile_pb2.CreateSearchConfigResponse(config=search_to_proto(record))

    async def GetSearchConfig(self, request: profile_pb2.GetSearchConfigRequest,
                              context: grpc.aio.ServicerContext) -> profile_pb2.GetSearchConfigResponse:
        record = await self._searches.get(user_id=caller_user_id(), search_id=request.id)
        return profile_pb2.GetSearchConfigResponse(config=search_to_proto(record))

    async def ListSearchConfigs(self, request: profile_pb2.ListSearchConfigsRequest,
                                context: grpc.aio.ServicerContext) -> profile_pb2.ListSearchConfigsResponse:
        records = await self._searches.list(user_id=caller_user_id(), include_inactive=request.include_inactive)
        return profile_pb2.ListSearchConfigsResponse(configs=[search_to_proto(r) for r in records])

    async def UpdateSearchConfig(self, request: profile_pb2.UpdateSearchConfigRequest,
                                 context: grpc.aio.ServicerContext) -> profile_pb2.UpdateSearchConfigResponse:
        user_id = caller_user_id()
        paths = search_rules.check_update_mask(request.update_mask)
        record = await self._searches.update(user_id=user_id, search_id=request.config.id, patch=request.config,
                                             paths=paths)
        return profile_pb2.UpdateSearchConfigResponse(config=search_to_proto(record))

    async def DeleteSearchConfig(self, request: profile_pb2.DeleteSearchConfigRequest,
                                 context: grpc.aio.ServicerContext) -> profile_pb2.DeleteSearchConfigResponse:
        await self._searches.delete(user_id=caller_user_id(), search_id=request.id)
        return profile_pb2.DeleteSearchConfigResponse()

    async def ListActiveSearchConfigs(self, request: profile_pb2.ListActiveSearchConfigsRequest,
                                      context: grpc.aio.ServicerContext
                                      ) -> profile_pb2.ListActiveSearchConfigsResponse:
        page, next_token, total = await self._searches.list_active(page_size=request.page.page_size,
                                                                   page_token=request.page.page_token)
        return profile_pb2.ListActiveSearchConfigsResponse(
            configs=[search_to_proto(r) for r in page],
            page_info={"next_page_token": next_token, "has_more": bool(next_token), "total_count": total})

    async def ArchiveSearchConfigs(self, request: profile_pb2.ArchiveSearchConfigsRequest,
                                   context: grpc.aio.ServicerContext) -> profile_pb2.ArchiveSearchConfigsResponse:
        count = await self._searches.archive_all(user_id=request.user_id, reason=request.reason,
                                                 command_id=request.command_id)
        return profile_pb2.ArchiveSearchConfigsResponse(archived_count=count)

    async def BatchGetSearchConfigs(self, request: profile_pb2.BatchGetSearchConfigsRequest,
                                    context: grpc.aio.ServicerContext) -> profile_pb2.BatchGetSearchConfigsResponse:
        records = await self._searches.batch_get(ids=list(request.ids))
        return profile_pb2.BatchGetSearchConfigsResponse(configs=[search_to_proto(r) for r in records])

    # --- CV ----------------------------------------------------------------------------------------
    async def UploadCv(self, request: profile_pb2.UploadCvRequest,
                       context: grpc.aio.ServicerContext) -> profile_pb2.UploadCvResponse:
        cv = await self._profiles.upload_cv(user_id=caller_user_id(), filename=request.filename, content=request.content,
                                            overwrite=request.overwrite_profile)
        return profile_pb2.UploadCvResponse(cv=cv_to_proto(cv))

    async def DownloadCv(self, request: profile_pb2.DownloadCvRequest,
                         context: grpc.aio.ServicerContext) -> profile_pb2.DownloadCvResponse:
        cv, content = await self._profiles.download_cv(caller=caller(), cv_id=request.cv_id)
        return profile_pb2.DownloadCvResponse(cv=cv_to_proto(cv), content=content, user_id=cv.user_id)

    async def ReparseCv(self, request: profile_pb2.ReparseCvRequest,
                        context: grpc.aio.ServicerContext) -> profile_pb2.ReparseCvResponse:
        cv = await self._profiles.reparse_cv(user_id=caller_user_id(), overwrite=request.overwrite_profile)
        return profile_pb2.ReparseCvResponse(cv=cv_to_proto(cv))

    async def GetCvStatus(self, request: profile_pb2.GetCvStatusRequest,
                          context: grpc.aio.ServicerContext) -> profile_pb2.GetCvStatusResponse:
        cv = await self._profiles.cv_status(user_id=caller_user_id())
        return profile_pb2.GetCvStatusResponse(cv=cv_to_proto(cv) if cv else None)

    async def ApplyParsedCv(self, request: profile_pb2.ApplyParsedCvRequest,
                            context: grpc.aio.ServicerContext) -> profile_pb2.ApplyParsedCvResponse:
        result = await self._profiles.apply_parsed(command_id=request.command_id, cv_id=request.cv_id,
                                                   parsed=request.parsed, cv_text=request.cv_text,
                                                   unread=list(request.fields_unread))
        return profile_pb2.ApplyParsedCvResponse(fields_filled=result.fields_filled,
                                                 already_applied=result.already_applied,
                                                 superseded=result.superseded)

    async def RecordCvParseFailure(self, request: profile_pb2.RecordCvParseFailureRequest,
                                   context: grpc.aio.ServicerContext) -> profile_pb2.RecordCvParseFailureResponse:
        await self._profiles.record_failure(command_id=request.command_id, cv_id=request.cv_id,
                                            reason=request.reason, code=request.code)
        return profile_pb2.RecordCvParseFailureResponse()

    # --- the linked HH.ru account ------------------------------------------------------------------
    async def StartHhLink(self, request: profile_pb2.StartHhLinkRequest,
                          context: grpc.aio.ServicerContext) -> profile_pb2.StartHhLinkResponse:
        return hh_link_start_to_proto(await self._hh.start_link(user_id=caller_user_id()))

    async def CompleteHhLink(self, request: profile_pb2.CompleteHhLinkRequest,
                             context: grpc.aio.ServicerContext) -> profile_pb2.CompleteHhLinkResponse:
        account = await self._hh.complete_link(user_id=caller_user_id(), code=request.code, state=request.state,
                                               error=request.error)
        return profile_pb2.CompleteHhLinkResponse(account=hh_account_to_proto(HhLinkStatus(True, account)))

    async def GetHhAccount(self, request: profile_pb2.GetHhAccountRequest,
                           context: grpc.aio.ServicerContext) -> profile_pb2.GetHhAccountResponse:
        status = await self._hh.status(user_id=caller_user_id())
        return profile_pb2.GetHhAccountResponse(account=hh_account_to_proto(status))

    async def UnlinkHhAccount(self, request: profile_pb2.UnlinkHhAccountRequest,
                              context: grpc.aio.ServicerContext) -> profile_pb2.UnlinkHhAccountResponse:
        return profile_pb2.UnlinkHhAccountResponse(revoked_at_hh=await self._hh.unlink(user_id=caller_user_id()))

    async def ListHhResumes(self, request: profile_pb2.ListHhResumesRequest,
                            context: grpc.aio.ServicerContext) -> profile_pb2.ListHhResumesResponse:
        resumes, default = await self._hh.resumes(user_id=caller_user_id(), vacancy_id=request.vacancy_id.strip())
        return profile_pb2.ListHhResumesResponse(resumes=[hh_resume_to_proto(r) for r in resumes],
                                                 default_resume_id=default)

    async def SetDefaultHhResume(self, request: profile_pb2.SetDefaultHhResumeRequest,
                                 context: grpc.aio.ServicerContext) -> profile_pb2.SetDefaultHhResumeResponse:
        account = await self._hh.set_default_resume(user_id=caller_user_id(), resume_id=request.resume_id)
        return profile_pb2.SetDefaultHhResumeResponse(account=hh_account_to_proto(HhLinkStatus(True, account)))

    async def GetHhAccessToken(self, request: profile_pb2.GetHhAccessTokenRequest,
                               context: grpc.aio.ServicerContext) -> profile_pb2.GetHhAccessTokenResponse:
        token, account = await self._hh.access_token(user_id=request.user_id,
                                                     expired=request.expired_access_token)
        return profile_pb2.GetHhAccessTokenResponse(access_token=token, default_resume_id=account.default_resume_id)
