"""The inbox sorted by fit through GraphQL (`jobFeed(sort: FIT)`, `Job.fit`), on the real services: the
scores are written as ai_coach writes them (RecordFitScores with its service token); the whole loop with
the worker scoring is in test_fit_flow.py."""

from __future__ import annotations

import uuid

import grpc

from devtools.gateway import RunningGateway
from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
from tests.helpers import bearer, service_token
from tests.integration import test_gateway
from tests.integration.test_gateway import add_manual_job, data, register

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
