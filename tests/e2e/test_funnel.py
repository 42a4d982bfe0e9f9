"""The whole funnel through GraphQL and SSE, against the five real processes (`make dev`'s mesh), real
PostgreSQL and Redis, and a loopback fake job board:

register → upload a CV → CV_PARSED → save a search → a discovery run on the board → the inbox →
approveJob → ANALYSIS_DONE → move the card to OFFER → history and stats; then a reconnect with
Last-Event-ID gets exactly the missed events, and with the tracker stopped the board fails alone.

`run_funnel` takes the CV bytes, so tests/conformance runs the same funnel with real-world CV files.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from contextlib import suppress
from typing import Any

import httpx
import pytest

from tests.fakes.boards import FakeBoard
from tests.unit.test_cv_pdfs import one_column_cv

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"

BOARD_JOBS = {"jobs": [
    {"id": 101, "title": "Backend Engineer (Python)", "absolute_url": "https://jobs.example.org/acme/101",
     "company_name": "Acme", "location": {"name": "Remote"}, "updated_at": "2025-01-10T09:00:00Z",
     "content": "&lt;p&gt;Build Python and PostgreSQL services with Docker and Kubernetes.&lt;/p&gt;"},
    {"id": 102, "title": "Backend Engineer", "absolute_url": "https://jobs.example.org/acme/102",
     "company_name": "Acme", "location": {"name": "Remote"}, "updated_at": "2025-01-10T09:00:00Z",
     "content": "&lt;p&gt;Unpaid internship writing Python.&lt;/p&gt;"},
]}


class Client:
    """GraphQL and SSE against a running gateway, as a web client would use them."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = httpx.AsyncClient(base_url=base_url, timeout=30)
        self.token: str | None = None

    def headers(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}"} if self.token else {}

    async def gql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables or {}},
                                        headers=self.headers())
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]


class EventLog:
    """An open /events stream, read in the background; frames are (id, data) in arrival order."""

    def __init__(self, client: Client, last_event_id: str | None = None) -> None:
        self.frames: list[tuple[str, dict]] = []
        headers = client.headers()
        if last_event_id:
            headers["last-event-id"] = last_event_id
        self._task = asyncio.create_task(self._read(client, headers))

    async def _read(self, client: Client, headers: dict[str, str]) -> None:
        async with client.http.stream("GET", "/events", headers=headers, timeout=None) as response:
            assert response.status_code == 200
            event_id, data = None, []
            async for line in response.aiter_lines():
                if line == "" and data:
                    self.frames.append((event_id, json.loads("\n".join(data))))
                    event_id, data = None, []
                elif line.startswith("id:"):
                    event_id = line[3:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())

    async def wait_for(self, predicate: Callable[[dict], bool], what: str, timeout_s: float = 60) -> tuple[str, dict]:
        deadline = asyncio.get_running_loop().time() + timeout_s
        while asyncio.get_running_loop().time() < deadline:
            for frame in self.frames:
                if predicate(frame[1]):
                    return frame
            if self._task.done():
                self._task.result()
            await asyncio.sleep(0.1)
        seen = [data["type"] for _, data in self.frames]
        raise AssertionError(f"no {what} event within {timeout_s} s (saw {seen})")

    async def close(self) -> None:
        self._task.cancel()
        with suppress(asyncio.CancelledError, Exception):
            await self._task


async def poll(fetch: Callable[[], Any], until: Callable[[Any], bool], what: str, timeout_s: float = 60) -> Any:
    deadline = asyncio.get_running_loop().time() + timeout_s
    value = None
    while asyncio.get_running_loop().time() < deadline:
        value = await fetch()
        if until(value):
            return value
        await asyncio.sleep(0.3)
    raise AssertionError(f"{what}: still {value!r} after {timeout_s} s")


