"""The MCP server mounted at `/mcp`: streamable HTTP, stateless, JSON responses (no session to keep, so any
replica answers any request), authenticated by the request's Bearer token (a personal access token,
exchanged by `caller.py` like on every route; a request without a valid one is 401 before MCP sees it).

Tools are `tools.TOOLS`; the profile is a resource, and `triage_inbox` a prompt that strings the tools
together for the most common job. Each tool checks its scope first (a clear refusal
naming it), then runs a GraphQL operation of this gateway as the caller, so the services check it again.
DNS-rebinding protection (a Host/Origin allow-list) is off: it guards servers that trust ambient
credentials, and this one takes only an Authorization header that a rebinding page cannot send.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError
from mcp.server.streamable_http_manager import StreamableHTTPASGIApp, StreamableHTTPSessionManager
from mcp.server.transport_security import TransportSecuritySettings
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send
from strawberry import Schema

from gateway.caller import Caller
from gateway.mcp.mesh import Mesh, ToolRefused, bind_request
from gateway.mcp.tools import TOOLS

INSTRUCTIONS = (
    "JobMate is the user's job search: an inbox of postings found by their saved searches, and a board of "
    "applications. Work the funnel: list_inbox, get_posting, approve_posting (this starts an analysis "
    "against the CV), get_application to read the analysis and cover letter once ready, move_card as things "
    "happen, add_note and set_follow_up. Ids come first on every line. The profile is the resource "
    "jobmate://profile."
)

PROFILE_QUERY = """{ myProfile { fullName headline summary desiredLocations remotePreference salaryExpectation
    salaryCurrency skills { name level years } experience { title company start end }
    languages { name level } } }"""


def _profile_text(profile: dict) -> str:
    lines = [f"name: {profile['fullName']}", f"headline: {profile['headline']}", f"summary: {profile['summary']}",
             f"wants: {', '.join(profile['desiredLocations']) or 'anywhere'}, "
             f"{str(profile.get('remotePreference') or 'any arrangement').lower()}"
             + (f", {profile['salaryExpectation']:,.0f} {profile['salaryCurrency']}/year"
                if profile.get("salaryExpectation") else ""),
             "skills: " + (", ".join(s["name"] + (f" ({s['level']})" if s["level"] else "") for s in profile["skills"])
                           or "-"),
             "languages: " + (", ".join(f"{x['name']} {x['level']}".strip() for x in profile["languages"]) or "-"),
             "experience:"]
    lines += [f"- {e['title']} at {e['company']} ({e['start'] or '?'} - {e['end'] or '?'})" for e in profile["experience"]]
    return "\n".join(lines)


def build_server(schema: Schema) -> MCPServer:
    mesh = Mesh(schema)
    server = MCPServer("jobmate", instructions=INSTRUCTIONS, middleware=[bind_request])
    for spec in TOOLS:
        server.add_tool(spec.make(mesh), name=spec.name, annotations=spec.annotations, structured_output=False,
                        description=f"{spec.description} Needs the token scope {spec.scope}.")

    @server.resource("jobmate://profile", name="profile", mime_type="text/plain",
                     description="The user's profile: headline, summary, skills, experience, what they look for "
                                 "(scope profile:read).")
    async def profile() -> str:
        try:
            data = await mesh.run("profile:read", PROFILE_QUERY)
        except ToolRefused as exc:
            raise ResourceError(str(exc)) from exc
        return _profile_text(data["myProfile"])

    @server.prompt(name="triage_inbox", title="Triage my inbox",
                   description="Go through the pending postings with the user's profile in mind: approve the "
                               "ones that fit, reject the ones that do not, and say why.")
    def triage_inbox(max_postings: int = 10) -> str:
        return TRIAGE.format(max_postings=max_postings)

    return server


TRIAGE = (
    "Read my profile (resource jobmate://profile). Then list my inbox (list_inbox) and go through at most "
    "{max_postings} pending postings: read each one (get_posting), compare it with my profile and what I "
    "look for, and propose to approve (approve_posting) the ones that fit and reject (reject_posting) "
    "the clear mismatches, one line of reasoning each. Ask me before rejecting anything you are unsure of. "
    "After approving, the analysis takes a moment: get_application shows the score and the cover letter."
)


@dataclass
class McpEndpoint:
    """The ASGI endpoint for `/mcp` and the session manager the app's lifespan must run."""

    session_manager: StreamableHTTPSessionManager
    _handler: StreamableHTTPASGIApp

    @classmethod
    def create(cls, schema: Schema) -> McpEndpoint:
        server = build_server(schema)
        server.streamable_http_app(  # builds the session manager with these settings
            stateless_http=True, json_response=True,
            transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False))
        return cls(server.session_manager, StreamableHTTPASGIApp(server.session_manager))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        caller: Caller = scope["state"]["caller"]
        if caller.identity is None:
            reason = caller.refusal or "send a personal access token: Authorization: Bearer jm_pat_…"
            await JSONResponse({"error": reason}, status_code=401,
                               headers={"WWW-Authenticate": 'Bearer realm="jobmate"'})(scope, receive, send)
            return
        await self._handler(scope, receive, send)
