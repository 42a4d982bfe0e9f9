"""/calendar.ics?feed=… through the gateway in front of the real services (in-process, real PostgreSQL
and Redis): a subscribable URL that keeps working without any access token, shown once, replaced by
rotateCalendarUrl, per user, and a plain 404 for anything else."""

from __future__ import annotations

import icalendar

from devtools.gateway import RunningGateway
from tests.integration import test_gateway
from tests.integration.test_gateway import add_manual_job, codes, data, register

gateway = test_gateway.gateway  # profile, tracker and discovery in-process behind the gateway


async def card_with_reminder(gateway: RunningGateway, token: str, title: str) -> None:
    job = await add_manual_job(gateway, token, title)
    card = data(await gateway.graphql("mutation($id: ID!) { approveJob(id: $id) { id } }", {"id": job["id"]},
                                      token=token))["approveJob"]
    data(await gateway.graphql(
        "mutation($id: ID!) { setRelanceReminder(id: $id, at: \"2099-01-02T09:00:00+00:00\") { id } }",
        {"id": card["id"]}, token=token))


async def fetch(gateway: RunningGateway, url: str):
    assert url.startswith(f"{gateway.base_url}/calendar.ics?feed=")
    return await gateway.http.get(url.removeprefix(gateway.base_url))  # no Authorization header


def summaries(text: str) -> set[str]:
    return {str(event["summary"]) for event in icalendar.Calendar.from_ical(text).walk("VEVENT")}


async def test_the_feed_url_keeps_working_until_rotated_and_shows_only_its_user(gateway: RunningGateway) -> None:
    _, alice, _ = await register(gateway, "Alice")
    _, bob, _ = await register(gateway, "Bob")
    await card_with_reminder(gateway, alice, "Alice Engineer")
    await card_with_reminder(gateway, bob, "Bob Engineer")

    url = data(await gateway.graphql("{ calendarUrl }", token=alice))["calendarUrl"]
    for _ in range(3):  # calendar apps poll the same URL for as long as it is subscribed
        response = await fetch(gateway, url)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
        assert summaries(response.text) == {"Follow up: Alice Engineer at Acme"}
        assert "no-store" in response.headers["cache-control"]

    shown_again = await gateway.graphql("{ calendarUrl }", token=alice)
    assert codes(shown_again) == ["BAD_USER_INPUT"] and "rotateCalendarUrl" in shown_again["errors"][0]["message"]

    bob_url = data(await gateway.graphql("{ calendarUrl }", token=bob))["calendarUrl"]
    assert summaries((await fetch(gateway, bob_url)).text) == {"Follow up: Bob Engineer at Acme"}

    new_url = data(await gateway.graphql("mutation { rotateCalendarUrl }", token=alice))["rotateCalendarUrl"]
    assert new_url != url
    old = await fetch(gateway, url)
    assert old.status_code == 404 and "calendar" in old.text and "VCALENDAR" not in old.text
    assert summaries((await fetch(gateway, new_url)).text) == {"Follow up: Alice Engineer at Acme"}
    assert (await fetch(gateway, bob_url)).status_code == 200  # Bob's feed is not affected


async def test_garbage_or_missing_feed_tokens_are_a_plain_404(gateway: RunningGateway) -> None:
    _, alice, _ = await register(gateway, "Alice")
    url = data(await gateway.graphql("{ calendarUrl }", token=alice))["calendarUrl"]
    feed = url.split("feed=", 1)[1]
    for query in ("", "?feed=", "?feed=guessed", f"?feed={feed[:-2]}", "?feed=" + "A" * 5000, f"?token={feed}"):
        response = await gateway.http.get(f"/calendar.ics{query}")
        assert response.status_code == 404, query
        assert "VCALENDAR" not in response.text and "NOT_FOUND" not in response.text and "tracker" not in response.text
    assert (await gateway.http.get(f"/calendar.ics?feed={feed}")).status_code == 200
    # Without a signed-in user, the URL cannot be asked for or rotated.
    assert codes(await gateway.graphql("{ calendarUrl }")) == ["UNAUTHENTICATED"]
    assert codes(await gateway.graphql("mutation { rotateCalendarUrl }")) == ["UNAUTHENTICATED"]
