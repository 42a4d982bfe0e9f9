"""How failures reach GraphQL clients.

Expected failures carry `extensions.code` (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT,
CONFLICT, UNAVAILABLE, RATE_LIMITED) and a message written for the user. gRPC status codes from the
services are translated here, in one place. Anything else is unexpected: `MaskUnexpectedErrors`
replaces it with a generic message carrying the request id and logs the real error with that id.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Iterator
from typing import Any, TypeVar

import grpc
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from common.log import request_id_var

log = logging.getLogger(__name__)

T = TypeVar("T")


class ErrorCode:
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    CONFLICT = "CONFLICT"
    UNAVAILABLE = "UNAVAILABLE"
    RATE_LIMITED = "RATE_LIMITED"
    INTERNAL = "INTERNAL_SERVER_ERROR"
    VALIDATION = "GRAPHQL_VALIDATION_FAILED"


EXPECTED_CODES = frozenset({ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND,
                            ErrorCode.BAD_USER_INPUT, ErrorCode.CONFLICT, ErrorCode.UNAVAILABLE,
                            ErrorCode.RATE_LIMITED, ErrorCode.VALIDATION})

GRPC_TO_GRAPHQL: dict[grpc.StatusCode, str] = {
    grpc.StatusCode.UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
    grpc.StatusCode.PERMISSION_DENIED: ErrorCode.FORBIDDEN,
    grpc.StatusCode.NOT_FOUND: ErrorCode.NOT_FOUND,
    grpc.StatusCode.INVALID_ARGUMENT: ErrorCode.BAD_USER_INPUT,
    grpc.StatusCode.FAILED_PRECONDITION: ErrorCode.BAD_USER_INPUT,
    grpc.StatusCode.OUT_OF_RANGE: ErrorCode.BAD_USER_INPUT,
    grpc.StatusCode.ALREADY_EXISTS: ErrorCode.CONFLICT,
    grpc.StatusCode.ABORTED: ErrorCode.CONFLICT,
    grpc.StatusCode.UNAVAILABLE: ErrorCode.UNAVAILABLE,
    grpc.StatusCode.DEADLINE_EXCEEDED: ErrorCode.UNAVAILABLE,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ErrorCode.RATE_LIMITED,
}


class ApiError(Exception):
    """An expected failure; graphql-core copies `extensions` onto the GraphQL error it builds from it."""

    def __init__(self, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.extensions: dict[str, Any] = {"code": code, **details}


class DownstreamError(Exception):
    """A service answered with a status the user cannot act on (INTERNAL, UNKNOWN, ...): masked."""


def unauthenticated(message: str = "sign in first: this needs a valid access token") -> ApiError:
    return ApiError(ErrorCode.UNAUTHENTICATED, message)


def bad_input(message: str, **details: Any) -> ApiError:
    return ApiError(ErrorCode.BAD_USER_INPUT, message, **details)


def from_grpc(service: str, exc: grpc.aio.AioRpcError) -> Exception:
    code = GRPC_TO_GRAPHQL.get(exc.code())
    if code is None:
        return DownstreamError(f"{service}: {exc.code().name}: {exc.details()}")
    if code == ErrorCode.UNAVAILABLE:
        log.warning("downstream service %s unavailable: %s", service, exc.details(),
                    extra={"service": service, "grpc_code": exc.code().name, "details": exc.details()})
        return ApiError(code, f"the {service} service is unavailable right now; try again shortly",
                        service=service)
    details: dict[str, Any] = {}
    if code == ErrorCode.FORBIDDEN:
        # A personal access token without the scope the RPC needs: the service names it.
        missing = next((value for key, value in (exc.trailing_metadata() or ()) if key == "x-missing-scope"), None)
        if missing:
            details["missingScope"] = missing
    if code == ErrorCode.RATE_LIMITED:
        retry_after = next((value for key, value in (exc.trailing_metadata() or ()) if key == "retry-after"), None)
        if retry_after:
            details["retryAfterSeconds"] = int(float(retry_after))
    return ApiError(code, exc.details() or code.lower().replace("_", " "), **details)


async def call(service: str, rpc: Awaitable[T]) -> T:
    """Await one gRPC call, turning its failure status into the GraphQL error the client sees."""
    try:
        return await rpc
    except grpc.aio.AioRpcError as exc:
        raise from_grpc(service, exc) from exc


class MaskUnexpectedErrors(SchemaExtension):
    """Keeps expected errors as they are, masks everything else (logged with the request id)."""

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        # Parse and validation failures live in pre_execution_errors (the list the response is built
        # from), execution failures in the result: both lists are rewritten in place.
        result_errors = getattr(context.result, "errors", None) if context.result is not None else None
        seen: set[int] = set()
        for errors in (context.pre_execution_errors, result_errors):
            if errors and id(errors) not in seen:  # after execution both may be the same list
                seen.add(id(errors))
                errors[:] = [self._process(error) for error in errors]

    @staticmethod
    def _process(error: GraphQLError) -> GraphQLError:
        code = (error.extensions or {}).get("code")
        if code in EXPECTED_CODES or code == ErrorCode.INTERNAL:
            return error
        if isinstance(error.original_error, UnicodeEncodeError):
            # Protobuf refuses text with an unpaired surrogate, which GraphQL strings may carry.
            return GraphQLError("text must be valid Unicode (it contains an unpaired surrogate)", nodes=error.nodes,
                                source=error.source, positions=error.positions, path=error.path,
                                extensions={"code": ErrorCode.BAD_USER_INPUT})
        if error.original_error is None:  # syntax, validation, variable coercion, cost limits
            error.extensions = {**(error.extensions or {}), "code": ErrorCode.VALIDATION}
            return error
        request_id = request_id_var.get() or "-"
        log.error("unexpected error in a resolver", exc_info=error.original_error,
                  extra={"path": error.path, "request_id": request_id})
        return GraphQLError(f"unexpected error (request id {request_id})", nodes=error.nodes,
                            source=error.source, positions=error.positions, path=error.path,
                            extensions={"code": ErrorCode.INTERNAL, "requestId": request_id})
