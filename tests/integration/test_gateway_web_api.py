"""What the web app needed from the API and got (additive): through the real gateway in front of the real
services (real PostgreSQL and Redis).

- the profile's job preferences (desired locations, remote preference, salary expectation) and which
  fields the user set themselves (`userSetFields`, in GraphQL's names).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from common.bus import connect
from gateway.config import GatewaySettings
from gateway.testing import RunningGateway

PASSWORD = "correct horse battery staple"


@pytest.fixture
async def gateway(services) -> AsyncIterator[RunningGateway]:
    for name in ("profile_service", "tracker_service", "discovery_service"):
        await services.start(name, discovery_scheduler_enabled=False)
    client = connect(services.redis_url)
    for key in await client.keys("gateway:ratelimit:*"):
        await client.delete(key)
    await client.aclose()
    async with RunningGateway(services.settings(), GatewaySettings()) as running:
        yield running


def data(reply: dict) -> dict:
    assert "errors" not in reply, reply["errors"]
    return reply["data"]


async def sign_up(gateway: RunningGateway, name: str = "Ada") -> str:
    reply = data(await gateway.graphql(
        "mutation($e: String!, $p: String!, $n: String!) { register(email: $e, password: $p, fullName: $n) "
        "{ accessToken } }", {"e": f"{name.lower()}-{uuid.uuid4().hex[:8]}@example.org", "p": PASSWORD, "n": name}))
    return reply["register"]["accessToken"]


PROFILE_FIELDS = "fullName headline desiredLocations remotePreference salaryExpectation salaryCurrency userSetFields"


async def test_profile_preferences_and_user_set_fields(gateway: RunningGateway) -> None:
    token = await sign_up(gateway)
    before = data(await gateway.graphql(f"{{ myProfile {{ {PROFILE_FIELDS} }} }}", token=token))["myProfile"]
    assert before["userSetFields"] == ["fullName"]
    assert (before["desiredLocations"], before["remotePreference"], before["salaryExpectation"]) == ([], None, None)

    updated = data(await gateway.graphql(
        f"mutation($i: ProfileInput!) {{ updateProfile(input: $i) {{ {PROFILE_FIELDS} }} }}",
        {"i": {"headline": "Backend engineer", "desiredLocations": ["Paris", "Remote EU"],
               "remotePreference": "HYBRID", "salaryExpectation": 60000, "salaryCurrency": "eur",
               "contact": {"phone": "+33 6 00 00 00 00"}}}, token=token))["updateProfile"]
    assert updated["desiredLocations"] == ["Paris", "Remote EU"]
    assert (updated["remotePreference"], updated["salaryExpectation"], updated["salaryCurrency"]) == (
        "HYBRID", 60000, "EUR")
    assert updated["userSetFields"] == sorted(["fullName", "headline", "desiredLocations", "remotePreference",
                                               "salaryExpectation", "salaryCurrency", "contact.phone"])

    refused = await gateway.graphql("mutation($i: ProfileInput!) { updateProfile(input: $i) { headline } }",
                                    {"i": {"salaryExpectation": 1e12, "salaryCurrency": "EUR"}}, token=token)
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert refused["errors"][0]["message"].startswith("salary_expectation must be")
