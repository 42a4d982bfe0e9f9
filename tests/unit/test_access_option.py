"""The access policy of an RPC is its (jobmate.common.v1.access) option, read from the descriptors."""

from __future__ import annotations

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool

from common.grpc_server import PUBLIC, USER, Access, access_of, access_policy, service, user_or_service
from jobmate.common.v1 import access_pb2
from jobmate.profile.v1 import profile_pb2


def probe_service(options: dict[str, access_pb2.Access | None]):
    """A service with one method per entry, each with that access option (None: no option)."""
    file = descriptor_pb2.FileDescriptorProto(name=f"probe_{id(options)}.proto", package=f"probe{id(options)}",
                                              syntax="proto3", dependency=["jobmate/common/v1/access.proto"])
    file.message_type.add(name="Empty")
    svc = file.service.add(name="Probe")
    for name, option in options.items():
        method = svc.method.add(name=name, input_type=f".{file.package}.Empty", output_type=f".{file.package}.Empty")
        if option is not None:
            method.options.Extensions[access_pb2.access].CopyFrom(option)
            method.options.Extensions[access_pb2.access].SetInParent()
    pool = descriptor_pool.Default()
    pool.Add(file)
    return pool.FindServiceByName(f"{file.package}.Probe")


def test_each_form_of_the_option_and_its_absence() -> None:
    probe = probe_service({
        "Open": access_pb2.Access(public=True),
        "Mine": access_pb2.Access(user=True),
        "Internal": access_pb2.Access(service_scope="probe.write"),
        "Either": access_pb2.Access(user=True, service_scope="probe.read"),
        "Unmarked": None,
    })
    policy = access_policy([probe])
    path = f"/{probe.full_name}/"
    assert policy == {path + "Open": Access(public=True, user=False), path + "Mine": USER,
                      path + "Internal": service("probe.write"), path + "Either": user_or_service("probe.read"),
                      path + "Unmarked": USER}  # no option: user tokens only, never public or a service
    assert policy[path + "Open"] == PUBLIC


def test_an_option_that_admits_nobody_is_refused_at_start() -> None:
    probe = probe_service({"Nobody": access_pb2.Access()})
    with pytest.raises(ValueError, match="admits nobody"):
        access_policy([probe])


def test_the_profile_contract_carries_its_policy() -> None:
    methods = profile_pb2.DESCRIPTOR.services_by_name["ProfileService"].methods_by_name
    assert access_of(methods["Register"]) == PUBLIC
    assert access_of(methods["GetProfile"]) == Access(user_scope="profile:read")
    assert access_of(methods["BatchGetProfiles"]) == service("profile.read")
    assert access_of(methods["DownloadCv"]) == Access(service_scope="profile.cv.read", user_scope="profile:read")
    assert access_of(methods["CreatePersonalAccessToken"]) == Access(session_only=True)
    assert access_of(methods["ExchangePersonalAccessToken"]) == service("profile.pat.exchange")


def test_a_user_scope_outside_the_vocabulary_is_refused_at_start() -> None:
    probe = probe_service({"Typo": access_pb2.Access(user=True, user_scope="feeds:read")})
    with pytest.raises(ValueError, match="unknown user_scope 'feeds:read'"):
        access_policy([probe])


def test_every_user_method_of_the_contracts_says_what_a_personal_access_token_needs() -> None:
    """Not required (a method without a scope is simply closed to personal access tokens), but every
    user method of this release chose: the tools an agent uses must not be closed by omission."""
    from jobmate.discovery.v1 import discovery_pb2
    from jobmate.tracker.v1 import tracker_pb2

    services = [profile_pb2.DESCRIPTOR.services_by_name["ProfileService"],
                tracker_pb2.DESCRIPTOR.services_by_name["TrackerService"],
                discovery_pb2.DESCRIPTOR.services_by_name["DiscoveryService"]]
    undecided = [path for path, access in access_policy(services).items()
                 if access.user and not (access.user_scope or access.session_only)]
    assert undecided == []


def test_write_scopes_include_their_read_scope_and_the_inbox_includes_the_searches() -> None:
    from common.auth import Identity, TokenKind, expand_scopes

    assert expand_scopes({"feed:write"}) == {"feed:write", "feed:read", "searches:read"}
    assert expand_scopes({"applications:write"}) == {"applications:write", "applications:read"}
    pat = Identity(TokenKind.USER, "u1", scopes=frozenset({"applications:read"}), token_id="t1")
    assert pat.allows("applications:read") and not pat.allows("applications:write")
    assert Identity(TokenKind.USER, "u1").allows("applications:write")  # a password sign-in may do all
