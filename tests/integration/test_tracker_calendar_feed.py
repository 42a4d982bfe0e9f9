"""The calendar feed through the real tracker_service over gRPC (real PostgreSQL): the feed token is
made once and shown once, exports by token are only for the gateway's service scope, rotation kills
the old token, and a token only ever shows its own user's dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import icalendar
from google.protobuf import timestamp_pb2

from jobmate.tracker.v1 import tracker_pb2 as pb
from tests.helpers import bearer, service_token
from tests.integration import test_tracker
from tests.integration.test_tracker import rpc_error

mesh = test_tracker.mesh  # profile, discovery and tracker in-process


def feed_reader() -> list[tuple[str, str]]:
    """The gateway's credentials for feeds (made per test: the keys are the test session's)."""
    return bearer(service_token("gateway", {"tracker.calendar.read"}))


def ts(value: datetime) -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(value)
    return stamp


def summaries(ics: str) -> set[str]:
    return {str(event["summary"]) for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")}


async def export(tracker, feed_token: str, metadata: list[tuple[str, str]] | None = None) -> str:
    return (await tracker.ExportCalendarByFeedToken(pb.ExportCalendarByFeedTokenRequest(feed_token=feed_token),
                                                    metadata=metadata or feed_reader())).ics


async def test_feed_token_is_made_once_exports_its_owners_dates_and_dies_on_rotation(mesh) -> None:
    client, tracker, *_ = mesh
    alice, bob = client(), client()
    for user, title in ((alice, "Alice Role"), (bob, "Bob Role")):
        card = await user.new_card(title=title, company="Initech")
        await user.call("SetFollowUp", pb.SetFollowUpRequest(
            id=card.id, follow_up_at=ts(datetime.now(UTC) + timedelta(days=2))))

    first = await alice.call("GetCalendarFeed", pb.GetCalendarFeedRequest())
    assert first.created and len(first.feed_token) >= 43
    again = await alice.call("GetCalendarFeed", pb.GetCalendarFeedRequest())
    assert not again.created and again.feed_token == "" and again.created_at == first.created_at

    bob_feed = (await bob.call("GetCalendarFeed", pb.GetCalendarFeedRequest())).feed_token
    assert bob_feed and bob_feed != first.feed_token
    for _ in range(2):  # the token does not wear out
        assert summaries(await export(tracker, first.feed_token)) == {"Follow up: Alice Role at Initech"}
    assert summaries(await export(tracker, bob_feed)) == {"Follow up: Bob Role at Initech"}

    rotated = (await alice.call("RotateCalendarFeed", pb.RotateCalendarFeedRequest())).feed_token
    assert rotated and rotated != first.feed_token
    error = await rpc_error(export(tracker, first.feed_token))
    assert error.code() is grpc.StatusCode.NOT_FOUND and first.feed_token not in error.details()
    assert summaries(await export(tracker, rotated)) == {"Follow up: Alice Role at Initech"}
    assert summaries(await export(tracker, bob_feed)) == {"Follow up: Bob Role at Initech"}  # untouched


async def test_garbage_tokens_are_not_found_and_only_the_feed_scope_may_export_by_token(mesh) -> None:
    client, tracker, *_ = mesh
    alice = client()
    feed_token = (await alice.call("GetCalendarFeed", pb.GetCalendarFeedRequest())).feed_token
    for garbage in ("", "guessed", feed_token[:-1], feed_token + "x", "x" * 10_000):
        assert (await rpc_error(export(tracker, garbage))).code() is grpc.StatusCode.NOT_FOUND

    # Alice's own user token, and a service without the scope, are refused even with a valid token.
    assert (await rpc_error(export(tracker, feed_token, alice.metadata))).code() is grpc.StatusCode.PERMISSION_DENIED
    other_service = bearer(service_token("ai_coach", {"tracker.read", "tracker.analysis.write"}))
    assert (await rpc_error(export(tracker, feed_token, other_service))).code() is grpc.StatusCode.PERMISSION_DENIED
    # ... and the feed scope cannot act for a user: GetCalendarFeed needs the user's own token.
    error = await rpc_error(tracker.GetCalendarFeed(pb.GetCalendarFeedRequest(), metadata=feed_reader()))
    assert error.code() is grpc.StatusCode.PERMISSION_DENIED
    assert "BEGIN:VCALENDAR" in await export(tracker, feed_token)
