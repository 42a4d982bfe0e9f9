"""`python -m gateway.mcp`: JobMate's MCP tools over stdio, for agents that start a local command.

It is a bridge, not a second server: every message goes to the gateway's `/mcp` endpoint (streamable
HTTP) with the personal access token from JOBMATE_TOKEN, so the tools, scopes and answers are exactly
the gateway's. JOBMATE_URL is the gateway's base URL (default http://localhost:4000).
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.server import Server
from mcp.server.stdio import stdio_server
from mcp.shared._httpx_utils import create_mcp_http_client

DEFAULT_URL = "http://localhost:4000"


def endpoint(base_url: str) -> str:
    return base_url.rstrip("/") + "/mcp"


def bridge(remote: Client) -> Server[Any]:
    """A stdio server whose every answer is the remote's."""

    async def list_tools(ctx: Any, params: Any) -> Any:
        return await remote.list_tools(cursor=params.cursor if params else None, cache_mode="bypass")

    async def call_tool(ctx: Any, params: Any) -> Any:
        return await remote.call_tool(params.name, params.arguments or {})

    async def list_resources(ctx: Any, params: Any) -> Any:
        return await remote.list_resources(cursor=params.cursor if params else None, cache_mode="bypass")

    async def read_resource(ctx: Any, params: Any) -> Any:
        return await remote.read_resource(str(params.uri), cache_mode="bypass")

    async def list_prompts(ctx: Any, params: Any) -> Any:
        return await remote.list_prompts(cursor=params.cursor if params else None, cache_mode="bypass")

    async def get_prompt(ctx: Any, params: Any) -> Any:
        return await remote.get_prompt(params.name, params.arguments)

    return Server("jobmate", instructions=remote.instructions, on_list_tools=list_tools, on_call_tool=call_tool,
                  on_list_resources=list_resources, on_read_resource=read_resource, on_list_prompts=list_prompts,
                  on_get_prompt=get_prompt)


async def serve(token: str, base_url: str) -> None:
    http = create_mcp_http_client(headers={"Authorization": f"Bearer {token}"})
    async with http, Client(streamable_http_client(endpoint(base_url), http_client=http)) as remote:
        server = bridge(remote)
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())


def main() -> int:
    token = os.environ.get("JOBMATE_TOKEN", "").strip()
    if not token:
        print("set JOBMATE_TOKEN to a personal access token (jm_pat_…; createAccessToken in the API)",
              file=sys.stderr)
        return 2
    base_url = os.environ.get("JOBMATE_URL", DEFAULT_URL)
    try:
        asyncio.run(serve(token, base_url))
    except KeyboardInterrupt:
        return 0
    except Exception as exc:  # the agent shows stderr: say what went wrong in one line
        print(f"jobmate MCP bridge to {endpoint(base_url)} stopped: {exc!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
