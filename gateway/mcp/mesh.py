"""How a tool reaches the mesh: the gateway's own GraphQL schema, executed in-process as the caller.

The caller is the one `caller.CallerMiddleware` worked out for the HTTP request that carried the MCP
message (a personal access token, exchanged there). The MCP SDK runs handlers in its own tasks, so the
request travels in `bound_request`, set by `bind_request` (an MCP server middleware) for each message.
"""

from __future__ import annotations

import contextvars
from typing import Any

from mcp.server.mcpserver.exceptions import ToolError
from starlette.requests import Request
from starlette.responses import Response
from strawberry import Schema

from common.auth import Identity, current_identity
from common.log import request_id_var
from gateway.caller import caller_of
from gateway.context import GatewayContext
from gateway.errors import ApiError
from gateway.state import state_of

bound_request: contextvars.ContextVar[Request | None] = contextvars.ContextVar("mcp_request", default=None)


class ToolRefused(ToolError):
    """What the agent is told when a call fails: the GraphQL error code and message ("FORBIDDEN: this
    token lacks the scope applications:write")."""


async def bind_request(ctx: Any, call_next: Any) -> Any:
    request = getattr(ctx, "request", None)
    token = bound_request.set(request)
    # The HTTP request's id, so logs and downstream calls line up as for any other request.
    request_id = request_id_var.set(request.scope.get("state", {}).get("request_id") if request else None)
    try:
        return await call_next(ctx)
    finally:
        request_id_var.reset(request_id)
        bound_request.reset(token)


class Mesh:
    def __init__(self, schema: Schema) -> None:
        self._schema = schema

    def identity(self, scope: str) -> Identity:
        """The caller, if it may do what `scope` names; ToolRefused otherwise."""
        request = bound_request.get()
        if request is None:
            raise ToolRefused("UNAUTHENTICATED: no HTTP request carries this call")
        try:
            return caller_of(request).require_scope(scope)
        except ApiError as exc:
            raise ToolRefused(f"{exc.code}: {exc.message}") from exc

    async def run(self, scope: str, document: str, **variables: Any) -> dict[str, Any]:
        """Execute one GraphQL operation as the caller; its data, or ToolRefused with the first error."""
        identity = self.identity(scope)
        request = bound_request.get()
        assert request is not None
        context = GatewayContext(request=request, response=Response(), state=state_of(request),
                                 caller=caller_of(request))
        token = current_identity.set(identity)  # downstream calls forward the caller's access token
        try:
            result = await self._schema.execute(document, variable_values=variables, context_value=context)
        finally:
            current_identity.reset(token)
        if result.errors:
            error = result.errors[0]
            code = (error.extensions or {}).get("code", "ERROR")
            raise ToolRefused(f"{code}: {error.message}")
        assert result.data is not None
        return result.data
