"""CV upload, storage, the durable parse command, ai_coach's results, and who may read a CV."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask

from common import messages
from common.bus import Bus
from devtools.devstack import EmbeddedRedis
from jobmate.events.v1 import events_pb2
from jobmate.profile.v1 import profile_pb2
from tests.helpers import wait_for
from tests.integration.test_profile_support import internal, make_pdf, profile_client, register

COACH = ("ai_coach", "profile.cv.read", "profile.cv.write", "profile.read")


class CommandCollector:
    """Keeps every CMD_PARSE_CV that arrives on a real subscription."""

    def __init__(self, bus: Bus) -> None:
        self.items: list[events_pb2.Command] = []
        self.subscription = bus.subscribe(["CMD_PARSE_CV"])
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        async for _channel, data in self.subscription:
            self.items.append(messages.command_from_json(data))

    def for_cv(self, cv_id: str) -> list[events_pb2.Command]:
        return [c for c in self.items if c.parse_cv.cv_id == cv_id]

    async def close(self) -> None:
        self.subscription.close()
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


@pytest.fixture
async def commands(bus: Bus) -> AsyncIterator[CommandCollector]:
    collector = CommandCollector(bus)
    await asyncio.wait_for(collector.subscription.connected.wait(), 5)
    yield collector
    await collector.close()


async def cv_events(bus: Bus, user_id: str) -> list[events_pb2.CvParsed]:
    return [e.event.cv_parsed for e in await bus.read_user_events(user_id)
            if e.event.type == events_pb2.EVENT_TYPE_CV_PARSED]


def stored_files(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []


async def test_upload_stores_the_pdf_and_sends_a_parse_command_that_only_owner_and_coach_can_follow(
        services, commands: CommandCollector, tmp_path: Path) -> None:
    pdf = make_pdf(pages=2)
    async with profile_client(services, cv_storage_dir=tmp_path / "cv") as stub:
        owner, other = await register(stub), await register(stub)
        cv = (await stub.UploadCv(profile_pb2.UploadCvRequest(filename="../../etc/My CV.pdf", content=pdf,
                                                              overwrite_profile=True),
                                  metadata=owner.auth, timeout=10)).cv
        assert (cv.filename, cv.size_bytes, cv.page_count, cv.parse_status) == (
            "My CV.pdf", len(pdf), 2, profile_pb2.CV_PARSE_STATUS_QUEUED)
        assert len(stored_files(tmp_path / "cv")) == 1

        command = (await wait_for(lambda: commands.for_cv(cv.cv_id)))[0]
        assert (command.user_id, command.parse_cv.overwrite, command.attempt) == (owner.user_id, True, 1)

        status = (await stub.GetCvStatus(profile_pb2.GetCvStatusRequest(), metadata=owner.auth, timeout=5)).cv
        assert status.cv_id == cv.cv_id
        mine = await stub.DownloadCv(profile_pb2.DownloadCvRequest(), metadata=owner.auth, timeout=5)
        assert (mine.content, mine.cv.cv_id) == (pdf, cv.cv_id)
        coach = await stub.DownloadCv(profile_pb2.DownloadCvRequest(cv_id=cv.cv_id), metadata=internal(*COACH),
                                      timeout=5)
        assert (coach.content, coach.user_id) == (pdf, owner.user_id)

        # Another user who learns (or guesses) the id gets nothing, and has no CV of their own.
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await stub.DownloadCv(profile_pb2.DownloadCvRequest(cv_id=cv.cv_id), metadata=other.auth, timeout=5)
        assert (info.value.code(), info.value.details()) == (grpc.StatusCode.NOT_FOUND, "CV not found")
        assert not (await stub.GetCvStatus(profile_pb2.GetCvStatusRequest(), metadata=other.auth,
                                           timeout=5)).HasField("cv")
        # ai_coach cannot report a result for the other user's CV by mixing ids either.
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await stub.ApplyParsedCv(profile_pb2.ApplyParsedCvRequest(command_id=str(uuid.uuid4()), cv_id=cv.cv_id),
                                     metadata=internal(*COACH), timeout=5)
        assert info.value.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize(("content", "expected"), [
    (b"Jane Doe\nPython developer\n" * 20, "not a PDF"),
    (make_pdf(pages=1)[:-60], "incomplete or damaged"),
    (make_pdf(pages=1) + b"\0" * (11 * 1024 * 1024), "a CV may be at most 10.0 MB"),
    (b"", "the file is empty"),
    (make_pdf(pages=31), "has 31 pages"),
], ids=["text-renamed-pdf", "truncated", "11MB", "empty", "too-many-pages"])
async def test_files_that_are_not_a_complete_pdf_are_refused_and_nothing_is_stored(
        services, tmp_path: Path, content: bytes, expected: str) -> None:
    async with profile_client(services, cv_storage_dir=tmp_path / "cv") as stub:
        owner = await register(stub)
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await stub.UploadCv(profile_pb2.UploadCvRequest(filename="cv.pdf", content=content),
                                metadata=owner.auth, timeout=10)
        assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert expected in info.value.details()
        assert stored_files(tmp_path / "cv") == []
        assert not (await stub.GetCvStatus(profile_pb2.GetCvStatusRequest(), metadata=owner.auth,
                                           timeout=5)).HasField("cv")
        runtime = services.runtimes["profile_service"]
        assert await runtime.pool.fetchval("SELECT count(*) FROM outbox") == 0


async def upload(stub, account, commands: CommandCollector, *, overwrite: bool = False) -> tuple[str, str]:
    cv = (await stub.UploadCv(profile_pb2.UploadCvRequest(filename="cv.pdf", content=make_pdf(),
                                                          overwrite_profile=overwrite),
                              metadata=account.auth, timeout=10)).cv
    command = (await wait_for(lambda: commands.for_cv(cv.cv_id)))[0]
    return cv.cv_id, command.id


def parsed_profile(headline: str = "Senior Python developer") -> profile_pb2.Profile:
    return profile_pb2.Profile(
        full_name="Jane From The CV", headline=headline, summary="Ten years of backend work.",
        contact=profile_pb2.Contact(email="jane@cv.example", phone="+33 6 12 34 56 78"),
        skills=[profile_pb2.Skill(name="Python", years=8), profile_pb2.Skill(name="", level="junk")],
        experience=[profile_pb2.Experience(title="Backend engineer", company="Acme", start="2019-03", end="present")])


async def test_parsed_cv_fills_only_fields_the_user_has_not_set_and_applies_once(
        services, commands: CommandCollector, bus: Bus) -> None:
    async with profile_client(services) as stub:
        owner = await register(stub, full_name="Jane Doe")
        await stub.UpdateProfile(profile_pb2.UpdateProfileRequest(
            profile=profile_pb2.Profile(contact=profile_pb2.Contact(phone="+1 555 0100")),
            update_mask=FieldMask(paths=["contact.phone"])), metadata=owner.auth, timeout=5)
        cv_id, command_id = await upload(stub, owner, commands)

        coach = internal(*COACH)
        request = profile_pb2.ApplyParsedCvRequest(command_id=command_id, cv_id=cv_id, parsed=parsed_profile(),
                                                   cv_text="Jane ... Python ...")
        first = await stub.ApplyParsedCv(request, metadata=coach, timeout=5)
        assert not first.already_applied
        assert set(first.fields_filled) == {"headline", "summary", "contact.email", "skills", "experience"}

        profile = (await stub.GetProfile(profile_pb2.GetProfileRequest(), metadata=owner.auth, timeout=5)).profile
        assert profile.full_name == "Jane Doe"  # given at sign-up: the user's own
        assert profile.contact.phone == "+1 555 0100"  # edited by the user
        assert profile.headline == "Senior Python developer"
        assert [s.name for s in profile.skills] == ["Python"]  # the nameless skill was dropped
        assert profile.cv_text == "Jane ... Python ..."
        assert profile.cv.parse_status == profile_pb2.CV_PARSE_STATUS_DONE

        # The same command again (ai_coach retried): nothing changes, even with different content.
        again = await stub.ApplyParsedCv(profile_pb2.ApplyParsedCvRequest(
            command_id=command_id, cv_id=cv_id, parsed=parsed_profile("Something else")), metadata=coach, timeout=5)
        assert again.already_applied and list(again.fields_filled) == list(first.fields_filled)
        after = (await stub.GetProfile(profile_pb2.GetProfileRequest(), metadata=owner.auth, timeout=5)).profile
        after.ClearField("updated_at")
        profile.ClearField("updated_at")
        assert after == profile

        events = await wait_for(lambda: cv_events(bus, owner.user_id))
        assert [(e.cv_id, e.ok, e.command_id) for e in events] == [(cv_id, True, command_id)]
        assert set(events[0].fields_filled) == set(first.fields_filled)

        # A field the user edits after the parse is theirs from now on: a later parse leaves it alone...
        await stub.UpdateProfile(profile_pb2.UpdateProfileRequest(
            profile=profile_pb2.Profile(headline="Staff engineer"), update_mask=FieldMask(paths=["headline"])),
            metadata=owner.auth, timeout=5)
        cv_id, command_id = await upload(stub, owner, commands)
        second = await stub.ApplyParsedCv(profile_pb2.ApplyParsedCvRequest(
            command_id=command_id, cv_id=cv_id, parsed=parsed_profile("Parsed headline")), metadata=coach, timeout=5)
        assert "headline" not in second.fields_filled
        # ...unless the upload asked to overwrite.
        cv_id, command_id = await upload(stub, owner, commands, overwrite=True)
        third = await stub.ApplyParsedCv(profile_pb2.ApplyParsedCvRequest(
            command_id=command_id, cv_id=cv_id, parsed=parsed_profile("Parsed headline")), metadata=coach, timeout=5)
        assert {"headline", "full_name", "contact.phone"} <= set(third.fields_filled)
        profile = (await stub.GetProfile(profile_pb2.GetProfileRequest(), metadata=owner.auth, timeout=5)).profile
        assert (profile.headline, profile.full_name) == ("Parsed headline", "Jane From The CV")


async def test_the_stored_cv_says_which_fields_its_parse_could_not_read_or_did_not_find(
        services, commands: CommandCollector, bus: Bus) -> None:
    async with profile_client(services) as stub:
        owner = await register(stub, full_name="Jane Doe")
        coach = internal(*COACH)
        # The parser's experience reader failed on this CV's layout, and the CV gives no phone number.
        cv_id, command_id = await upload(stub, owner, commands)
        parsed = profile_pb2.Profile(full_name="Jane From The CV", contact=profile_pb2.Contact(email="jane@cv.example"),
                                     skills=[profile_pb2.Skill(name="Python")])
        request = profile_pb2.ApplyParsedCvRequest(command_id=command_id, cv_id=cv_id, parsed=parsed,
                                                   cv_text="Jane ... Python ...", fields_unread=["experience"])
        applied = await stub.ApplyParsedCv(request, metadata=coach, timeout=5)
        assert set(applied.fields_filled) == {"contact.email", "skills"}

        cv = await cv_status(stub, owner)
        assert (cv.cv_id, cv.parse_status) == (cv_id, profile_pb2.CV_PARSE_STATUS_DONE)
        assert (list(cv.fields_unread), list(cv.fields_missing)) == (["experience"], ["contact.phone"])
        profile = (await stub.GetProfile(profile_pb2.GetProfileRequest(), metadata=owner.auth, timeout=5)).profile
        assert (list(profile.cv.fields_unread), list(profile.cv.fields_missing)) == (["experience"], ["contact.phone"])
        # The live event names them too, so the toast can ask for them at once.
        events = await wait_for(lambda: cv_events(bus, owner.user_id))
        assert (list(events[0].fields_unread), list(events[0].fields_missing)) == (["experience"], ["contact.phone"])
        # ai_coach retrying the command with another answer changes nothing.
        request.fields_unread[:] = ["skills"]
        assert (await stub.ApplyParsedCv(request, metadata=coach, timeout=5)).already_applied
        assert list((await cv_status(stub, owner)).fields_unread) == ["experience"]

        # A phone the user typed in is no gap for the live notice, though this CV has none either.
        await stub.UpdateProfile(profile_pb2.UpdateProfileRequest(
            profile=profile_pb2.Profile(contact=profile_pb2.Contact(phone="+33 6 12 34 56 78")),
            update_mask=FieldMask(paths=["contact.phone"])), metadata=owner.auth, timeout=5)
        cv_id, command_id = await upload(stub, owner, commands)
        request = profile_pb2.ApplyParsedCvRequest(command_id=command_id, cv_id=cv_id, parsed=parsed,
                                                   cv_text="Jane ... Python ...", fields_unread=["experience"])
        await stub.ApplyParsedCv(request, metadata=coach, timeout=5)
        async def both_parses() -> list[events_pb2.CvParsed]:
            found = await cv_events(bus, owner.user_id)
            return found if len(found) == 2 else []

        events = await wait_for(both_parses)
        assert (list(events[1].fields_unread), list(events[1].fields_missing)) == (["experience"], [])
        assert list((await cv_status(stub, owner)).fields_missing) == ["contact.phone"]  # the CV itself had none

        # The next CV gives everything: nothing is unread or missing any more.
        cv_id, command_id = await upload(stub, owner, commands)
        queued = await cv_status(stub, owner)
        assert (queued.cv_id, list(queued.fields_unread), list(queued.fields_missing)) == (cv_id, [], [])
        await stub.ApplyParsedCv(profile_pb2.ApplyParsedCvRequest(command_id=command_id, cv_id=cv_id,
                                                                  parsed=parsed_profile()), metadata=coach, timeout=5)
        cv = await cv_status(stub, owner)
        assert (cv.cv_id, list(cv.fields_unread), list(cv.fields_missing)) == (cv_id, [], [])

        # A CV that could not be read at all says so in its error, not as a list of every field.
        cv_id, command_id = await upload(stub, owner, commands)
        await stub.RecordCvParseFailure(profile_pb2.RecordCvParseFailureRequest(
            command_id=command_id, cv_id=cv_id, code="NO_TEXT", reason="the PDF has no text layer (a scan?)"),
            metadata=coach, timeout=5)
        cv = await cv_status(stub, owner)
        assert (cv.parse_status, list(cv.fields_unread), list(cv.fields_missing)) == (
            profile_pb2.CV_PARSE_STATUS_FAILED, [], [])


async def test_parse_failure_is_stored_with_its_reason_and_announced(
        services, commands: CommandCollector, bus: Bus) -> None:
    async with profile_client(services) as stub:
        owner = await register(stub)
        cv_id, command_id = await upload(stub, owner, commands)
        request = profile_pb2.RecordCvParseFailureRequest(command_id=command_id, cv_id=cv_id, code="NO_TEXT",
                                                          reason="the PDF has no text layer (a scan?)")
        await stub.RecordCvParseFailure(request, metadata=internal(*COACH), timeout=5)
        await stub.RecordCvParseFailure(request, metadata=internal(*COACH), timeout=5)  # a retry changes nothing
        cv = (await stub.GetCvStatus(profile_pb2.GetCvStatusRequest(), metadata=owner.auth, timeout=5)).cv
        assert (cv.parse_status, cv.parse_error) == (profile_pb2.CV_PARSE_STATUS_FAILED,
                                                     "the PDF has no text layer (a scan?)")
        events = await wait_for(lambda: cv_events(bus, owner.user_id))
        assert [(e.ok, e.reason) for e in events] == [(False, "the PDF has no text layer (a scan?)")]


async def test_a_parse_nobody_answers_ends_as_a_stored_failure(
        services, commands: CommandCollector, bus: Bus) -> None:
    async with profile_client(services, outbox_result_timeout_s=0.2, outbox_max_attempts=2,
                              outbox_poll_interval_s=0.05) as stub:
        owner = await register(stub)
        cv_id, _ = await upload(stub, owner, commands)

        async def failed():
            cv = (await stub.GetCvStatus(profile_pb2.GetCvStatusRequest(), metadata=owner.auth, timeout=5)).cv
            return cv if cv.parse_status == profile_pb2.CV_PARSE_STATUS_FAILED else None

        cv = await wait_for(failed, timeout_s=15)
        assert "no result after 2 attempts" in cv.parse_error
        events = await wait_for(lambda: cv_events(bus, owner.user_id))
        assert [(e.cv_id, e.ok) for e in events] == [(cv_id, False)]


async def cv_status(stub, account) -> profile_pb2.CvInfo:
    return (await stub.GetCvStatus(profile_pb2.GetCvStatusRequest(), metadata=account.auth, timeout=5)).cv


async def given_up(stub, account, cv_id: str) -> None:
    """Waits until the outbox has given up on this CV's parse and stored the failure."""
    async def failed():
        cv = await cv_status(stub, account)
        return cv.cv_id == cv_id and cv.parse_status == profile_pb2.CV_PARSE_STATUS_FAILED
    await wait_for(failed, timeout_s=15)


