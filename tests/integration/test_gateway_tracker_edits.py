"""reopenApplication, editNote, deleteNote and reanalyze through the gateway in front of the real
services (in-process, real PostgreSQL and Redis): what the user sees, the errors they get, and that
another user's ids are refused and left untouched."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest

from common import messages
from common.bus import Bus
from devtools.gateway import RunningGateway
from jobmate.events.v1 import events_pb2
from tests.integration import test_gateway
from tests.integration.test_gateway import add_manual_job, codes, data, register

gateway = test_gateway.gateway  # the same fixture: profile, tracker and discovery in-process behind the gateway

APP_FIELDS = "id status version allowedMoves analysisState history { fromStatus toStatus note correction reopen }"


async def approve(gateway: RunningGateway, token: str, title: str = "Backend Engineer") -> dict:
    job = await add_manual_job(gateway, token, title)
    return data(await gateway.graphql(f"mutation($id: ID!) {{ approveJob(id: $id) {{ {APP_FIELDS} }} }}",
                                      {"id": job["id"]}, token=token))["approveJob"]


async def test_a_closed_card_is_reopened_with_its_history_and_version_checked(gateway: RunningGateway) -> None:
    _, token, _ = await register(gateway)
    card = await approve(gateway, token)
    withdrawn = data(await gateway.graphql(
        f"mutation($id: ID!) {{ moveCard(id: $id, toStatus: WITHDRAWN) {{ {APP_FIELDS} }} }}",
        {"id": card["id"]}, token=token))["moveCard"]
    assert withdrawn["status"] == "WITHDRAWN" and withdrawn["allowedMoves"] == []

    reopen = (f"mutation($id: ID!, $to: ApplicationStatus!, $v: Int, $note: String! = \"\") {{ "
              f"reopenApplication(id: $id, toStatus: $to, expectedVersion: $v, note: $note) {{ {APP_FIELDS} }} }}")
    stale = await gateway.graphql(reopen, {"id": card["id"], "to": "APPLIED", "v": withdrawn["version"] - 1},
                                  token=token)
    assert codes(stale) == ["CONFLICT"] and "changed meanwhile" in stale["errors"][0]["message"]
    to_closed = await gateway.graphql(reopen, {"id": card["id"], "to": "HIRED"}, token=token)
    assert codes(to_closed) == ["BAD_USER_INPUT"] and "open status" in to_closed["errors"][0]["message"]

    reopened = data(await gateway.graphql(
        reopen, {"id": card["id"], "to": "APPLIED", "v": withdrawn["version"], "note": "they called back"},
        token=token))["reopenApplication"]
    assert reopened["status"] == "APPLIED" and reopened["version"] == withdrawn["version"] + 1
    assert "INTERVIEW" in reopened["allowedMoves"]
    assert reopened["history"][-1] == {"fromStatus": "WITHDRAWN", "toStatus": "APPLIED",
                                       "note": "they called back", "correction": False, "reopen": True}

    still_open = await gateway.graphql(reopen, {"id": card["id"], "to": "TO_APPLY"}, token=token)
    assert codes(still_open) == ["BAD_USER_INPUT"] and "closed card" in still_open["errors"][0]["message"]
    after = data(await gateway.graphql("query($id: ID!) { application(id: $id) { status version } }",
                                       {"id": card["id"]}, token=token))["application"]
    assert after == {"status": "APPLIED", "version": reopened["version"]}


async def test_notes_are_edited_and_deleted(gateway: RunningGateway) -> None:
    _, token, _ = await register(gateway)
    card = await approve(gateway, token)
    other_card = await approve(gateway, token, "Data Engineer")
    added = data(await gateway.graphql(
        "mutation($id: ID!) { addNote(applicationId: $id, body: \"call Tuesday\") { id body createdAt updatedAt } }",
        {"id": card["id"]}, token=token))["addNote"]

    edit = ("mutation($app: ID!, $note: ID!, $body: String!) { editNote(applicationId: $app, noteId: $note, "
            "body: $body) { id body createdAt updatedAt } }")
    edited = data(await gateway.graphql(edit, {"app": card["id"], "note": added["id"], "body": "  call Wednesday  "},
                                        token=token))["editNote"]
    assert edited["id"] == added["id"] and edited["body"] == "call Wednesday"
    assert edited["createdAt"] == added["createdAt"] and edited["updatedAt"] >= added["updatedAt"]

    empty = await gateway.graphql(edit, {"app": card["id"], "note": added["id"], "body": "   "}, token=token)
    assert codes(empty) == ["BAD_USER_INPUT"] and "empty" in empty["errors"][0]["message"]
    garbage_id = await gateway.graphql(edit, {"app": card["id"], "note": "not-a-note", "body": "x"}, token=token)
    assert codes(garbage_id) == ["BAD_USER_INPUT"]
    # A note is addressed through its own card: the right note id under another card is not found.
    wrong_card = await gateway.graphql(edit, {"app": other_card["id"], "note": added["id"], "body": "x"}, token=token)
    assert codes(wrong_card) == ["NOT_FOUND"]
    notes = data(await gateway.graphql("query($id: ID!) { application(id: $id) { notes { id body } } }",
                                       {"id": card["id"]}, token=token))["application"]["notes"]
    assert notes == [{"id": added["id"], "body": "call Wednesday"}]

    delete = "mutation($app: ID!, $note: ID!) { deleteNote(applicationId: $app, noteId: $note) }"
    assert codes(await gateway.graphql(delete, {"app": other_card["id"], "note": added["id"]},
                                       token=token)) == ["NOT_FOUND"]
    assert data(await gateway.graphql(delete, {"app": card["id"], "note": added["id"]}, token=token)) == \
        {"deleteNote": True}
    again = await gateway.graphql(delete, {"app": card["id"], "note": added["id"]}, token=token)
    assert codes(again) == ["NOT_FOUND"] and again["errors"][0]["message"] == "note not found"
    assert codes(await gateway.graphql(edit, {"app": card["id"], "note": added["id"], "body": "x"},
                                       token=token)) == ["NOT_FOUND"]
    left = data(await gateway.graphql("query($id: ID!) { application(id: $id) { notes { id } } }",
                                      {"id": card["id"]}, token=token))["application"]["notes"]
    assert left == []


@pytest.fixture
async def analyze_commands(services) -> AsyncIterator[asyncio.Queue]:
    """Every CMD_ANALYZE_JOB published on Redis, as ai_coach would receive it."""
    bus = Bus.from_url(services.redis_url)
    subscription = bus.subscribe([messages.command_channel(events_pb2.COMMAND_TYPE_ANALYZE_JOB)])
    received: asyncio.Queue = asyncio.Queue()

    async def collect() -> None:
        async for _, payload in subscription:
            await received.put(messages.command_from_json(payload))

    task = asyncio.create_task(collect())
    await asyncio.wait_for(subscription.connected.wait(), 10)
    yield received
    subscription.close()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await bus.close()


async def next_command_for(commands: asyncio.Queue, application_id: str, *, other_than: set[str]) -> str:
    """The id of the next analysis command for this card that is not one of `other_than`."""
    async def wait() -> str:
        while True:
            command = await commands.get()
            if command.analyze_job.application_id == application_id and command.id not in other_than:
                return command.id
    return await asyncio.wait_for(wait(), 20)


async def test_reanalyze_queues_a_fresh_analysis_command(gateway: RunningGateway, analyze_commands) -> None:
    _, token, _ = await register(gateway)
    card = await approve(gateway, token)
    first = await next_command_for(analyze_commands, card["id"], other_than=set())

    again = data(await gateway.graphql(
        "mutation($id: ID!) { reanalyze(id: $id) { id status analysisState analysis { score } } }",
        {"id": card["id"]}, token=token))["reanalyze"]
    assert again == {"id": card["id"], "status": "TO_APPLY", "analysisState": "QUEUED", "analysis": None}
    # ai_coach gets a new command for the card (the approval's is superseded, not re-sent as the new one).
    assert await next_command_for(analyze_commands, card["id"], other_than={first}) != first

    unknown = await gateway.graphql("mutation { reanalyze(id: \"00000000-0000-0000-0000-000000000000\") { id } }",
                                    token=token)
    assert codes(unknown) == ["NOT_FOUND"]
    anonymous = await gateway.graphql("mutation($id: ID!) { reanalyze(id: $id) { id } }", {"id": card["id"]})
    assert codes(anonymous) == ["UNAUTHENTICATED"]


async def test_user_b_cannot_reopen_edit_delete_or_reanalyze_user_a_cards(gateway: RunningGateway,
                                                                          analyze_commands) -> None:
    _, token_a, _ = await register(gateway, "Alice")
    _, token_b, _ = await register(gateway, "Bob")
    card_a = await approve(gateway, token_a)
    first_command = await next_command_for(analyze_commands, card_a["id"], other_than=set())
    data(await gateway.graphql("mutation($id: ID!) { moveCard(id: $id, toStatus: REJECTED) { id } }",
                               {"id": card_a["id"]}, token=token_a))
    note_a = data(await gateway.graphql("mutation($id: ID!) { addNote(applicationId: $id, body: \"A's note\") { id } }",
                                        {"id": card_a["id"]}, token=token_a))["addNote"]
    card_b = await approve(gateway, token_b)  # B's own card, to try A's note id under it

    attempts = {
        "reopenApplication": ("mutation($app: ID!) { reopenApplication(id: $app, toStatus: APPLIED) { id } }",
                              {"app": card_a["id"]}),
        "editNote": ("mutation($app: ID!, $note: ID!) { editNote(applicationId: $app, noteId: $note, body: \"B\") "
                     "{ id } }", {"app": card_a["id"], "note": note_a["id"]}),
        "editNote under B's card": ("mutation($app: ID!, $note: ID!) { editNote(applicationId: $app, noteId: $note, "
                                    "body: \"B\") { id } }", {"app": card_b["id"], "note": note_a["id"]}),
        "deleteNote": ("mutation($app: ID!, $note: ID!) { deleteNote(applicationId: $app, noteId: $note) }",
                       {"app": card_a["id"], "note": note_a["id"]}),
        "deleteNote under B's card": ("mutation($app: ID!, $note: ID!) { deleteNote(applicationId: $app, "
                                      "noteId: $note) }", {"app": card_b["id"], "note": note_a["id"]}),
        "reanalyze": ("mutation($app: ID!) { reanalyze(id: $app) { id } }", {"app": card_a["id"]}),
    }
    for name, (query, variables) in attempts.items():
        reply = await gateway.graphql(query, variables, token=token_b)
        assert reply["data"] is None or all(value is None for value in reply["data"].values()), (name, reply)
        assert codes(reply) == ["NOT_FOUND"], (name, reply)
        assert "Alice" not in json.dumps(reply) and "A's note" not in json.dumps(reply), (name, reply)

    still = data(await gateway.graphql(
        "query($id: ID!) { application(id: $id) { status version analysisState notes { id body } "
        "history { reopen } } }", {"id": card_a["id"]}, token=token_a))["application"]
    assert still["status"] == "REJECTED" and still["analysisState"] == "QUEUED"
    assert still["notes"] == [{"id": note_a["id"], "body": "A's note"}]
    assert not any(entry["reopen"] for entry in still["history"])
    # B's reanalyze did not supersede A's analysis: no new command for A's card was published.
    while not analyze_commands.empty():
        command = analyze_commands.get_nowait()
        if command.analyze_job.application_id == card_a["id"]:
            assert command.id == first_command  # only outbox re-sends of the approval's command
