"""The gRPC server bootstrap every service uses.

- `AuthInterceptor` verifies the bearer token in `authorization` metadata against the method's policy
  and puts the `Identity` in `common.auth.current_identity`. Nothing else (a bare `x-user-id` header,
  say) is ever read as identity. The policy comes from each RPC's `(jobmate.common.v1.access)` option
  in the .proto files (`access_policy`); methods without it need a user token: secure by default.
- `ObservabilityInterceptor` gives each call a request id (from `x-request-id` or new), logs it as JSON,
  and turns `DomainError`s into their status codes; anything unexpected becomes INTERNAL with the
  request id, and the traceback goes to the log, not to the caller.
- `GrpcServer` wires health (NOT_SERVING until the service says it is ready, NOT_SERVING again as soon
  as shutdown starts), reflection, SIGTERM/SIGINT and a graceful stop.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf.descriptor import MethodDescriptor, ServiceDescriptor
from google.protobuf.message import Message
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from common.auth import USER_SCOPES, Identity, InvalidToken, TokenKind, TokenVerifier, current_identity
from common.db import is_connection_lost
from common.errors import DomainError
from common.log import new_request_id, request_id_var
from jobmate.common.v1 import access_pb2

log = logging.getLogger(__name__)


# --- per-method access policy -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Access:
    """Who may call a method. `user`: a user token (one exchanged for a personal access token only with
    `user_scope` among its scopes, and never for a `session_only` method); `service_scope`: a service
    token with that scope."""

    public: bool = False
    user: bool = True
    service_scope: str | None = None
    user_scope: str | None = None
    session_only: bool = False


PUBLIC = Access(public=True, user=False)
USER = Access()


def service(scope: str) -> Access:
    return Access(user=False, service_scope=scope)


def user_or_service(scope: str) -> Access:
    return Access(user=True, service_scope=scope)


def access_of(method: MethodDescriptor) -> Access:
    """The method's `(jobmate.common.v1.access)` option; USER when it has none."""
    options = method.GetOptions()
    if not options.HasExtension(access_pb2.access):
        return USER
    option = options.Extensions[access_pb2.access]
    access = Access(public=option.public, user=option.user, service_scope=option.service_scope or None,
                    user_scope=option.user_scope or None, session_only=option.session_only)
    if not (access.public or access.user or access.service_scope):
        raise ValueError(f"{method.full_name}: its access option admits nobody (set public, user or service_scope)")
    if access.user_scope and access.user_scope not in USER_SCOPES:
        raise ValueError(f"{method.full_name}: unknown user_scope {access.user_scope!r} (see common.auth.USER_SCOPES)")
    return access


def access_policy(services: Iterable[ServiceDescriptor]) -> dict[str, Access]:
    """Method path -> Access for every RPC of the services, from their descriptors."""
    return {method_path(service.full_name, method.name): access_of(method)
            for service in services for method in service.methods}


_ALWAYS_PUBLIC_PREFIXES = ("/grpc.health.v1.Health/", "/grpc.reflection.")


def _wrap(handler: grpc.RpcMethodHandler, before: Callable[..., Awaitable[None]],
          guard: Callable[[grpc.aio.ServicerContext, Callable[[], Awaitable]], Awaitable]) -> grpc.RpcMethodHandler:
    """Return a handler of the same kind that runs `before` then the original inside `guard`."""
    if handler.unary_unary:
        inner = handler.unary_unary

        async def unary_unary(request, context):
            await before(context, request)
            return await guard(context, lambda: inner(request, context))

        return grpc.unary_unary_rpc_method_handler(unary_unary, handler.request_deserializer,
                                                   handler.response_serializer)
    if handler.stream_unary:
        inner_su = handler.stream_unary

        async def stream_unary(request_iterator, context):
            await before(context)
            return await guard(context, lambda: inner_su(request_iterator, context))

        return grpc.stream_unary_rpc_method_handler(stream_unary, handler.request_deserializer,
                                                    handler.response_serializer)
    inner_stream = handler.unary_stream or handler.stream_stream

    async def streaming(request, context):
        await before(context, request if handler.unary_stream else None)
        try:
            async for item in inner_stream(request, context):
                yield item
        except DomainError as exc:
            await context.abort(exc.code, exc.message)

    factory = grpc.unary_stream_rpc_method_handler if handler.unary_stream else grpc.stream_stream_rpc_method_handler
    return factory(streaming, handler.request_deserializer, handler.response_serializer)


async def _call(call):
    """Generated base servicers are plain functions that raise NotImplementedError; ours are async."""
    result = call()
    return await result if inspect.isawaitable(result) else result


