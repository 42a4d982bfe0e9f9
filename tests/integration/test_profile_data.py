"""Profiles and saved searches: partial updates, validation messages, isolation between users, internal reads."""

from __future__ import annotations

import uuid

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask

from jobmate.profile.v1 import profile_pb2
from tests.integration.test_profile_support import internal, profile_client, register

P = profile_pb2


async def expect_error(call, code: grpc.StatusCode) -> str:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await call
    assert info.value.code() == code, info.value.details()
    return info.value.details()


def search(**overrides) -> P.SearchConfig:
    values = dict(name="Python in Berlin", job_titles=["Python developer"], locations=["Berlin"],
                  remote_policy=P.REMOTE_POLICY_HYBRID, keywords=["django"], red_flags=["unpaid"],
                  salary_min=60000, salary_max=80000, salary_currency="eur", start_date="2026-01-15",
                  cover_letter_template="Dear {company}, ...",
                  sources=[P.SourceSelection(source="greenhouse", params={"board_token": "acme"}),
                           P.SourceSelection(source="hh", params={"area": "1"})],
                  run_interval_minutes=60)
    values.update(overrides)
    return P.SearchConfig(**values)


async def update_profile(stub, account, paths: list[str], **fields) -> P.Profile:
    reply = await stub.UpdateProfile(P.UpdateProfileRequest(profile=P.Profile(**fields),
                                                            update_mask=FieldMask(paths=paths)),
                                     metadata=account.auth, timeout=5)
    return reply.profile


async def test_update_profile_changes_only_the_fields_in_the_mask(services) -> None:
    async with profile_client(services) as stub:
        me = await register(stub, full_name="Grace Hopper")
        profile = await update_profile(
            stub, me, ["headline", "status", "skills", "contact.phone"], headline="Compiler engineer",
            status=P.CAREER_STATUS_SENIOR, full_name="IGNORED: not in the mask",
            contact=P.Contact(phone="+1 555 0101", email="ignored@example.com"),
            skills=[P.Skill(name="COBOL", level="expert", years=30)])
        assert (profile.full_name, profile.headline, profile.status) == (
            "Grace Hopper", "Compiler engineer", P.CAREER_STATUS_SENIOR)
        assert (profile.contact.email, profile.contact.phone) == (me.email, "+1 555 0101")
        assert [(s.name, s.years) for s in profile.skills] == [("COBOL", 30)]

        # A repeated field in the mask is replaced as a whole; a masked field left out is cleared.
        profile = await update_profile(stub, me, ["skills", "headline"], skills=[P.Skill(name="Fortran")])
        assert [s.name for s in profile.skills] == ["Fortran"] and profile.headline == ""
        assert profile.contact.phone == "+1 555 0101"
        fetched = (await stub.GetProfile(P.GetProfileRequest(), metadata=me.auth, timeout=5)).profile
        assert fetched == profile


@pytest.mark.parametrize(("paths", "fields", "expected"), [
    ([], {"headline": "x"}, "update_mask is empty"),
    (["nickname"], {}, "'nickname' is not a profile field you can change"),
    (["cv_text"], {}, "'cv_text' is not a profile field you can change (it is read-only)"),
    (["user_id"], {"user_id": "someone-else"}, "'user_id' is not a profile field"),
    (["skills"], {"skills": [P.Skill(name="Go"), P.Skill(level="expert")]}, "skills[1] needs a name"),
    (["skills"], {"skills": [P.Skill(name="Go", years=-2)]}, "skills[0].years must be between 0 and 80"),
    (["experience"], {"experience": [P.Experience(title="Dev", start="March 2020")]},
     "experience[0].start must look like 2024 or 2024-03"),
    (["contact"], {"contact": P.Contact(links=[P.Link(kind="github", url="javascript:alert(1)")])},
     "contact.links[0].url must be a web address"),
    (["headline"], {"headline": "x" * 301}, "headline is 301 characters long; at most 300"),
    (["contact.email"], {"contact": P.Contact(email="nope")}, "contact.email is not a valid email address"),
    (["salary_expectation"], {"salary_expectation": 50000}, "salary_currency is required with salary_expectation"),
    (["salary_expectation", "salary_currency"], {"salary_expectation": -1, "salary_currency": "EUR"},
     "salary_expectation must be a yearly amount"),
    (["salary_currency"], {"salary_currency": "euros"}, "salary_currency must be an ISO 4217 code"),
    (["desired_locations"], {"desired_locations": ["x" * 201]}, "desired_locations[0] is 201 characters long"),
    (["desired_locations"], {"desired_locations": [f"City {i}" for i in range(21)]},
     "desired_locations has 21 entries; at most 20"),
    (["user_set_fields"], {"user_set_fields": ["headline"]}, "'user_set_fields' is not a profile field you can "
                                                             "change (it is read-only)"),
])
async def test_invalid_profile_updates_are_refused_with_a_message_naming_the_field(
        services, paths, fields, expected) -> None:
    async with profile_client(services) as stub:
        me = await register(stub, full_name="Kept")
        message = await expect_error(stub.UpdateProfile(P.UpdateProfileRequest(
            profile=P.Profile(**fields), update_mask=FieldMask(paths=paths)), metadata=me.auth, timeout=5),
            grpc.StatusCode.INVALID_ARGUMENT)
        assert expected in message
        assert (await stub.GetProfile(P.GetProfileRequest(), metadata=me.auth, timeout=5)).profile.full_name == "Kept"


