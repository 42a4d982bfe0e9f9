"""Fields and mutations that once cost the gateway extra calls, through the real services (in-process,
real PostgreSQL and Redis): a board's histories come in one BatchGetHistory, setRelanceReminder keeps
the interview date without reading the card, and parseCV re-parses the stored CV without downloading
and re-uploading it. The calls are counted on the gateway's own stubs, where they leave for the mesh."""

from __future__ import annotations

import asyncio
import json
from collections import Counter

import pytest

from common import messages
from common.bus import Bus
from devtools.gateway import RunningGateway
from jobmate.events.v1 import events_pb2
from tests.helpers import wait_for
from tests.integration import test_gateway
from tests.integration.test_gateway import add_manual_job, codes, data, register
from tests.integration.test_profile_support import make_pdf

gateway = test_gateway.gateway  # the same fixture: profile, tracker and discovery in-process behind the gateway


class CallCounter:
    """Counts the calls the gateway sends through one of its downstream stubs, by method."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, stub, *methods: str) -> None:
        self.counts: Counter[str] = Counter()
        self.requests: dict[str, list] = {method: [] for method in methods}
        for method in methods:
            monkeypatch.setattr(stub, method, self._counting(method, getattr(stub, method)))

    def _counting(self, method: str, send):
        def counted(request, *args, **kwargs):
            self.counts[method] += 1
            self.requests[method].append(request)
            return send(request, *args, **kwargs)
        return counted


def downstream(gateway: RunningGateway):
    return gateway.app.state.gateway.downstream


async def approve(gateway: RunningGateway, token: str, title: str) -> str:
    job = await add_manual_job(gateway, token, title)
    return data(await gateway.graphql("mutation($id: ID!) { approveJob(id: $id) { id } }", {"id": job["id"]},
                                      token=token))["approveJob"]["id"]


BOARD = "{ board { columns { status cards { id history { fromStatus toStatus note } } } } }"


def board_histories(reply: dict) -> dict[str, list[tuple]]:
    return {card["id"]: [(h["fromStatus"], h["toStatus"], h["note"]) for h in card["history"]]
            for column in data(reply)["board"]["columns"] for card in column["cards"]}


async def test_the_board_loads_every_cards_history_in_one_call(gateway: RunningGateway, monkeypatch) -> None:
    _, token_a, _ = await register(gateway, "Alice")
    _, token_b, _ = await register(gateway, "Bob")
    cards = [await approve(gateway, token_a, f"Engineer {i}") for i in range(3)]
    data(await gateway.graphql("mutation($id: ID!) { moveCard(id: $id, toStatus: APPLIED, note: \"sent\") { id } }",
                               {"id": cards[1]}, token=token_a))
    bobs = await approve(gateway, token_b, "Bob's job")

    tracker = CallCounter(monkeypatch, downstream(gateway).tracker, "BatchGetHistory", "GetHistory")
    histories = board_histories(await gateway.graphql(BOARD, token=token_a))
    assert histories == {cards[0]: [(None, "TO_APPLY", "")],
                         cards[1]: [(None, "TO_APPLY", ""), ("TO_APPLY", "APPLIED", "sent")],
                         cards[2]: [(None, "TO_APPLY", "")]}
    assert tracker.counts == {"BatchGetHistory": 1}
    assert sorted(tracker.requests["BatchGetHistory"][0].ids) == sorted(cards)

    # Bob's board holds his card only, with his history; Alice's card stays out of his reach.
    assert board_histories(await gateway.graphql(BOARD, token=token_b)) == {bobs: [(None, "TO_APPLY", "")]}
    assert tracker.counts == {"BatchGetHistory": 2}
    reply = await gateway.graphql("query($id: ID!) { application(id: $id) { history { toStatus } } }",
                                  {"id": cards[1]}, token=token_b)
    assert codes(reply) == ["NOT_FOUND"] and reply["data"]["application"] is None


async def test_set_relance_reminder_keeps_the_interview_date_in_one_call(gateway: RunningGateway,
                                                                         monkeypatch) -> None:
    _, token, _ = await register(gateway)
    card = await approve(gateway, token, "Data Engineer")
    query = ("mutation($id: ID!, $at: DateTime, $interview: DateTime) { setRelanceReminder(id: $id, at: $at, "
             "interviewAt: $interview) { followUpAt interviewAt } }")
    both = data(await gateway.graphql(query, {"id": card, "at": "2099-01-02T09:00:00+00:00",
                                              "interview": "2099-01-05T14:00:00+00:00"}, token=token))
    assert both["setRelanceReminder"] == {"followUpAt": "2099-01-02T09:00:00+00:00",
                                          "interviewAt": "2099-01-05T14:00:00+00:00"}

    tracker = CallCounter(monkeypatch, downstream(gateway).tracker, "SetFollowUp", "GetApplication")
    snoozed = data(await gateway.graphql(
        "mutation($id: ID!) { setRelanceReminder(id: $id, at: \"2099-01-03T09:00:00+00:00\") "
        "{ followUpAt interviewAt } }", {"id": card}, token=token))
    assert snoozed["setRelanceReminder"] == {"followUpAt": "2099-01-03T09:00:00+00:00",
                                             "interviewAt": "2099-01-05T14:00:00+00:00"}
    assert tracker.counts == {"SetFollowUp": 1}
    assert list(tracker.requests["SetFollowUp"][0].update_mask.paths) == ["follow_up_at"]

    # Clearing the reminder keeps the interview too; naming interviewAt as null clears it.
    cleared = data(await gateway.graphql(query, {"id": card, "at": None}, token=token))["setRelanceReminder"]
    assert cleared == {"followUpAt": None, "interviewAt": "2099-01-05T14:00:00+00:00"}
    none_left = data(await gateway.graphql(query, {"id": card, "at": None, "interview": None},
                                           token=token))["setRelanceReminder"]
    assert none_left == {"followUpAt": None, "interviewAt": None}
    assert tracker.counts == {"SetFollowUp": 3}


async def test_parse_cv_parses_the_stored_cv_again_without_sending_it(gateway: RunningGateway, services,
                                                                       monkeypatch) -> None:
    _, token, _ = await register(gateway)
    no_cv = await gateway.graphql("mutation { parseCV { id } }", token=token)
    assert codes(no_cv) == ["NOT_FOUND"] and "upload one first" in no_cv["errors"][0]["message"]

    bus = Bus.from_url(services.redis_url)
    subscription = bus.subscribe([messages.command_channel(events_pb2.COMMAND_TYPE_PARSE_CV)])
    received: list[events_pb2.Command] = []

    async def collect() -> None:
        async for _, payload in subscription:
            received.append(messages.command_from_json(payload))

    collector = asyncio.create_task(collect())
    try:
        await asyncio.wait_for(subscription.connected.wait(), 10)
        pdf = make_pdf(pages=2)
        operations = json.dumps({"query": "mutation($f: Upload!) { uploadCV(file: $f) { id sha256 } }",
                                 "variables": {"f": None}})
        files = {"operations": (None, operations), "map": (None, json.dumps({"0": ["variables.f"]})),
                 "0": ("My CV.pdf", pdf, "application/pdf")}
        upload = await gateway.http.post("/graphql", files=files,
                                         headers={"authorization": f"Bearer {token}", "x-jobmate-csrf": "1"})
        uploaded = data(upload.json())["uploadCV"]

        profile = CallCounter(monkeypatch, downstream(gateway).profile, "ReparseCv", "DownloadCv", "UploadCv",
                              "GetCvStatus")
        again = data(await gateway.graphql(
            "mutation { parseCV(overwriteProfile: true) { id filename sizeBytes sha256 pageCount parseStatus } }",
            token=token))["parseCV"]
        assert again["id"] != uploaded["id"]
        assert {k: again[k] for k in ("filename", "sizeBytes", "sha256", "pageCount", "parseStatus")} == {
            "filename": "My CV.pdf", "sizeBytes": len(pdf), "sha256": uploaded["sha256"], "pageCount": 2,
            "parseStatus": "QUEUED"}
        assert profile.counts == {"ReparseCv": 1}

        command = (await wait_for(lambda: [c for c in received if c.parse_cv.cv_id == again["id"]],
                                  timeout_s=20))[0]
        assert (command.parse_cv.overwrite, command.type) == (True, events_pb2.COMMAND_TYPE_PARSE_CV)
        status = data(await gateway.graphql("{ myProfile { cv { id } } }", token=token))
        assert status["myProfile"]["cv"]["id"] == again["id"]
    finally:
        subscription.close()
        collector.cancel()
        await asyncio.gather(collector, return_exceptions=True)
        await bus.close()
