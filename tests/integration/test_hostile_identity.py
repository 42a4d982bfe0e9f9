"""Every RPC of every service refuses callers who have not proven who they are.

The methods and their access come from the service descriptors (each RPC's (jobmate.common.v1.access)
option, which the servers read too), so a method added later is covered without touching this test: no token, a forged `x-user-id`, an expired token, a token signed by
another key, a service token where a user token is needed and a user token where a service token is
needed are all refused before any handler runs.
"""

from __future__ import annotations

import importlib
import time

import grpc
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.auth import TokenKind, TokenSigner
from common.grpc_server import access_of, method_path
from jobmate.common.v1 import access_pb2
from tests.helpers import bearer, service_token, user_token

SERVICES = ["profile_service", "tracker_service", "discovery_service"]


def methods_of(name: str):
    """(path, access, client_streaming) for every RPC of the service the server serves."""
    descriptor = importlib.import_module(f"{name}.server").SERVICE
    for method in descriptor.methods:
        yield method_path(descriptor.full_name, method.name), access_of(method), method.client_streaming


@pytest.mark.parametrize("name", SERVICES)
def test_every_rpc_states_who_may_call_it(name) -> None:
    """Without the option a method would take user tokens only (fail-closed); stating it on every RPC
    means each new method's policy is a decision, not a default."""
    descriptor = importlib.import_module(f"{name}.server").SERVICE
    missing = [m.name for m in descriptor.methods if not m.GetOptions().HasExtension(access_pb2.access)]
    assert not missing, f"RPCs of {descriptor.full_name} without (jobmate.common.v1.access): {missing}"


async def invoke(channel: grpc.aio.Channel, path: str, client_streaming: bool, metadata) -> grpc.StatusCode:
    """Call with an empty request (valid bytes for any proto3 message) and return the status code."""
    try:
        if client_streaming:
            async def requests():
                yield b""
            await channel.stream_unary(path)(requests(), metadata=metadata, timeout=5)
        else:
            await channel.unary_unary(path)(b"", metadata=metadata, timeout=5)
    except grpc.aio.AioRpcError as exc:
        return exc.code()
    return grpc.StatusCode.OK


@pytest.mark.parametrize("name", SERVICES)
async def test_every_rpc_refuses_unproven_callers(services, name) -> None:
    await services.start(name)
    expired = user_token("user-a", ttl_s=60, now=time.time() - 3600)
    foreign = TokenSigner(TokenKind.USER, Ed25519PrivateKey.generate(), issuer="jobmate").sign("user-a", ttl_s=60)[0]
    unscoped_service = service_token("intruder", set())
    checked = 0
    async with grpc.aio.insecure_channel(services.address(name)) as channel:
        for path, access, streaming in methods_of(name):
            if access.public:
                continue
            checked += 1
            for label, metadata in [("no token", []), ("forged x-user-id", [("x-user-id", "user-a")]),
                                    ("expired", bearer(expired)), ("foreign key", bearer(foreign))]:
                code = await invoke(channel, path, streaming, metadata)
                assert code == grpc.StatusCode.UNAUTHENTICATED, f"{path} with {label}: {code}"
            code = await invoke(channel, path, streaming, bearer(unscoped_service))
            assert code == grpc.StatusCode.PERMISSION_DENIED, f"{path} with an unscoped service token: {code}"
            if not access.user:
                code = await invoke(channel, path, streaming, bearer(user_token("user-a")))
                assert code == grpc.StatusCode.PERMISSION_DENIED, f"internal {path} with a user token: {code}"
    assert checked > 5, "the descriptors list the service's RPCs"