GIVE_UP_FAST = {"outbox_result_timeout_s": 0.2, "outbox_max_attempts": 2, "outbox_poll_interval_s": 0.05}


async def test_a_parse_arriving_after_the_give_up_is_applied_once(
        services, commands: CommandCollector, bus: Bus) -> None:
    async with profile_client(services, **GIVE_UP_FAST) as stub:
        owner = await register(stub)
        cv_id, command_id = await upload(stub, owner, commands)
        await given_up(stub, owner, cv_id)

        coach = internal(*COACH)
        late = await stub.ApplyParsedCv(profile_pb2.ApplyParsedCvRequest(
            command_id=command_id, cv_id=cv_id, parsed=parsed_profile(), cv_text="Jane ... Python ..."),
            metadata=coach, timeout=5)
        assert (late.already_applied, late.superseded) == (False, False)
        assert set(late.fields_filled) == {"full_name", "headline", "summary", "contact.email", "contact.phone",
                                           "skills", "experience"}
        profile = (await stub.GetProfile(profile_pb2.GetProfileRequest(), metadata=owner.auth, timeout=5)).profile
        assert (profile.headline, profile.cv_text) == ("Senior Python developer", "Jane ... Python ...")
        # The stored failure is replaced by the parse.
        assert (profile.cv.cv_id, profile.cv.parse_status, profile.cv.parse_error) == (
            cv_id, profile_pb2.CV_PARSE_STATUS_DONE, "")

        again = await stub.ApplyParsedCv(profile_pb2.ApplyParsedCvRequest(
            command_id=command_id, cv_id=cv_id, parsed=parsed_profile("Something else")), metadata=coach, timeout=5)
        assert (again.already_applied, again.superseded) == (True, False)
        assert list(again.fields_filled) == list(late.fields_filled)
        assert (await stub.GetProfile(profile_pb2.GetProfileRequest(), metadata=owner.auth,
                                      timeout=5)).profile.headline == "Senior Python developer"
        # A failure report for the same command now changes nothing either.
        await stub.RecordCvParseFailure(profile_pb2.RecordCvParseFailureRequest(
            command_id=command_id, cv_id=cv_id, reason="late failure"), metadata=coach, timeout=5)
        assert (await cv_status(stub, owner)).parse_status == profile_pb2.CV_PARSE_STATUS_DONE

        async def two_events():
            events = await cv_events(bus, owner.user_id)
            return events if len(events) >= 2 else None
        events = await wait_for(two_events)
        assert [(e.cv_id, e.ok, e.command_id) for e in events] == [(cv_id, False, command_id),
                                                                   (cv_id, True, command_id)]
        assert set(events[1].fields_filled) == set(late.fields_filled)


