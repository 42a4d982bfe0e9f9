"""profile_service: identity provider, profiles, saved searches and CV files (schema `profile`).

`build` wires the domain (accounts, profiles and CVs, saved searches) to the gRPC servicer; the runtime's
outbox publishes CMD_PARSE_CV and EVENT_CV_PARSED, and a given-up parse is stored by the profiles.
"""

from __future__ import annotations

from pathlib import Path

from common.auth import TokenSigner
from common.migrate import SchemaMigrations
from common.service import ServiceRuntime
from common.sessions import EndedSessions
from common.settings import get_settings
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from profile_service.access_tokens import AccessTokens
from profile_service.accounts import AccountService
from profile_service.cv_files import CvStorage
from profile_service.hh_accounts import HhAccounts
from profile_service.passwords import PasswordHashing
from profile_service.profiles import ProfileManager
from profile_service.repository import ProfileRepository
from profile_service.searches import SearchConfigManager
from profile_service.servicer import ProfileServicer
from profile_service.settings import ProfileSettings
from profile_service.throttle import LoginThrottle

SERVICE = profile_pb2.DESCRIPTOR.services_by_name["ProfileService"]
MIGRATIONS = SchemaMigrations("profile", Path(__file__).parent / "migrations", with_outbox=True)


def make_runtime(settings: ProfileSettings | None = None) -> ServiceRuntime[ProfileSettings]:
    return ServiceRuntime("profile_service", migrations=MIGRATIONS, services=[SERVICE],
                          settings=settings or get_settings(ProfileSettings))


async def build(runtime: ServiceRuntime[ProfileSettings]) -> None:
    assert runtime.server is not None and runtime.pool is not None and runtime.bus is not None
    settings = runtime.settings
    repo = ProfileRepository(runtime.pool)
    signer = TokenSigner.for_users(settings)
    accounts = AccountService(repo, signer=signer, hashing=PasswordHashing(),
                              throttle=LoginThrottle(runtime.bus.redis), access_ttl_s=settings.access_token_ttl_s,
                              refresh_ttl_s=settings.refresh_token_ttl_s,
                              session_max_age_s=settings.refresh_session_max_age_s,
                              ended_sessions=EndedSessions(runtime.bus.redis))
    profiles = ProfileManager(repo, outbox=runtime.outbox,
                              storage=CvStorage(settings.cv_storage_dir or settings.data_dir / "cv"),
                              cv_max_bytes=settings.cv_max_bytes)
    runtime.on_give_up(profiles.on_command_given_up, command_type=events_pb2.COMMAND_TYPE_PARSE_CV)
    hh = HhAccounts.from_settings(runtime.pool, settings)
    runtime.on_stop(hh.aclose)
    profile_pb2_grpc.add_ProfileServiceServicer_to_server(
        ProfileServicer(accounts, profiles, SearchConfigManager(repo), hh,
                        AccessTokens(repo, signer=signer, access_ttl_s=settings.pat_access_token_ttl_s,
                                     max_per_user=settings.pat_max_per_user)),
        runtime.server.server)


async def serve() -> None:
    await make_runtime().run(build)
