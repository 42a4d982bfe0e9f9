"""The MCP server at /mcp, driven by the official SDK's own client over streamable HTTP against the real
mesh (services, the ai_coach worker and the gateway in-process, real PostgreSQL and Redis): the tools
are listed with their schemas and hints, and an agent works the funnel with a personal access token.
Scopes, revocation and other users' ids are refused as a user would see; the stdio bridge
(`python -m gateway.mcp`, started as an agent starts it) answers tools/list."""

from __future__ import annotations

import asyncio
import os
import re
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import httpx
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from mcp.shared.exceptions import MCPError

from ai_coach.settings import AiCoachSettings
from ai_coach.worker import Worker, run_worker
from common.settings import REPO_ROOT
from devtools.gateway import RunningGateway
from gateway.config import GatewaySettings
from tests.fakes.boards import FakeBoard
from tests.helpers import wait_for
from tests.integration.test_discovery_add_and_ingest import job_page
from tests.integration.test_discovery_runs import greenhouse_job
from tests.integration.test_gateway import data
from tests.integration.test_gateway_access_tokens import create_token

TOOLS = {"list_inbox", "get_posting", "approve_posting", "reject_posting", "add_posting_by_url",
         "add_posting_manually", "list_applications", "get_application", "move_card", "add_note", "set_follow_up",
         "funnel_stats", "list_saved_searches", "run_saved_search"}
POSTING = ("About the role\nWe build logistics software.\nRequirements:\n- 3+ years of Python\n- PostgreSQL\n"
           "- Docker and Kubernetes\nNice to have: Terraform")
FUNNEL_SCOPES = ["feed:write", "applications:write", "profile:read"]


@pytest.fixture
def board() -> Iterator[FakeBoard]:
    """A job board and a company's careers page, on loopback."""
    with FakeBoard() as fake:
        yield fake


@pytest.fixture
async def gateway(services, board: FakeBoard) -> AsyncIterator[RunningGateway]:
    for name in ("profile_service", "discovery_service", "tracker_service"):
        await services.start(name, outbox_poll_interval_s=0.1, discovery_tick_interval_s=3600,
                             discovery_scheduler_enabled=False, allow_loopback_fetch=True,
                             source_base_url_overrides={"greenhouse": board.base_url},
                             discovery_fetch_per_host_interval_s=0.01)
    worker = Worker(services.settings(AiCoachSettings))
    stop = asyncio.Event()
    task = asyncio.create_task(run_worker(worker, stop))
    await wait_for(worker.subscription.connected.is_set)
    try:
        async with RunningGateway(services.settings(), GatewaySettings(pat_cache_s=0.5)) as running:
            yield running
    finally:
        stop.set()
        await task
        await worker.close()


@asynccontextmanager
async def agent(gateway: RunningGateway, token: str) -> AsyncIterator[Client]:
    """The SDK's client on the gateway's /mcp, authenticated as an MCP client config would do it."""
    http = create_mcp_http_client(headers={"Authorization": f"Bearer {token}"})
    async with http, Client(streamable_http_client(f"{gateway.base_url}/mcp", http_client=http)) as client:
        yield client


async def call(client: Client, tool: str, **arguments) -> str:
    result = await client.call_tool(tool, arguments)
    text = "\n".join(item.text for item in result.content)
    assert not result.is_error, text
    return text


async def refused(client: Client, tool: str, **arguments) -> str:
    result = await client.call_tool(tool, arguments)
    assert result.is_error
    return "\n".join(item.text for item in result.content)


async def signed_up(gateway: RunningGateway) -> str:
    """A new user with a profile to analyse postings against; returns their session token."""
    reply = data(await gateway.graphql(
        "mutation($e: String!) { register(email: $e, password: \"correct horse battery staple\", fullName: \"Ada\") "
        "{ accessToken } }", {"e": f"ada-{uuid.uuid4().hex[:8]}@example.org"}))
    session = reply["register"]["accessToken"]
    data(await gateway.graphql(
        "mutation($i: ProfileInput!) { updateProfile(input: $i) { headline } }",
        {"i": {"headline": "Backend engineer", "skills": [{"name": "Python", "years": 5}, {"name": "PostgreSQL"},
                                                          {"name": "Docker"}],
               "experience": [{"title": "Backend engineer", "company": "Initech", "start": "2019-01",
                               "end": "present", "description": "Python services on PostgreSQL"}]}},
        token=session))
    return session


def first_id(text: str, after: str) -> str:
    match = re.search(after + r"\s*([0-9a-f-]{36})", text)
    assert match, text
    return match.group(1)