async def test_a_late_parse_of_a_replaced_cv_fills_nothing_and_says_it_was_superseded(
        services, commands: CommandCollector) -> None:
    async with profile_client(services, **GIVE_UP_FAST) as stub:
        owner = await register(stub)
        old_cv, old_command = await upload(stub, owner, commands)
        await given_up(stub, owner, old_cv)
        new_cv, new_command = await upload(stub, owner, commands)

        coach = internal(*COACH)
        request = profile_pb2.ApplyParsedCvRequest(command_id=old_command, cv_id=old_cv, parsed=parsed_profile(),
                                                   cv_text="old text")
        late = await stub.ApplyParsedCv(request, metadata=coach, timeout=5)
        assert (late.already_applied, late.superseded, list(late.fields_filled)) == (False, True, [])
        again = await stub.ApplyParsedCv(request, metadata=coach, timeout=5)
        assert (again.already_applied, again.superseded, list(again.fields_filled)) == (True, True, [])
        profile = (await stub.GetProfile(profile_pb2.GetProfileRequest(), metadata=owner.auth, timeout=5)).profile
        assert (profile.headline, profile.cv_text, profile.cv.cv_id) == ("", "", new_cv)

        # The new CV's parse gets no answer either; the parser's own reason, arriving late, replaces the
        # give-up message, since it tells the user more.
        await given_up(stub, owner, new_cv)
        await stub.RecordCvParseFailure(profile_pb2.RecordCvParseFailureRequest(
            command_id=new_command, cv_id=new_cv, code="NO_TEXT", reason="the PDF has no text layer (a scan?)"),
            metadata=coach, timeout=5)
        cv = await cv_status(stub, owner)
        assert (cv.cv_id, cv.parse_status, cv.parse_error) == (
            new_cv, profile_pb2.CV_PARSE_STATUS_FAILED, "the PDF has no text layer (a scan?)")