async def _no_guard(context, call):
    return await _call(call)


def find_nul_text(message: Message, prefix: str = "") -> str | None:
    """The path of the first string field holding a NUL character, if any.

    PostgreSQL cannot store NUL in text or jsonb, so such input would fail deep in a repository as an
    internal error; refusing it at the edge gives the caller a clear INVALID_ARGUMENT instead.
    """
    for field, value in message.ListFields():
        name = f"{prefix}{field.name}"
        repeated = field.is_repeated
        if field.type == field.TYPE_STRING:
            values = value if repeated else [value]
            if field.message_type is None and any("\x00" in v for v in values):
                return name
        elif field.type == field.TYPE_MESSAGE:
            if field.message_type.GetOptions().map_entry:
                for key, item in value.items():
                    if "\x00" in str(key) or (isinstance(item, str) and "\x00" in item):
                        return f"{name}[{key!r}]"
                    if isinstance(item, Message) and (found := find_nul_text(item, f"{name}[{key!r}].")):
                        return found
            else:
                items = value if repeated else [value]
                for index, item in enumerate(items):
                    label = f"{name}[{index}]." if repeated else f"{name}."
                    if found := find_nul_text(item, label):
                        return found
    return None


def method_path(service_full_name: str, method: str) -> str:
    return f"/{service_full_name}/{method}"


# Why a call is refused: (status code, message), or (status code, message, the missing user scope).
Refusal = tuple[Any, ...]


class AuthInterceptor(grpc.aio.ServerInterceptor):
    def __init__(self, verifier: TokenVerifier, policy: dict[str, Access]) -> None:
        self._verifier = verifier
        self._policy = policy

    async def intercept_service(self, continuation, handler_call_details):
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or method.startswith(_ALWAYS_PUBLIC_PREFIXES):
            return handler
        access = self._policy.get(method, USER)
        metadata = dict(handler_call_details.invocation_metadata or ())
        authorization = metadata.get("authorization", "")

        async def authenticate(context: grpc.aio.ServicerContext, request: Any = None) -> None:
            identity = self._check(access, authorization)
            if isinstance(identity, tuple):
                code, message, *missing = identity
                # A missing scope is named in the trailing metadata too, for the gateway to pass on.
                await context.abort(code, message,
                                    trailing_metadata=(("x-missing-scope", missing[0]),) if missing else ())
            current_identity.set(identity)

        return _wrap(handler, authenticate, _no_guard)

    def _check(self, access: Access, authorization: str) -> Identity | None | Refusal:
        if access.public:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return grpc.StatusCode.UNAUTHENTICATED, "missing bearer token"
        try:
            identity = self._verifier.verify(token.strip())
        except InvalidToken as exc:
            return grpc.StatusCode.UNAUTHENTICATED, f"invalid token: {exc}"
        if identity.kind is TokenKind.USER:
            if not access.user:
                return grpc.StatusCode.PERMISSION_DENIED, "this method is for internal services only"
            return self._check_personal_token(access, identity) if identity.from_personal_access_token else identity
        if access.service_scope and identity.has_scope(access.service_scope):
            return identity
        if access.service_scope:
            return grpc.StatusCode.PERMISSION_DENIED, f"service token lacks scope {access.service_scope}"
        return grpc.StatusCode.PERMISSION_DENIED, "this method needs a user token"


    @staticmethod
    def _check_personal_token(access: Access, identity: Identity) -> Identity | Refusal:
        if access.session_only:
            return (grpc.StatusCode.PERMISSION_DENIED,
                    "a personal access token cannot do this; sign in with your password")
        if access.user_scope is None:
            return grpc.StatusCode.PERMISSION_DENIED, "this method is not available to personal access tokens"
        if not identity.allows(access.user_scope):
            return (grpc.StatusCode.PERMISSION_DENIED, f"this token lacks the scope {access.user_scope}",
                    access.user_scope)
        return identity


