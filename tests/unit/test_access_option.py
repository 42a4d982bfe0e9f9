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
    assert access_of(methods["GetProfile"]) == USER
    assert access_of(methods["BatchGetProfiles"]) == service("profile.read")
    assert access_of(methods["DownloadCv"]) == user_or_service("profile.cv.read")