async def test_job_preferences_are_kept_cleaned_and_every_user_set_field_is_reported(services) -> None:
    async with profile_client(services) as stub:
        me = await register(stub, full_name="Ada")
        assert list((await stub.GetProfile(P.GetProfileRequest(), metadata=me.auth, timeout=5)).profile
                    .user_set_fields) == ["full_name"]  # given at sign-up
        profile = await update_profile(
            stub, me, ["desired_locations", "remote_preference", "salary_expectation", "salary_currency",
                       "contact.phone"],
            desired_locations=[" Paris ", "Lyon", "paris", ""], remote_preference=P.REMOTE_POLICY_HYBRID,
            salary_expectation=55000, salary_currency="eur", contact=P.Contact(phone="+33 1 23 45 67 89"))
        assert list(profile.desired_locations) == ["Paris", "Lyon"]  # trimmed, blanks and repeats dropped
        assert (profile.remote_preference, profile.salary_expectation, profile.salary_currency) == (
            P.REMOTE_POLICY_HYBRID, 55000, "EUR")
        assert list(profile.user_set_fields) == sorted([
            "full_name", "desired_locations", "remote_preference", "salary_expectation", "salary_currency",
            "contact.phone"])
        # Clearing the expectation (masked, left out) keeps the currency and the field stays user-set.
        profile = await update_profile(stub, me, ["salary_expectation"])
        assert not profile.HasField("salary_expectation") and profile.salary_currency == "EUR"


async def test_saved_search_lifecycle_with_partial_updates_and_soft_delete(services) -> None:
    async with profile_client(services) as stub:
        me = await register(stub)
        created = (await stub.CreateSearchConfig(P.CreateSearchConfigRequest(config=search()), metadata=me.auth,
                                                 timeout=5)).config
        assert created.id and created.user_id == me.user_id and created.active
        assert (created.salary_currency, created.salary_min, list(created.keywords)) == ("EUR", 60000, ["django"])
        assert {s.source: dict(s.params) for s in created.sources} == {"greenhouse": {"board_token": "acme"},
                                                                       "hh": {"area": "1"}}

        patch = P.SearchConfig(id=created.id, keywords=["fastapi", "FastAPI", " asyncio "], salary_max=90000,
                               name="IGNORED")
        updated = (await stub.UpdateSearchConfig(P.UpdateSearchConfigRequest(
            config=patch, update_mask=FieldMask(paths=["keywords", "salary_max"])), metadata=me.auth,
            timeout=5)).config
        assert list(updated.keywords) == ["fastapi", "asyncio"]  # trimmed, de-duplicated ignoring case
        assert (updated.salary_max, updated.salary_min, updated.name) == (90000, 60000, "Python in Berlin")
        assert list(updated.job_titles) == ["Python developer"]

        fetched = (await stub.GetSearchConfig(P.GetSearchConfigRequest(id=created.id), metadata=me.auth,
                                              timeout=5)).config
        assert fetched == updated

        await stub.DeleteSearchConfig(P.DeleteSearchConfigRequest(id=created.id), metadata=me.auth, timeout=5)
        listed = (await stub.ListSearchConfigs(P.ListSearchConfigsRequest(), metadata=me.auth, timeout=5)).configs
        assert list(listed) == []
        everything = (await stub.ListSearchConfigs(P.ListSearchConfigsRequest(include_inactive=True),
                                                   metadata=me.auth, timeout=5)).configs
        assert [(c.id, c.active) for c in everything] == [(created.id, False)]

        reactivated = (await stub.UpdateSearchConfig(P.UpdateSearchConfigRequest(
            config=P.SearchConfig(id=created.id, active=True), update_mask=FieldMask(paths=["active"])),
            metadata=me.auth, timeout=5)).config
        assert reactivated.active


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"sources": [P.SourceSelection(source="monster")]}, "unknown job board 'monster'"),
    ({"sources": []}, "choose at least one job board"),
    ({"job_titles": [], "keywords": [" "]}, "at least one job title or keyword"),
    ({"salary_min": 90000, "salary_max": 50000}, "salary floor (90000) is above the ceiling (50000)"),
    ({"salary_currency": "euro"}, "'EURO' is not a 3-letter code"),
    ({"salary_currency": ""}, "a salary needs a currency"),
    ({"run_interval_minutes": 5}, "run interval must be between 15 minutes and 7 days"),
    ({"run_interval_minutes": 20000}, "run interval must be between 15 minutes and 7 days"),
    ({"remote_policy": 42}, "remote policy must be one of REMOTE, HYBRID, ON_SITE or ANY"),
    ({"start_date": "next monday"}, "start date 'next monday' is not a date like 2025-09-01"),
    ({"keywords": [f"k{i}" for i in range(51)]}, "too many keywords: 51 (at most 50)"),
    ({"sources": [P.SourceSelection(source="hh", params={"area": "1" * 501})]}, "parameter 'area' is too long"),
    ({"sources": [P.SourceSelection(source="lever"), P.SourceSelection(source="lever")]}, "listed twice"),
    ({"cover_letter_template": "x" * 10_001}, "cover-letter template is too long"),
])
async def test_invalid_saved_searches_are_refused_with_a_clear_message(services, overrides, expected) -> None:
    async with profile_client(services) as stub:
        me = await register(stub)
        message = await expect_error(stub.CreateSearchConfig(P.CreateSearchConfigRequest(config=search(**overrides)),
                                                              metadata=me.auth, timeout=5),
                                     grpc.StatusCode.INVALID_ARGUMENT)
        assert expected in message
        assert not (await stub.ListSearchConfigs(P.ListSearchConfigsRequest(include_inactive=True),
                                                 metadata=me.auth, timeout=5)).configs


