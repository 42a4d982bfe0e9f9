"""gRPC clients: one long-lived channel per downstream service, a deadline on every call, retries on
UNAVAILABLE through the channel's service config, and credentials attached automatically:

- inside a call handled for a user, that user's token is forwarded (from `current_identity`);
- otherwise, or for internal-only methods, the process's `ServiceTokenProvider` signs a service token;
- the current request id travels as `x-request-id` so logs across services line up.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import grpc

from common.auth import ServiceTokenProvider, TokenKind, current_identity
from common.log import request_id_var

# round_robin spreads calls over every address a (headless) service name resolves to; the default
# pick_first would pin each caller to one replica.
_RETRY_SERVICE_CONFIG = json.dumps({
    "loadBalancingConfig": [{"round_robin": {}}],
    "methodConfig": [{
        "name": [{}],
        "retryPolicy": {
            "maxAttempts": 4,
            "initialBackoff": "0.1s",
            "maxBackoff": "1s",
            "backoffMultiplier": 2,
            "retryableStatusCodes": ["UNAVAILABLE"],
        },
    }],
})


class CredentialMode:
    FORWARD_OR_SERVICE = "forward_or_service"  # the user's token when there is one, else a service token
    SERVICE = "service"  # always the service token (internal RPCs)


class _DefaultsInterceptor(grpc.aio.UnaryUnaryClientInterceptor, grpc.aio.UnaryStreamClientInterceptor,
                           grpc.aio.StreamUnaryClientInterceptor, grpc.aio.StreamStreamClientInterceptor):
    def __init__(self, default_timeout_s: float, token_for_call: Callable[[], str | None]) -> None:
        self._timeout = default_timeout_s
        self._token_for_call = token_for_call

    def _details(self, details: grpc.aio.ClientCallDetails) -> grpc.aio.ClientCallDetails:
        metadata = grpc.aio.Metadata(*(details.metadata or ()))
        if "authorization" not in metadata:
            token = self._token_for_call()
            if token:
                metadata.add("authorization", f"Bearer {token}")
        request_id = request_id_var.get()
        if request_id and "x-request-id" not in metadata:
            metadata.add("x-request-id", request_id)
        timeout = details.timeout if details.timeout is not None else self._timeout
        return grpc.aio.ClientCallDetails(details.method, timeout, metadata, details.credentials,
                                          details.wait_for_ready)

    async def intercept_unary_unary(self, continuation, details, request):
        return await continuation(self._details(details), request)

    async def intercept_unary_stream(self, continuation, details, request):
        return await continuation(self._details(details), request)

    async def intercept_stream_unary(self, continuation, details, request_iterator):
        return await continuation(self._details(details), request_iterator)

    async def intercept_stream_stream(self, continuation, details, request_iterator):
        return await continuation(self._details(details), request_iterator)


def create_channel(target: str, *, default_timeout_s: float = 5.0,
                   service_tokens: ServiceTokenProvider | None = None,
                   mode: str = CredentialMode.FORWARD_OR_SERVICE) -> grpc.aio.Channel:
    def token_for_call() -> str | None:
        if mode == CredentialMode.FORWARD_OR_SERVICE:
            identity = current_identity.get()
            if identity is not None and identity.kind is TokenKind.USER:
                return identity.token
        return service_tokens.token() if service_tokens is not None else None

    return grpc.aio.insecure_channel(
        target,
        options=[("grpc.enable_retries", 1), ("grpc.service_config", _RETRY_SERVICE_CONFIG),
                 ("grpc.max_receive_message_length", 16 * 1024 * 1024),
                 ("grpc.keepalive_time_ms", 30_000),
                 # A channel of its own subchannels: with gRPC's process-wide pool, a new channel to an
                 # address that an earlier channel saw fail inherits that subchannel's reconnect backoff
                 # and fails at once with the stale error (tests that restart services on reused
                 # ports hit it; so does a process reconnecting to a restarted peer).
                 ("grpc.use_local_subchannel_pool", 1)],
        interceptors=[_DefaultsInterceptor(default_timeout_s, token_for_call)],
    )


async def wait_until_ready(channel: grpc.aio.Channel, timeout_s: float) -> bool:
    try:
        # asyncio.timeout, not wait_for, which on Python 3.11 can swallow the cancellation of a shutdown.
        async with asyncio.timeout(timeout_s):
            await channel.channel_ready()
        return True
    except TimeoutError:
        return False