async def test_a_parse_of_a_cv_replaced_before_the_result_says_it_was_superseded(
        services, commands: CommandCollector) -> None:
    async with profile_client(services) as stub:
        owner = await register(stub)
        old_cv, old_command = await upload(stub, owner, commands)
        new_cv, _ = await upload(stub, owner, commands)
        result = await stub.ApplyParsedCv(profile_pb2.ApplyParsedCvRequest(
            command_id=old_command, cv_id=old_cv, parsed=parsed_profile()), metadata=internal(*COACH), timeout=5)
        assert (result.already_applied, result.superseded, list(result.fields_filled)) == (False, True, [])
        profile = (await stub.GetProfile(profile_pb2.GetProfileRequest(), metadata=owner.auth, timeout=5)).profile
        assert (profile.headline, profile.cv.cv_id, profile.cv.parse_status) == (
            "", new_cv, profile_pb2.CV_PARSE_STATUS_QUEUED)


async def test_upload_while_redis_is_down_delivers_the_parse_command_once_redis_is_back(
        services, restartable_redis: EmbeddedRedis) -> None:
    # A short result timeout: the relay re-publishes until someone answers, so a subscriber that joins
    # after the first publication still gets it (pub/sub keeps nothing for late subscribers).
    async with profile_client(services, redis_url=restartable_redis.url, outbox_result_timeout_s=1.0,
                              outbox_max_attempts=30, outbox_poll_interval_s=0.1) as stub:
        owner = await register(stub)
        await asyncio.to_thread(restartable_redis.stop)
        cv = (await stub.UploadCv(profile_pb2.UploadCvRequest(filename="cv.pdf", content=make_pdf()),
                                  metadata=owner.auth, timeout=10)).cv
        assert cv.parse_status == profile_pb2.CV_PARSE_STATUS_QUEUED

        await asyncio.to_thread(restartable_redis.start)
        bus = Bus.from_url(restartable_redis.url)
        collector = CommandCollector(bus)
        try:
            await asyncio.wait_for(collector.subscription.connected.wait(), 10)
            delivered = (await wait_for(lambda: collector.for_cv(cv.cv_id), timeout_s=20))[0]
            assert (delivered.user_id, delivered.type) == (owner.user_id, events_pb2.COMMAND_TYPE_PARSE_CV)
        finally:
            await collector.close()
            await bus.close()