async def test_search_updates_need_a_mask_of_known_settings_and_keep_the_search_valid(services) -> None:
    async with profile_client(services) as stub:
        me = await register(stub)
        created = (await stub.CreateSearchConfig(P.CreateSearchConfigRequest(config=search()), metadata=me.auth,
                                                 timeout=5)).config
        for patch, paths, expected in (
            (P.SearchConfig(id=created.id), [], "update_mask is empty"),
            (P.SearchConfig(id=created.id), ["user_id"], "'user_id' is not a search setting you can change"),
            (P.SearchConfig(id=created.id, salary_min=100000), ["salary_min"],
             "salary floor (100000) is above the ceiling (80000)"),
        ):
            message = await expect_error(stub.UpdateSearchConfig(P.UpdateSearchConfigRequest(
                config=patch, update_mask=FieldMask(paths=paths)), metadata=me.auth, timeout=5),
                grpc.StatusCode.INVALID_ARGUMENT)
            assert expected in message
        unchanged = (await stub.GetSearchConfig(P.GetSearchConfigRequest(id=created.id), metadata=me.auth,
                                                timeout=5)).config
        assert unchanged == created


async def test_a_user_can_neither_read_nor_change_another_users_profile_or_searches(services) -> None:
    async with profile_client(services) as stub:
        alice, mallory = await register(stub, full_name="Alice"), await register(stub, full_name="Mallory")
        alices = (await stub.CreateSearchConfig(P.CreateSearchConfigRequest(config=search()), metadata=alice.auth,
                                                timeout=5)).config
        # Profiles are addressed by the token only: user_id in the request changes nothing.
        await expect_error(stub.UpdateProfile(P.UpdateProfileRequest(
            profile=P.Profile(user_id=alice.user_id, headline="pwned"), update_mask=FieldMask(paths=["user_id"])),
            metadata=mallory.auth, timeout=5), grpc.StatusCode.INVALID_ARGUMENT)
        mine = await update_profile(stub, mallory, ["headline"], user_id=alice.user_id, headline="mine")
        assert mine.user_id == mallory.user_id

        for call in (
            stub.GetSearchConfig(P.GetSearchConfigRequest(id=alices.id), metadata=mallory.auth, timeout=5),
            stub.UpdateSearchConfig(P.UpdateSearchConfigRequest(config=P.SearchConfig(id=alices.id, keywords=["x"]),
                                                                update_mask=FieldMask(paths=["keywords"])),
                                    metadata=mallory.auth, timeout=5),
            stub.DeleteSearchConfig(P.DeleteSearchConfigRequest(id=alices.id), metadata=mallory.auth, timeout=5),
            # Guessing: random, malformed and empty ids answer the same way.
            stub.GetSearchConfig(P.GetSearchConfigRequest(id=str(uuid.uuid4())), metadata=mallory.auth, timeout=5),
            stub.GetSearchConfig(P.GetSearchConfigRequest(id="1 OR 1=1"), metadata=mallory.auth, timeout=5),
        ):
            assert await expect_error(call, grpc.StatusCode.NOT_FOUND) == "saved search not found"
        # A config created with someone else's user_id belongs to its creator.
        planted = (await stub.CreateSearchConfig(P.CreateSearchConfigRequest(config=search(user_id=alice.user_id)),
                                                 metadata=mallory.auth, timeout=5)).config
        assert planted.user_id == mallory.user_id
        assert [c.id for c in (await stub.ListSearchConfigs(P.ListSearchConfigsRequest(include_inactive=True),
                                                            metadata=alice.auth, timeout=5)).configs] == [alices.id]
        unchanged = (await stub.GetSearchConfig(P.GetSearchConfigRequest(id=alices.id), metadata=alice.auth,
                                                timeout=5)).config
        assert unchanged == alices
        profile = (await stub.GetProfile(P.GetProfileRequest(), metadata=alice.auth, timeout=5)).profile
        assert (profile.full_name, profile.headline) == ("Alice", "")


