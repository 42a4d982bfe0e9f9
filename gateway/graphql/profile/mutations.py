"""Mutations of the profile domain: identity, profile, saved searches, CV upload and parse, the HH.ru link."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from common.cv_formats import MAX_TEXT_CHARACTERS
from gateway import metrics, session_cookie
from gateway.clients import PROFILE
from gateway.context import context_of
from gateway.errors import ApiError, bad_input, call
from gateway.graphql.base import AUTHENTICATED, to_ts, ts
from gateway.graphql.profile.inputs import ProfileInput, SearchConfigInput, profile_update, search_config
from gateway.graphql.profile.types import (
    AccessToken,
    AuthPayload,
    CreatedAccessToken,
    CvInfo,
    HhAccount,
    HhLinkStart,
    Profile,
    SearchConfig,
)
from gateway.security import account_key
from jobmate.profile.v1 import profile_pb2

# profile_service accepts text only under a .txt name; it is the name the user sees for a pasted CV.
PASTED_CV_FILENAME = "pasted-cv.txt"


async def _limit(info: Info, action: str, limits: list[tuple[str, str, int]]) -> None:
    limiter = context_of(info).state.rate_limiter
    for dimension, key, limit in limits:
        try:
            await limiter.hit(action, dimension, key, limit)
        except ApiError:
            metrics.RATE_LIMITED.labels(action).inc()
            raise


def _client_metadata(info: Info) -> tuple[tuple[str, str], ...]:
    return (("x-client-ip", context_of(info).caller.address),)


def _deliver(info: Info, payload: AuthPayload, *, by_cookie: bool) -> AuthPayload:
    """A browser session gets its refresh token as an HttpOnly cookie, never in the body."""
    if by_cookie:
        session_cookie.set_refresh_cookie(context_of(info), payload.refresh_token, payload.refresh_expires_at)
        payload.refresh_token = ""
    return payload


MAX_TOKEN_DAYS = 366


@strawberry.input(description="A new personal access token.")
class AccessTokenInput:
    name: str = strawberry.field(description="What it is for (1-100 characters): 'Claude Desktop', 'CI'.")
    scopes: list[str] = strawberry.field(
        description="feed:read, feed:write (approve, reject, add postings), applications:read, "
                    "applications:write (move cards, notes, follow-ups), profile:read, profile:write, "
                    "searches:read, searches:write (edit and run saved searches). x:write includes x:read.")
    expires_in_days: int | None = strawberry.field(default=None, description="Null: never expires.")


@strawberry.type
class ProfileMutation:
    @strawberry.mutation
    async def register(self, info: Info, email: str, password: str, full_name: str = "") -> AuthPayload:
        ctx = context_of(info)
        settings = ctx.state.gateway_settings
        await _limit(info, "register", [("address", ctx.caller.address, settings.register_per_address)])
        reply = await call(PROFILE, ctx.state.downstream.profile.Register(
            profile_pb2.RegisterRequest(email=email, password=password, full_name=full_name),
            metadata=_client_metadata(info)))
        return _deliver(info, AuthPayload.from_pb(reply.tokens, reply.user),
                        by_cookie=session_cookie.wants_cookie(ctx.request))

    @strawberry.mutation
    async def login(self, info: Info, email: str, password: str) -> AuthPayload:
        ctx = context_of(info)
        settings = ctx.state.gateway_settings
        await _limit(info, "login", [("address", ctx.caller.address, settings.login_per_address),
                                     ("account", account_key(email), settings.login_per_account)])
        reply = await call(PROFILE, ctx.state.downstream.profile.Login(
            profile_pb2.LoginRequest(email=email, password=password), metadata=_client_metadata(info)))
        return _deliver(info, AuthPayload.from_pb(reply.tokens, reply.user),
                        by_cookie=session_cookie.wants_cookie(ctx.request))

    @strawberry.mutation(name="refreshToken",
                         description="Trade a refresh token for a new pair (it rotates). Browsers send no "
                                     "argument to /graphql/session: the token is their session cookie.")
    async def refresh_token(self, info: Info, refresh_token: str | None = None) -> AuthPayload:
        ctx = context_of(info)
        by_cookie = refresh_token is None
        token = session_cookie.cookie_token(ctx) if by_cookie else refresh_token
        if not token:
            raise ApiError("UNAUTHENTICATED", "you are not signed in (no session cookie); sign in again")
        try:
            reply = await call(PROFILE, ctx.state.downstream.profile.Refresh(
                profile_pb2.RefreshRequest(refresh_token=token), metadata=_client_metadata(info)))
        except ApiError as exc:
            if by_cookie and exc.code == "UNAUTHENTICATED":
                session_cookie.clear_refresh_cookie(ctx)  # revoked or expired: stop presenting it
            raise
        return _deliver(info, AuthPayload.from_pb(reply.tokens), by_cookie=by_cookie)

    @strawberry.mutation(description="Revoke a refresh token (browsers: send no argument to /graphql/session). "
                                     "Access tokens expire on their own, shortly.")
    async def logout(self, info: Info, refresh_token: str | None = None) -> bool:
        ctx = context_of(info)
        if refresh_token is None:
            refresh_token = session_cookie.cookie_token(ctx)
            session_cookie.clear_refresh_cookie(ctx)
            if refresh_token is None:
                return True  # no cookie: already signed out (logout is idempotent)
        await call(PROFILE, ctx.state.downstream.profile.Logout(
            profile_pb2.LogoutRequest(refresh_token=refresh_token), metadata=_client_metadata(info)))
        return True

    @strawberry.mutation(name="updateProfile", permission_classes=AUTHENTICATED)
    async def update_profile(self, info: Info, input: ProfileInput) -> Profile:
        profile, paths = profile_update(input)
        if not paths:
            raise bad_input("give at least one field to change")
        request = profile_pb2.UpdateProfileRequest(profile=profile)
        request.update_mask.paths.extend(paths)
        reply = await call(PROFILE, context_of(info).state.downstream.profile.UpdateProfile(request))
        return Profile.from_pb(reply.profile)

    @strawberry.mutation(name="createSearchConfig", permission_classes=AUTHENTICATED)
    async def create_search_config(self, info: Info, input: SearchConfigInput) -> SearchConfig:
        config, _ = search_config(input)
        reply = await call(PROFILE, context_of(info).state.downstream.profile.CreateSearchConfig(
            profile_pb2.CreateSearchConfigRequest(config=config)))
        return SearchConfig.from_pb(reply.config)

    @strawberry.mutation(name="updateSearchConfig", permission_classes=AUTHENTICATED)
    async def update_search_config(self, info: Info, id: strawberry.ID, input: SearchConfigInput) -> SearchConfig:
        config, paths = search_config(input)
        if not paths:
            raise bad_input("give at least one field to change")
        config.id = str(id)
        request = profile_pb2.UpdateSearchConfigRequest(config=config)
        request.update_mask.paths.extend(paths)
        reply = await call(PROFILE, context_of(info).state.downstream.profile.UpdateSearchConfig(request))
        return SearchConfig.from_pb(reply.config)

    @strawberry.mutation(name="deleteSearchConfig", permission_classes=AUTHENTICATED)
    async def delete_search_config(self, info: Info, id: strawberry.ID) -> bool:
        await call(PROFILE, context_of(info).state.downstream.profile.DeleteSearchConfig(
            profile_pb2.DeleteSearchConfigRequest(id=str(id))))
        return True

    @strawberry.mutation(name="uploadCV", permission_classes=AUTHENTICATED,
                         description="Upload a CV as PDF or Word (.docx) (GraphQL multipart request; send the x-jobmate-csrf "
                                     "header). Parsing starts at once; CV_PARSED arrives over /events.")
    async def upload_cv(self, info: Info, file: Upload, overwrite_profile: bool = False) -> CvInfo:
        ctx = context_of(info)
        if not callable(getattr(file, "read", None)):
            # The Upload scalar accepts any inline JSON value; only a multipart file part is a file.
            raise bad_input("send the CV as a file part of a multipart request "
                            "(GraphQL multipart request spec), not as a value in the query")
        limit = ctx.state.settings.cv_max_bytes
        content = await file.read(limit + 1)  # type: ignore[attr-defined]
        if len(content) > limit:
            raise bad_input(f"the CV is larger than {limit // (1024 * 1024)} MB")
        if not content:
            raise bad_input("the uploaded file is empty")
        filename = getattr(file, "filename", None) or "cv.pdf"
        reply = await call(PROFILE, ctx.state.downstream.profile.UploadCv(
            profile_pb2.UploadCvRequest(filename=filename, content=content, overwrite_profile=overwrite_profile)))
        cv = CvInfo.from_pb(reply.cv)
        assert cv is not None
        return cv

    @strawberry.mutation(name="profileFromText", permission_classes=AUTHENTICATED,
                         description="Fill the profile from the pasted text of a CV: stored as the user's CV "
                                     "(a .txt file) and read by the same parser as an uploaded PDF or DOCX. "
                                     "CV_PARSED arrives over /events.")
    async def profile_from_text(self, info: Info, text: str, overwrite_profile: bool = False) -> CvInfo:
        if not text.strip():
            raise bad_input("the text is empty; paste the text of your CV")
        if len(text) > MAX_TEXT_CHARACTERS:
            raise bad_input(f"the text has {len(text):,} characters; a CV may have at most "
                            f"{MAX_TEXT_CHARACTERS:,}")
        reply = await call(PROFILE, context_of(info).state.downstream.profile.UploadCv(
            profile_pb2.UploadCvRequest(filename=PASTED_CV_FILENAME, content=text.encode("utf-8"),
                                        overwrite_profile=overwrite_profile)))
        cv = CvInfo.from_pb(reply.cv)
        assert cv is not None
        return cv

    @strawberry.mutation(name="parseCV", permission_classes=AUTHENTICATED,
                         description="Parse the last uploaded CV again (after a failure, or to refill the "
                                     "profile with overwriteProfile). CV_PARSED arrives over /events.")
    async def parse_cv(self, info: Info, overwrite_profile: bool = False) -> CvInfo:
        reply = await call(PROFILE, context_of(info).state.downstream.profile.ReparseCv(
            profile_pb2.ReparseCvRequest(overwrite_profile=overwrite_profile)))
        cv = CvInfo.from_pb(reply.cv)
        assert cv is not None
        return cv

    @strawberry.mutation(name="startHhLink", permission_classes=AUTHENTICATED,
                         description="Start linking an HH.ru account: send the browser to authorizeUrl; HH comes "
                                     "back to /hh/callback with code and state for completeHhLink.")
    async def start_hh_link(self, info: Info) -> HhLinkStart:
        reply = await call(PROFILE, context_of(info).state.downstream.profile.StartHhLink(
            profile_pb2.StartHhLinkRequest()))
        return HhLinkStart(authorize_url=reply.authorize_url, expires_at=ts(reply.expires_at))

    @strawberry.mutation(name="completeHhLink", permission_classes=AUTHENTICATED,
                         description="Finish linking with what HH put on /hh/callback (code and state, or error). "
                                     "A state that is not this user's own, unused and recent is refused.")
    async def complete_hh_link(self, info: Info, state: str, code: str = "", error: str = "") -> HhAccount:
        reply = await call(PROFILE, context_of(info).state.downstream.profile.CompleteHhLink(
            profile_pb2.CompleteHhLinkRequest(code=code, state=state, error=error)))
        return HhAccount.from_pb(reply.account)

    @strawberry.mutation(name="unlinkHhAccount", permission_classes=AUTHENTICATED,
                         description="Revoke the HH.ru tokens at HH and forget them; true when HH confirmed.")
    async def unlink_hh_account(self, info: Info) -> bool:
        reply = await call(PROFILE, context_of(info).state.downstream.profile.UnlinkHhAccount(
            profile_pb2.UnlinkHhAccountRequest()))
        return reply.revoked_at_hh

    @strawberry.mutation(name="setDefaultHhResume", permission_classes=AUTHENTICATED,
                         description="The resume applies use unless another is picked (empty clears it).")
    async def set_default_hh_resume(self, info: Info, resume_id: str) -> HhAccount:
        reply = await call(PROFILE, context_of(info).state.downstream.profile.SetDefaultHhResume(
            profile_pb2.SetDefaultHhResumeRequest(resume_id=resume_id)))
        return HhAccount.from_pb(reply.account)


    @strawberry.mutation(name="createAccessToken", permission_classes=AUTHENTICATED,
                         description="Create a personal access token; its secret is in the answer, once. Needs a "
                                     "password sign-in: a personal access token never creates another.")
    async def create_access_token(self, info: Info, input: AccessTokenInput) -> CreatedAccessToken:
        request = profile_pb2.CreatePersonalAccessTokenRequest(name=input.name, scopes=input.scopes)
        if input.expires_in_days is not None:
            if not 1 <= input.expires_in_days <= MAX_TOKEN_DAYS:
                raise bad_input(f"expiresInDays must be between 1 and {MAX_TOKEN_DAYS} (null: never expires)",
                                argument="expiresInDays")
            request.expires_at.CopyFrom(to_ts(datetime.now(UTC) + timedelta(days=input.expires_in_days)))
        reply = await call(PROFILE, context_of(info).state.downstream.profile.CreatePersonalAccessToken(request))
        return CreatedAccessToken(token=AccessToken.from_pb(reply.token), secret=reply.secret)

    @strawberry.mutation(name="revokeAccessToken", permission_classes=AUTHENTICATED,
                         description="Revoke a personal access token: refused everywhere within 60 seconds.")
    async def revoke_access_token(self, info: Info, id: strawberry.ID) -> bool:
        await call(PROFILE, context_of(info).state.downstream.profile.RevokePersonalAccessToken(
            profile_pb2.RevokePersonalAccessTokenRequest(id=str(id))))
        return True