# --- parsing the current CV again (ReparseCv) ------------------------------------------------------
async def test_reparse_parses_the_stored_cv_again_without_an_upload_and_supersedes_the_parse_in_flight(
        services, commands: CommandCollector, bus: Bus, tmp_path: Path) -> None:
    pdf = make_pdf(pages=2)
    async with profile_client(services, cv_storage_dir=tmp_path / "cv") as stub:
        owner = await register(stub, full_name="Jane Doe")
        first = (await stub.UploadCv(profile_pb2.UploadCvRequest(filename="Jane CV.pdf", content=pdf),
                                     metadata=owner.auth, timeout=10)).cv
        first_command = (await wait_for(lambda: commands.for_cv(first.cv_id)))[0]

        again = (await stub.ReparseCv(profile_pb2.ReparseCvRequest(overwrite_profile=True), metadata=owner.auth,
                                      timeout=10)).cv
        # A new parse of the same stored file: same bytes, name and pages, its own id and status.
        assert again.cv_id != first.cv_id
        assert (again.filename, again.sha256, again.size_bytes, again.page_count, again.parse_status) == (
            "Jane CV.pdf", first.sha256, len(pdf), 2, profile_pb2.CV_PARSE_STATUS_QUEUED)
        assert len(stored_files(tmp_path / "cv")) == 1
        command = (await wait_for(lambda: commands.for_cv(again.cv_id)))[0]
        assert command.id != first_command.id
        assert (command.user_id, command.type, command.parse_cv.overwrite) == (
            owner.user_id, events_pb2.COMMAND_TYPE_PARSE_CV, True)
        assert (await cv_status(stub, owner)).cv_id == again.cv_id
        coach_copy = await stub.DownloadCv(profile_pb2.DownloadCvRequest(cv_id=again.cv_id),
                                           metadata=internal(*COACH), timeout=5)
        assert (coach_copy.content, coach_copy.user_id) == (pdf, owner.user_id)

        # The parse that was still in flight for the first record fills nothing any more...
        coach = internal(*COACH)
        stale = await stub.ApplyParsedCv(profile_pb2.ApplyParsedCvRequest(
            command_id=first_command.id, cv_id=first.cv_id, parsed=parsed_profile("Stale headline")),
            metadata=coach, timeout=5)
        assert (stale.superseded, list(stale.fields_filled)) == (True, [])
        # ...and the re-parse, asked to overwrite, replaces even the name given at sign-up, once.
        request = profile_pb2.ApplyParsedCvRequest(command_id=command.id, cv_id=again.cv_id,
                                                   parsed=parsed_profile(), cv_text="Jane ... Python ...")
        applied = await stub.ApplyParsedCv(request, metadata=coach, timeout=5)
        assert (applied.already_applied, applied.superseded) == (False, False)
        assert {"full_name", "headline"} <= set(applied.fields_filled)
        assert (await stub.ApplyParsedCv(request, metadata=coach, timeout=5)).already_applied
        profile = (await stub.GetProfile(profile_pb2.GetProfileRequest(), metadata=owner.auth, timeout=5)).profile
        assert (profile.full_name, profile.headline, profile.cv.cv_id, profile.cv.parse_status) == (
            "Jane From The CV", "Senior Python developer", again.cv_id, profile_pb2.CV_PARSE_STATUS_DONE)

        async def both_events():
            events = await cv_events(bus, owner.user_id)
            return events if len(events) >= 2 else None
        events = await wait_for(both_events)
        assert [(e.cv_id, e.ok, e.command_id) for e in events] == [(first.cv_id, True, first_command.id),
                                                                   (again.cv_id, True, command.id)]