async def test_an_agent_lists_the_tools_and_works_the_funnel(gateway: RunningGateway) -> None:
    session = await signed_up(gateway)
    token = (await create_token(gateway, session, FUNNEL_SCOPES, name="agent"))["secret"]
    async with agent(gateway, token) as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        assert set(tools) == TOOLS
        assert all(tool.description and tool.input_schema.get("type") == "object" for tool in tools.values())
        assert tools["move_card"].annotations.destructive_hint is True
        assert tools["reject_posting"].annotations.destructive_hint is True
        assert tools["list_inbox"].annotations.read_only_hint is True
        assert "to_status" in tools["move_card"].input_schema["required"]
        assert "applications:write" in tools["move_card"].description

        added = await call(client, "add_posting_manually", company="Acme Logistics", title="Backend Engineer (Python)",
                           location="Berlin", description=POSTING)
        job_id = first_id(added, "added:")
        inbox = await call(client, "list_inbox")
        assert f"- {job_id} | Backend Engineer (Python) | Acme Logistics | Berlin" in inbox
        by_fit = await call(client, "list_inbox", sort="FIT")
        assert re.search(rf"- {job_id} \| Backend Engineer \(Python\) .*\| fit (not scored yet|\d+)", by_fit), by_fit
        assert "Docker and Kubernetes" in await call(client, "get_posting", id=job_id)

        approved = await call(client, "approve_posting", id=job_id)
        app_id = first_id(approved, "application")

        async def analysed() -> str | None:
            text = await call(client, "get_application", id=app_id)
            return text if "score:" in text or "analysis failed" in text else None

        application = await wait_for(analysed, timeout_s=60, interval_s=0.3)
        assert re.search(r"score: \d+/100", application), application
        assert "cover letter:" in application and "Kubernetes" in application  # a missing skill
        score = int(re.search(r"score: (\d+)/100", application).group(1))
        assert f"{app_id} | TO_APPLY" in await call(client, "list_applications", min_score=score)
        if score < 100:
            assert "(none)" in await call(client, "list_applications", min_score=score + 1)
        assert "less than or equal to 100" in await refused(client, "list_applications", min_score=101)

        moved = await call(client, "move_card", application_id=app_id, to_status="APPLIED", note="sent by the agent")
        assert f"application {app_id} is now APPLIED" in moved
        await call(client, "add_note", application_id=app_id, text="recruiter is Jane")
        await call(client, "set_follow_up", application_id=app_id, follow_up_at="2030-01-15T09:00:00Z")
        application = await call(client, "get_application", id=app_id)
        assert "recruiter is Jane" in application and "TO_APPLY -> APPLIED: sent by the agent" in application
        assert f"{app_id} | APPLIED | Backend Engineer (Python)" in await call(client, "list_applications",
                                                                                 status="APPLIED")
        assert "APPLIED 1" in await call(client, "funnel_stats")
        profile = await client.read_resource("jobmate://profile")
        assert "headline: Backend engineer" in profile.contents[0].text
        assert [p.name for p in (await client.list_prompts()).prompts] == ["triage_inbox"]
        prompt = await client.get_prompt("triage_inbox", {"max_postings": "5"})
        assert "at most 5 pending postings" in prompt.messages[0].content.text


async def test_an_agent_runs_a_saved_search_and_adds_a_posting_by_its_url(gateway: RunningGateway,
                                                                          board: FakeBoard) -> None:
    session = await signed_up(gateway)
    search = data(await gateway.graphql(
        "mutation($i: SearchConfigInput!) { createSearchConfig(input: $i) { id } }",
        {"i": {"name": "Python jobs", "jobTitles": ["Python Developer"],
               "sources": [{"source": "greenhouse", "params": [{"name": "board_token", "value": "acme"}]}]}},
        token=session))["createSearchConfig"]
    board.add_json("/v1/boards/acme/jobs", {"jobs": [greenhouse_job(1, "Python Developer")]})
    board.add_text("/careers/data-engineer", job_page("<p>Build our data platform.</p>"), content_type="text/html")
    token = (await create_token(gateway, session, ["feed:write", "searches:write"], name="scout"))["secret"]
    async with agent(gateway, token) as client:
        searches = await call(client, "list_saved_searches")
        assert f"- {search['id']} | Python jobs | titles: Python Developer" in searches
        assert "sources: greenhouse" in searches
        assert f"of search {search['id']}" in await call(client, "run_saved_search", search_id=search["id"])

        async def found() -> str | None:
            inbox = await call(client, "list_inbox")
            return inbox if "Python Developer | Acme" in inbox else None

        inbox = await wait_for(found, timeout_s=30, interval_s=0.3)
        found_id = first_id(inbox, "- ")
        assert await call(client, "reject_posting", id=found_id) == f"posting {found_id} is REJECTED"
        assert found_id not in await call(client, "list_inbox")
        assert found_id in await call(client, "list_inbox", status="REJECTED")
        added = await call(client, "add_posting_by_url", url=board.url("/careers/data-engineer"))
        assert "| Data Engineer | Globex | Lyon, FR" in added and "approve_posting(id=" in added
        assert "Build our data platform." in await call(client, "get_posting", id=first_id(added, "added:"))