async def run_funnel(mesh_factory, cv_pdf: bytes, cv_filename: str = "cv.pdf") -> None:
    with FakeBoard() as board:
        board.add_json("/v1/boards/acme/jobs", BOARD_JOBS)
        mesh = mesh_factory({"SOURCE_BASE_URL_OVERRIDES": json.dumps({"greenhouse": board.base_url})})
        mesh.start()
        await asyncio.to_thread(mesh.wait_healthy, 120)  # it runs its own event loop for gRPC checks
        client = Client(f"http://127.0.0.1:{mesh.ports['gateway']}")
        events: EventLog | None = None
        try:
            # 1. Register, and listen.
            auth = await client.gql("mutation($p: String!) { register(email: \"funnel@example.org\", password: $p, "
                                    "fullName: \"Jane Example\") { user { id } accessToken } }", {"p": PASSWORD})
            client.token = auth["register"]["accessToken"]
            user_id = auth["register"]["user"]["id"]
            events = EventLog(client)

            # 2. Upload the CV (GraphQL multipart request); CV_PARSED arrives and the profile is filled.
            operations = {"query": "mutation($f: Upload!) { uploadCV(file: $f) { id parseStatus } }",
                          "variables": {"f": None}}
            upload = await client.http.post(
                "/graphql", headers={**client.headers(), "x-jobmate-csrf": "1"},
                files={"operations": (None, json.dumps(operations)), "map": (None, '{"0": ["variables.f"]}'),
                       "0": (cv_filename, cv_pdf, "application/pdf")})
            assert upload.status_code == 200 and "errors" not in upload.json(), upload.text
            cv = upload.json()["data"]["uploadCV"]
            _, parsed = await events.wait_for(lambda e: e["type"] == "CV_PARSED", "CV_PARSED")
            assert parsed["ok"] is True, f"the CV parse failed: {parsed.get('reason')}"
            assert parsed["cvId"] == cv["id"] and parsed["userId"] == user_id
            profile = await client.gql("{ cvStatus { parseStatus } myProfile { skills { name } } }")
            assert profile["cvStatus"]["parseStatus"] == "DONE"
            assert profile["myProfile"]["skills"], "the parsed CV filled no skills"

            # 3. Save a search and run it against the loopback board.
            config = (await client.gql(
                "mutation($i: SearchConfigInput!) { createSearchConfig(input: $i) { id } }",
                {"i": {"name": "Python backend", "jobTitles": ["Backend Engineer"], "keywords": ["python"],
                       "redFlags": ["unpaid"], "remotePolicy": "ANY",
                       "sources": [{"source": "greenhouse", "params": [{"name": "board_token", "value": "acme"}]}]}},
            ))["createSearchConfig"]
            runs = (await client.gql("mutation($id: ID!) { triggerScan(searchConfigId: $id) { id status } }",
                                     {"id": config["id"]}))["triggerScan"]
            assert len(runs) == 1
            run = await poll(lambda: client.gql("{ discoveryRuns(first: 5) { nodes { id status fetched newCount "
                                                "filtered filteredByReason { reason count } errors { source reason } } } }"),
                             lambda r: r["discoveryRuns"]["nodes"] and r["discoveryRuns"]["nodes"][0]["status"]
                             not in (None, "RUNNING"), "the discovery run")
            run = run["discoveryRuns"]["nodes"][0]
            assert run["status"] == "SUCCEEDED" and run["fetched"] == 2 and run["newCount"] == 1, run
            assert run["filtered"] == 1
            await events.wait_for(lambda e: e["type"] == "JOB_DISCOVERED", "JOB_DISCOVERED")

            # 4. The inbox holds the good posting only.
            feed = (await client.gql("{ jobFeed(status: PENDING, first: 50) { nodes { id title company } "
                                     "pageInfo { hasNextPage } } }"))["jobFeed"]
            assert [(j["title"], j["company"]) for j in feed["nodes"]] == [("Backend Engineer (Python)", "Acme")]
            job_id = feed["nodes"][0]["id"]

            # 5. Approve: the application comes back at once; the analysis arrives over SSE.
            application = (await client.gql(
                "mutation($id: ID!) { approveJob(id: $id) { id status analysisState posting { status } } }",
                {"id": job_id}))["approveJob"]
            assert application["status"] == "TO_APPLY" and application["posting"] == {"status": "APPROVED"}
            _, done = await events.wait_for(lambda e: e["type"] == "ANALYSIS_DONE", "ANALYSIS_DONE")
            # A failed analysis leaves "ok" out of the event (proto3 omits false): show the event's error.
            assert done["applicationId"] == application["id"] and done.get("ok") is True, done
            analysed = (await client.gql(
                "query($id: ID!) { application(id: $id) { analysisState analysis { score pros "
                "breakdown { name weight score } atsAdvice { tips } coverLetter engine heuristicScore "
                "scoreAdjustment adjustmentReasons } } }",
                {"id": application["id"]}))["application"]
            assert analysed["analysisState"] == "DONE"
            assert analysed["analysis"]["score"] == done["score"]
            assert analysed["analysis"]["breakdown"] and analysed["analysis"]["coverLetter"]
            # No LLM is configured: the rule-based result stands as it is.
            assert analysed["analysis"]["engine"] == "heuristic"
            assert analysed["analysis"]["heuristicScore"] is None
            assert analysed["analysis"]["scoreAdjustment"] == 0 and analysed["analysis"]["adjustmentReasons"] == []
            resume_from = events.frames[-1][0]

            # 6. Move the card to OFFER; every move is in the history and the stats.
            for status in ("APPLIED", "INTERVIEW", "OFFER"):
                await client.gql("mutation($id: ID!, $s: ApplicationStatus!) { moveCard(id: $id, toStatus: $s) "
                                 "{ status } }", {"id": application["id"], "s": status})
            await events.wait_for(lambda e: e["type"] == "CARD_MOVED" and e["toStatus"] == "OFFER", "CARD_MOVED")
            final = await client.gql(
                "query($id: ID!) { application(id: $id) { status history { fromStatus toStatus } } "
                "funnelStats { total countsByStatus { status count } "
                "conversions { fromStatus toStatus rate } } }", {"id": application["id"]})
            assert final["application"]["status"] == "OFFER"
            assert [(h["fromStatus"], h["toStatus"]) for h in final["application"]["history"]][-3:] == [
                ("TO_APPLY", "APPLIED"), ("APPLIED", "INTERVIEW"), ("INTERVIEW", "OFFER")]
            counts = {c["status"]: c["count"] for c in final["funnelStats"]["countsByStatus"]}
            assert final["funnelStats"]["total"] == 1 and counts["OFFER"] == 1 and counts["TO_APPLY"] == 0
            rates = {(c["fromStatus"], c["toStatus"]): c["rate"] for c in final["funnelStats"]["conversions"]}
            assert rates[("TO_APPLY", "APPLIED")] == 1.0 and rates[("INTERVIEW", "OFFER")] == 1.0

            # 7. A client that dropped after the analysis gets exactly what it missed on reconnect.
            missed = [frame_id for frame_id, _ in events.frames[events.frames.index(
                next(f for f in events.frames if f[0] == resume_from)) + 1:]]
            assert len(missed) >= 3
            replay = EventLog(client, last_event_id=resume_from)
            try:
                await replay.wait_for(lambda e: e.get("toStatus") == "OFFER", "replayed CARD_MOVED", timeout_s=10)
                assert [frame_id for frame_id, _ in replay.frames] == missed
            finally:
                await replay.close()

            # 8. With the tracker stopped, the board fails alone; the profile is still answered.
            await asyncio.to_thread(mesh.stop_one, "tracker_service")
            response = await client.http.post("/graphql", json={"query": "{ myProfile { userId } board { columns "
                                                                         "{ count } } }"}, headers=client.headers())
            body = response.json()
            assert body["data"] == {"myProfile": {"userId": user_id}, "board": None}
            assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAVAILABLE"]
        finally:
            if events is not None:
                await events.close()
            await client.http.aclose()


async def test_the_whole_funnel_through_graphql_and_sse(mesh_factory) -> None:
    await run_funnel(mesh_factory, one_column_cv())