async def test_reparse_after_a_failed_parse_ends_in_a_stored_result_again(
        services, commands: CommandCollector) -> None:
    async with profile_client(services, **GIVE_UP_FAST) as stub:
        owner = await register(stub)
        cv_id, _ = await upload(stub, owner, commands)
        await given_up(stub, owner, cv_id)
        again = (await stub.ReparseCv(profile_pb2.ReparseCvRequest(), metadata=owner.auth, timeout=10)).cv
        assert again.parse_status == profile_pb2.CV_PARSE_STATUS_QUEUED
        command = (await wait_for(lambda: commands.for_cv(again.cv_id)))[0]
        assert command.parse_cv.overwrite is False
        # Nobody answers this one either: it too ends as a stored failure, not as a parse left queued.
        await given_up(stub, owner, again.cv_id)
        assert "no result after 2 attempts" in (await cv_status(stub, owner)).parse_error


async def test_reparse_without_a_cv_or_without_its_file_is_not_found_and_queues_nothing(
        services, commands: CommandCollector, tmp_path: Path) -> None:
    async with profile_client(services, cv_storage_dir=tmp_path / "cv") as stub:
        owner, other = await register(stub), await register(stub)
        pool = services.runtimes["profile_service"].pool
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await stub.ReparseCv(profile_pb2.ReparseCvRequest(), metadata=owner.auth, timeout=5)
        assert (info.value.code(), info.value.details()) == (grpc.StatusCode.NOT_FOUND,
                                                             "you have no CV yet; upload one first")
        assert await pool.fetchval("SELECT count(*) FROM outbox") == 0

        cv_id, _ = await upload(stub, owner, commands)
        # Another user's re-parse is about their own (missing) CV, never the owner's.
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await stub.ReparseCv(profile_pb2.ReparseCvRequest(), metadata=other.auth, timeout=5)
        assert info.value.code() == grpc.StatusCode.NOT_FOUND
        assert (await cv_status(stub, owner)).cv_id == cv_id

        for path in stored_files(tmp_path / "cv"):
            path.unlink()
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await stub.ReparseCv(profile_pb2.ReparseCvRequest(), metadata=owner.auth, timeout=5)
        assert (info.value.code(), info.value.details()) == (
            grpc.StatusCode.NOT_FOUND, "the CV file is missing from storage; upload it again")
        assert (await cv_status(stub, owner)).cv_id == cv_id
        assert await pool.fetchval("SELECT count(*) FROM outbox") == 1  # the upload's command only
