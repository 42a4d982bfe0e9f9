"""The inbox sorted by fit through GraphQL (`jobFeed(sort: FIT)`, `Job.fit`), on the real services: the
scores are written as ai_coach writes them (RecordFitScores with its service token); the whole loop with
the worker scoring is in test_fit_flow.py. Stored scores reach the user's event stream (JOBS_SCORED), so an
open inbox shows them without a reload."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import grpc

from devtools.gateway import RunningGateway
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from tests.helpers import bearer, service_token
from tests.integration import test_gateway
from tests.integration.test_gateway import add_manual_job, data, register
from tests.integration.test_gateway_sse import SseReader, open_events

gateway = test_gateway.gateway  # profile, tracker and discovery in-process behind the gateway

FIT_FEED = """query($sort: FeedSort) { jobFeed(sort: $sort) { nodes { id title
  fit { score confidence reasons missing scoredAt model } } } }"""


async def test_job_feed_sorted_by_fit_shows_scores_and_reasons_and_unscored_postings_last(
        gateway: RunningGateway, services) -> None:
    user_id, token, _ = await register(gateway)
    unscored = await add_manual_job(gateway, token, "Florist")
    scored = await add_manual_job(gateway, token, "Python Developer")
    async with grpc.aio.insecure_channel(services.address("discovery_service")) as channel:
        await discovery_pb2_grpc.DiscoveryServiceStub(channel).RecordFitScores(
            discovery_pb2.RecordFitScoresRequest(command_id=str(uuid.uuid4()), user_id=user_id, scores=[
                discovery_pb2.FitScoreEntry(job_id=scored["id"], fit=discovery_pb2.FitScore(
                    score=78.5, confidence=0.9, reasons=["You have 5 of the 6 skills the posting names."],
                    model="fit-1"))]),
            metadata=bearer(service_token("ai_coach", {"discovery.fit.write"})))

    nodes = data(await gateway.graphql(FIT_FEED, {"sort": "FIT"}, token=token))["jobFeed"]["nodes"]
    assert [node["id"] for node in nodes] == [scored["id"], unscored["id"]]
    fit = nodes[0]["fit"]
    assert (fit["score"], fit["confidence"], fit["model"]) == (78.5, 0.9, "fit-1")
    assert fit["reasons"] == ["You have 5 of the 6 skills the posting names."] and fit["scoredAt"]
    assert nodes[1]["fit"] is None  # not scored yet
    newest = data(await gateway.graphql(FIT_FEED, {"sort": "NEWEST"}, token=token))["jobFeed"]["nodes"]
    assert [node["id"] for node in newest] == [scored["id"], unscored["id"]]  # the newest is also the scored one
    reply = await gateway.graphql(FIT_FEED, {"sort": "BEST"}, token=token)
    assert reply.get("errors")  # an unknown order is refused, not ignored


async def record_scores(services, user_id: str, scores: dict[str, float], *, command_id: str | None = None,
                        profile_at: datetime | None = None) -> discovery_pb2.RecordFitScoresResponse:
    request = discovery_pb2.RecordFitScoresRequest(command_id=command_id or str(uuid.uuid4()), user_id=user_id, scores=[
        discovery_pb2.FitScoreEntry(job_id=job_id, fit=discovery_pb2.FitScore(
            score=score, confidence=0.9, reasons=["Same occupational family."], model="fit-1"))
        for job_id, score in scores.items()])
    if profile_at is not None:
        request.profile_updated_at.FromDatetime(profile_at)
    async with grpc.aio.insecure_channel(services.address("discovery_service")) as channel:
        return await discovery_pb2_grpc.DiscoveryServiceStub(channel).RecordFitScores(
            request, metadata=bearer(service_token("ai_coach", {"discovery.fit.write"})))


async def next_scored(events: SseReader) -> dict:
    """The next JOBS_SCORED frame (the postings' own JOB_DISCOVERED frames may come first)."""
    for _ in range(20):
        _, frame = await events.next_frame()
        if frame["type"] == "JOBS_SCORED":
            return frame
    raise AssertionError("no JOBS_SCORED frame among the next 20")


async def test_stored_scores_reach_the_users_event_stream_naming_the_postings_scored(
        gateway: RunningGateway, services) -> None:
    user_id, token, _ = await register(gateway)
    other_id, other_token, _ = await register(gateway, "Grace")
    python = await add_manual_job(gateway, token, "Python Developer")
    florist = await add_manual_job(gateway, token, "Florist")
    theirs = await add_manual_job(gateway, other_token, "Python Developer")
    profile_at = datetime.now(UTC)
    async with open_events(gateway, token=token) as events, open_events(gateway, token=other_token) as their_events:
        command_id = str(uuid.uuid4())
        await record_scores(services, user_id, {python["id"]: 81.0}, command_id=command_id, profile_at=profile_at)
        frame = await next_scored(events)
        assert frame["userId"] == user_id and frame["jobIds"] == [python["id"]] and frame["count"] == 1

        # The same answer again stores nothing and tells nothing; a score from an older profile than the
        # stored one is refused and not named; another user's posting is never named to this user. So the
        # next frame names the florist alone.
        again = await record_scores(services, user_id, {python["id"]: 81.0}, command_id=command_id, profile_at=profile_at)
        assert again.already_recorded
        await record_scores(services, user_id, {python["id"]: 20.0, florist["id"]: 12.5, theirs["id"]: 90.0},
                            profile_at=profile_at - timedelta(hours=1))
        frame = await next_scored(events)
        assert frame["jobIds"] == [florist["id"]] and frame["count"] == 1

        # The other user hears of their own postings' scores only.
        await record_scores(services, other_id, {theirs["id"]: 90.0})
        frame = await next_scored(their_events)
        assert frame["userId"] == other_id and frame["jobIds"] == [theirs["id"]]

    nodes = data(await gateway.graphql(FIT_FEED, {"sort": "FIT"}, token=token))["jobFeed"]["nodes"]
    assert [(node["id"], node["fit"]["score"]) for node in nodes] == [(python["id"], 81.0), (florist["id"], 12.5)]