class ObservabilityInterceptor(grpc.aio.ServerInterceptor):
    async def intercept_service(self, continuation, handler_call_details):
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        method = handler_call_details.method
        metadata = dict(handler_call_details.invocation_metadata or ())
        request_id = metadata.get("x-request-id") or new_request_id()

        async def start(context: grpc.aio.ServicerContext, request: Any = None) -> None:
            request_id_var.set(request_id)

        async def guard(context: grpc.aio.ServicerContext, call):
            started = time.perf_counter()
            code = "OK"
            try:
                return await _call(call)
            except NotImplementedError:
                code = "UNIMPLEMENTED"
                await context.abort(grpc.StatusCode.UNIMPLEMENTED, f"{method} is not implemented yet")
            except DomainError as exc:
                code = exc.code.name
                await context.abort(exc.code, exc.message)
            except asyncio.CancelledError:
                code = "CANCELLED"
                raise
            except Exception as exc:
                if isinstance(exc, grpc.aio.AbortError) or type(exc).__name__ == "AbortError":
                    code = (context.code() or grpc.StatusCode.UNKNOWN).name
                    raise
                if is_connection_lost(exc):
                    # A dropped database connection is transient: UNAVAILABLE tells the caller to retry
                    # (the pool reconnects), where INTERNAL would tell it to give up.
                    code = "UNAVAILABLE"
                    log.warning("database connection lost during a call", extra={"method": method,
                                                                                  "error": repr(exc)})
                    await context.abort(grpc.StatusCode.UNAVAILABLE,
                                        f"temporarily unavailable, try again (request id {request_id})")
                code = "INTERNAL"
                log.exception("unhandled error", extra={"method": method})
                await context.abort(grpc.StatusCode.INTERNAL, f"internal error (request id {request_id})")
            finally:
                if not method.startswith("/grpc.health.v1.Health/"):
                    log.info("rpc", extra={"method": method, "code": code,
                                           "duration_ms": round((time.perf_counter() - started) * 1000, 2)})

        return _wrap(handler, start, guard)


class InputGuardInterceptor(grpc.aio.ServerInterceptor):
    """Refuses, after authentication, request text that no service could store (see find_nul_text)."""

    async def intercept_service(self, continuation, handler_call_details):
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler

        async def check(context: grpc.aio.ServicerContext, request: Any = None) -> None:
            if isinstance(request, Message) and (path := find_nul_text(request)):
                await context.abort(grpc.StatusCode.INVALID_ARGUMENT,
                                    f"{path} contains a NUL character, which is not allowed in text")

        return _wrap(handler, check, _no_guard)


# --- the server ----------------------------------------------------------------------------------------
Registrar = Callable[[grpc.aio.Server], None]


class GrpcServer:
    """Build, start, mark ready, wait for a signal, stop gracefully.

    Usage in a service's server.py:
        server = GrpcServer("profile_service", verifier, policy, [ProfileService.full_name])
        add_ProfileServiceServicer_to_server(servicer, server.server)
        port = await server.start(port)
        ...open pools, channels...; await server.set_serving()
        ...on SIGTERM: await server.stop(grace, drain)
    (common.service.ServiceRuntime does all of this for the services.)
    """

    def __init__(self, name: str, verifier: TokenVerifier, policy: dict[str, Access],
                 service_names: Iterable[str], *, interceptors: Iterable[grpc.aio.ServerInterceptor] = (),
                 max_message_bytes: int = 16 * 1024 * 1024) -> None:
        self.name = name
        self.service_names = list(service_names)
        self.server = grpc.aio.server(
            interceptors=[ObservabilityInterceptor(), AuthInterceptor(verifier, policy), InputGuardInterceptor(),
                          *interceptors],
            options=[("grpc.max_receive_message_length", max_message_bytes),
                     ("grpc.max_send_message_length", max_message_bytes),
                     ("grpc.so_reuseport", 0)])
        self.health = health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)

    async def start(self, port: int, host: str = "[::]") -> int:
        """Bind and start serving with health NOT_SERVING; returns the bound port (port 0 picks one)."""
        reflection.enable_server_reflection(
            [*self.service_names, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name,
             reflection.SERVICE_NAME], self.server)
        bound = self.server.add_insecure_port(f"{host}:{port}")
        if bound == 0:
            raise RuntimeError(f"{self.name}: could not bind port {port}")
        for service_name in ("", *self.service_names):
            await self.health.set(service_name, health_pb2.HealthCheckResponse.NOT_SERVING)
        await self.server.start()
        log.info("grpc server listening", extra={"port": bound})
        return bound

    async def set_serving(self) -> None:
        for service_name in ("", *self.service_names):
            await self.health.set(service_name, health_pb2.HealthCheckResponse.SERVING)
        log.info("serving")

    async def stop(self, grace_s: float, drain_s: float = 0.0) -> None:
        """NOT_SERVING first, and keep answering for `drain_s` so health checkers and load balancers
        see it and stop routing here; then refuse new calls and let in-flight ones finish within the grace."""
        await self.health.enter_graceful_shutdown()
        log.info("shutting down", extra={"grace_s": grace_s, "drain_s": drain_s})
        if drain_s > 0:
            await asyncio.sleep(drain_s)
        await self.server.stop(grace_s)
