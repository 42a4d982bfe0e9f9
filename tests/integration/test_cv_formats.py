"""A CV kept in Word and a CV pasted as text fill the profile end to end: through the gateway (uploadCV,
profileFromText), profile_service (stored as the user's CV, a durable CMD_PARSE_CV) and ai_coach's
worker (the same parser as a PDF), all real, in-process, on the test's PostgreSQL and Redis. Hostile
input (a damaged or zip-bomb DOCX, an oversized text) gets a clear error, and the CV and profile the
user had are still there."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest

from ai_coach.settings import AiCoachSettings
from ai_coach.worker import Worker, run_worker
from devtools.gateway import RunningGateway
from gateway.config import GatewaySettings
from tests.cv_documents import CV_TEXT, damaged_word_cv, word_cv, word_zip_bomb
from tests.helpers import wait_for
from tests.integration.test_gateway import codes, data, register

PROFILE = ("{ myProfile { fullName headline contact { email phone location } skills { name } "
           "experience { title company start end } cv { id filename parseStatus parseError } } }")


@pytest.fixture
async def gateway(services) -> AsyncIterator[RunningGateway]:
    for name in ("profile_service", "tracker_service", "discovery_service"):
        await services.start(name, outbox_poll_interval_s=0.1, discovery_scheduler_enabled=False)
    worker = Worker(services.settings(AiCoachSettings))
    stop = asyncio.Event()
    task = asyncio.create_task(run_worker(worker, stop))
    await wait_for(worker.subscription.connected.is_set)
    try:
        async with RunningGateway(services.settings(), GatewaySettings()) as running:
            yield running
    finally:
        stop.set()
        await task
        await worker.close()


async def upload(gateway: RunningGateway, token: str, name: str, content: bytes, media_type: str) -> dict:
    operations = json.dumps({"query": "mutation($f: Upload!) { uploadCV(file: $f, overwriteProfile: true) "
                                      "{ id filename parseStatus } }", "variables": {"f": None}})
    files = {"operations": (None, operations), "map": (None, json.dumps({"0": ["variables.f"]})),
             "0": (name, content, media_type)}
    reply = await gateway.http.post("/graphql", files=files,
                                    headers={"authorization": f"Bearer {token}", "x-jobmate-csrf": "1"})
    return reply.json()


async def settled_profile(gateway: RunningGateway, token: str, cv_id: str) -> dict:
    async def settled() -> dict | None:
        profile = data(await gateway.graphql(PROFILE, token=token))["myProfile"]
        cv = profile["cv"]
        return profile if cv and cv["id"] == cv_id and cv["parseStatus"] in ("DONE", "FAILED") else None

    await wait_for(settled, timeout_s=60)
    # The query reads the CV's status and the profile through two calls at once: read again once the parse
    # is recorded, so the profile is the one it filled.
    return data(await gateway.graphql(PROFILE, token=token))["myProfile"]


def assert_filled_from_jane_doe(profile: dict) -> None:
    assert profile["cv"]["parseStatus"] == "DONE", profile["cv"]["parseError"]
    assert (profile["fullName"], profile["headline"]) == ("Jane Doe", "Senior Backend Engineer")
    assert profile["contact"] == {"email": "jane.doe@example.org", "phone": "+44 20 7946 0958",
                                  "location": "London, United Kingdom"}
    assert {"Python", "PostgreSQL", "Docker", "Kubernetes", "Terraform"} <= {s["name"] for s in profile["skills"]}
    assert profile["experience"][0] == {"title": "Senior Backend Engineer", "company": "Acme Widgets Ltd",
                                        "start": "2020-01", "end": "present"}


async def test_a_word_cv_uploaded_through_graphql_fills_the_profile(gateway: RunningGateway) -> None:
    _, token, _ = await register(gateway, "Jane")
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    uploaded = data(await upload(gateway, token, "Jane Doe CV.docx", word_cv(), docx_type))["uploadCV"]
    assert (uploaded["filename"], uploaded["parseStatus"]) == ("Jane Doe CV.docx", "QUEUED")

    assert_filled_from_jane_doe(await settled_profile(gateway, token, uploaded["id"]))


async def test_pasted_text_fills_the_profile_through_the_same_parser(gateway: RunningGateway) -> None:
    _, token, _ = await register(gateway, "Jane")
    cv = data(await gateway.graphql(
        "mutation($t: String!) { profileFromText(text: $t, overwriteProfile: true) { id filename parseStatus } }",
        {"t": CV_TEXT}, token=token))["profileFromText"]
    assert (cv["filename"], cv["parseStatus"]) == ("pasted-cv.txt", "QUEUED")

    profile = await settled_profile(gateway, token, cv["id"])
    assert_filled_from_jane_doe(profile)
    assert [(e["title"], e["company"]) for e in profile["experience"]] == [
        ("Senior Backend Engineer", "Acme Widgets Ltd"), ("Backend Developer", "Initech")]


async def test_hostile_input_gets_a_clear_error_and_loses_nothing(gateway: RunningGateway) -> None:
    _, token, _ = await register(gateway, "Jane")
    cv = data(await gateway.graphql(
        "mutation($t: String!) { profileFromText(text: $t, overwriteProfile: true) { id } }",
        {"t": CV_TEXT}, token=token))["profileFromText"]
    before = await settled_profile(gateway, token, cv["id"])
    assert_filled_from_jane_doe(before)
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    for name, content, phrase in [
        ("damaged.docx", damaged_word_cv(), "damaged"),
        ("bomb.docx", word_zip_bomb(), "unpacks to far more data"),
        ("cv.pdf", CV_TEXT.encode(), "not a PDF"),
    ]:
        reply = await upload(gateway, token, name, content, docx_type)
        assert codes(reply) == ["BAD_USER_INPUT"], (name, reply)
        assert phrase in reply["errors"][0]["message"], (name, reply)
    for text, phrase in [("x" * 100_001, "at most 100,000"), ("  \n ", "the text is empty")]:
        reply = await gateway.graphql("mutation($t: String!) { profileFromText(text: $t) { id } }",
                                      {"t": text}, token=token)
        assert codes(reply) == ["BAD_USER_INPUT"] and phrase in reply["errors"][0]["message"], reply

    after = data(await gateway.graphql(PROFILE, token=token))["myProfile"]
    assert after == before  # the CV, its parse and the profile are all as they were