async def test_internal_reads_page_through_active_searches_and_batch_get_by_id(services) -> None:
    async with profile_client(services) as stub:
        a, b = await register(stub), await register(stub)
        ids = []
        for account, title in ((a, "Data engineer"), (a, "ML engineer"), (b, "SRE"), (b, "Go developer")):
            ids.append((await stub.CreateSearchConfig(P.CreateSearchConfigRequest(
                config=search(job_titles=[title], name="")), metadata=account.auth, timeout=5)).config.id)
        await stub.DeleteSearchConfig(P.DeleteSearchConfigRequest(id=ids[3]), metadata=b.auth, timeout=5)

        discovery = internal("discovery_service", "profile.searches.read")
        seen, token, pages = [], "", 0
        while True:
            reply = await stub.ListActiveSearchConfigs(P.ListActiveSearchConfigsRequest(
                page={"page_size": 2, "page_token": token}), metadata=discovery, timeout=5)
            seen += [(c.id, c.user_id, c.name) for c in reply.configs]
            pages += 1
            assert reply.page_info.total_count == 3
            token = reply.page_info.next_page_token
            if not reply.page_info.has_more:
                break
        assert pages == 2
        assert sorted(seen) == sorted([(ids[0], a.user_id, "Data engineer"), (ids[1], a.user_id, "ML engineer"),
                                       (ids[2], b.user_id, "SRE")])
        await expect_error(stub.ListActiveSearchConfigs(P.ListActiveSearchConfigsRequest(
            page={"page_token": "garbage"}), metadata=discovery, timeout=5), grpc.StatusCode.INVALID_ARGUMENT)

        # ai_coach reads an application's search by id, inactive ones included; unknown ids are left out.
        coach = internal("ai_coach", "profile.searches.read")
        reply = await stub.BatchGetSearchConfigs(P.BatchGetSearchConfigsRequest(
            ids=[ids[3], ids[0], str(uuid.uuid4()), "not-an-id"]), metadata=coach, timeout=5)
        assert sorted((c.id, c.active, c.cover_letter_template) for c in reply.configs) == sorted(
            [(ids[3], False, "Dear {company}, ..."), (ids[0], True, "Dear {company}, ...")])


async def test_archive_for_a_hired_user_is_idempotent_by_command_id(services) -> None:
    async with profile_client(services) as stub:
        hired, other = await register(stub), await register(stub)
        for account in (hired, hired, other):
            await stub.CreateSearchConfig(P.CreateSearchConfigRequest(config=search()), metadata=account.auth,
                                          timeout=5)
        tracker = internal("tracker_service", "profile.searches.archive")
        request = P.ArchiveSearchConfigsRequest(user_id=hired.user_id, reason="hired", command_id=str(uuid.uuid4()))
        assert (await stub.ArchiveSearchConfigs(request, metadata=tracker, timeout=5)).archived_count == 2
        assert (await stub.ArchiveSearchConfigs(request, metadata=tracker, timeout=5)).archived_count == 2
        assert not (await stub.ListSearchConfigs(P.ListSearchConfigsRequest(), metadata=hired.auth,
                                                 timeout=5)).configs
        assert len((await stub.ListSearchConfigs(P.ListSearchConfigsRequest(), metadata=other.auth,
                                                 timeout=5)).configs) == 1