async def test_scopes_other_users_ids_and_revocation_are_refused(gateway: RunningGateway) -> None:
    session = await signed_up(gateway)
    writer = (await create_token(gateway, session, FUNNEL_SCOPES, name="writer"))
    reader = (await create_token(gateway, session, ["feed:read", "applications:read"], name="reader"))["secret"]
    async with agent(gateway, writer["secret"]) as client:
        job_id = first_id(await call(client, "add_posting_manually", company="Acme", title="Engineer",
                                     description=POSTING), "added:")
        app_id = first_id(await call(client, "approve_posting", id=job_id), "application")

    async with agent(gateway, reader) as client:
        assert app_id in await call(client, "list_applications")
        message = await refused(client, "move_card", application_id=app_id, to_status="APPLIED")
        assert message == "Error executing tool move_card: FORBIDDEN: this token lacks the scope applications:write"
        assert "feed:write" in await refused(client, "approve_posting", id=job_id)
        assert "searches:write" in await refused(client, "run_saved_search", search_id=str(uuid.uuid4()))
        with pytest.raises(MCPError, match="lacks the scope profile:read"):
            await client.read_resource("jobmate://profile")

    other = await signed_up(gateway)
    stranger = (await create_token(gateway, other, FUNNEL_SCOPES, name="other"))["secret"]
    async with agent(gateway, stranger) as client:
        assert (await refused(client, "get_application", id=app_id)).split(": ", 1)[1].startswith("NOT_FOUND: ")
        assert (await refused(client, "move_card", application_id=app_id, to_status="APPLIED")).split(": ", 1)[1].startswith("NOT_FOUND: ")
        assert (await refused(client, "get_posting", id=job_id)).split(": ", 1)[1].startswith("NOT_FOUND: ")
        assert (await refused(client, "approve_posting", id=job_id)).split(": ", 1)[1].startswith("NOT_FOUND: ")

    data(await gateway.graphql("mutation($id: ID!) { revokeAccessToken(id: $id) }", {"id": writer["token"]["id"]},
                               token=session))
    request = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    headers = {"accept": "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18"}

    async def refused_over_http() -> httpx.Response | None:
        response = await gateway.http.post("/mcp", json=request, headers={
            **headers, "authorization": f"Bearer {writer['secret']}"})
        return response if response.status_code == 401 else None

    response = await wait_for(refused_over_http, timeout_s=20, interval_s=0.2)
    assert "not valid (unknown or revoked)" in response.json()["error"]
    assert response.headers["www-authenticate"].startswith("Bearer")
    anonymous = await gateway.http.post("/mcp", json=request, headers=headers)
    assert anonymous.status_code == 401 and "jm_pat_" in anonymous.json()["error"]


async def test_the_stdio_entry_point_answers_tools_list(gateway: RunningGateway) -> None:
    session = await signed_up(gateway)
    token = (await create_token(gateway, session, ["feed:read"], name="local agent"))["secret"]
    # As an MCP client configuration starts it: a command, and the token and URL in its environment.
    params = StdioServerParameters(command=sys.executable, args=["-m", "gateway.mcp"], cwd=str(REPO_ROOT),
                                   env={**os.environ, "JOBMATE_TOKEN": token, "JOBMATE_URL": gateway.base_url})
    async with Client(params) as client:
        assert {tool.name for tool in (await client.list_tools()).tools} == TOOLS
        assert "(none)" in await call(client, "list_inbox")
        assert "applications:read" in await refused(client, "funnel_stats")
        assert "NOT_FOUND" in await refused(client, "get_posting", id=str(uuid.uuid4()))
        assert [p.name for p in (await client.list_prompts()).prompts] == ["triage_inbox"]
        assert (await client.list_resources()).resources[0].uri == "jobmate://profile"
