"""What the gateway shows for values the contract carries imprecisely."""

from datetime import UTC, datetime

import pytest
import strawberry
from google.protobuf import descriptor_pb2, descriptor_pool
from google.protobuf.descriptor import EnumDescriptor

from gateway.graphql.base import message_view
from gateway.graphql.discovery.types import FitScore, Job, JobStatus, JobView, RemoteType, Salary
from gateway.graphql.enums import proto_enum, to_pb
from gateway.graphql.profile.inputs import ProfileInput, SearchConfigInput, profile_update, search_config
from gateway.graphql.profile.types import CareerStatus, RemotePolicy
from gateway.graphql.tracker.types import Analysis, ApplicationStatus, BreakdownItem
from jobmate.discovery.v1 import discovery_pb2
from jobmate.profile.v1 import profile_pb2
from jobmate.tracker.v1 import tracker_pb2


def test_breakdown_values_show_as_the_engine_meant_them_not_as_32_bit_floats() -> None:
    stored = tracker_pb2.BreakdownItem(name="location", weight=0.05, score=0.6, explanation="Berlin")
    assert stored.score != 0.6  # what proto3 `float` hands back: 0.6000000238418579
    [shown] = BreakdownItem.many([stored])
    assert (shown.weight, shown.score) == (0.05, 0.6)


def test_an_llm_adjustment_is_shown_and_a_heuristic_result_has_none() -> None:
    llm = tracker_pb2.Analysis(score=70, engine="llm", score_adjustment=-5, adjustment_reasons=["on-call heavy"])
    llm.heuristic_score = 75
    shown = Analysis.from_pb(llm)
    assert (shown.heuristic_score, shown.score_adjustment, shown.adjustment_reasons) == (75, -5, ["on-call heavy"])
    plain = Analysis.from_pb(tracker_pb2.Analysis(score=70, engine="heuristic"))
    assert plain.heuristic_score is None and plain.score_adjustment == 0 and plain.adjustment_reasons == []


# --- enums built from the proto descriptors ---------------------------------------------------------------
@pytest.mark.parametrize("score", [0, 82])
def test_a_score_alone_shows_as_an_analysis_with_that_score_and_nothing_else(score) -> None:
    # A board's card (GetBoard analysis_score_only) takes a shortcut; it must show what the long way does.
    shortcut = Analysis.from_pb(tracker_pb2.Analysis(score=score))
    long_way = Analysis.from_pb(tracker_pb2.Analysis(score=score, engine="-"))  # two fields: the usual path
    long_way.engine = ""
    assert shortcut == long_way
    assert shortcut.score == score and shortcut.pros == [] and shortcut.heuristic_score is None


def test_a_proto_enum_converts_both_ways_and_unspecified_or_unknown_numbers_are_null() -> None:
    assert [m.name for m in ApplicationStatus] == ["TO_APPLY", "APPLIED", "INTERVIEW", "OFFER", "HIRED",
                                                   "REJECTED", "WITHDRAWN"]
    for number in tracker_pb2.ApplicationStatus.values():
        member = ApplicationStatus.from_pb(number)
        if number == tracker_pb2.APPLICATION_STATUS_UNSPECIFIED:
            assert member is None
        else:
            assert tracker_pb2.ApplicationStatus.Name(number) == "APPLICATION_STATUS_" + member.name
            assert to_pb(member) == number
    assert ApplicationStatus.from_pb(99) is None  # a value added to the contract after this build
    assert to_pb(None) == tracker_pb2.APPLICATION_STATUS_UNSPECIFIED
    assert ApplicationStatus.from_name("OFFER") is ApplicationStatus.from_name("APPLICATION_STATUS_OFFER") \
        is ApplicationStatus.from_pb(tracker_pb2.APPLICATION_STATUS_OFFER)
    assert ApplicationStatus.from_name("UNSPECIFIED") is None and ApplicationStatus.from_name("nope") is None


def test_an_enum_input_reaches_the_proto_as_its_value() -> None:
    profile, paths = profile_update(ProfileInput(status=CareerStatus.OPEN_TO_WORK))
    assert (profile.status, paths) == (profile_pb2.CAREER_STATUS_OPEN_TO_WORK, ["status"])
    config, paths = search_config(SearchConfigInput(remote_policy=RemotePolicy.ON_SITE, name="Berlin"))
    assert (config.remote_policy, config.name, paths) == (profile_pb2.REMOTE_POLICY_ON_SITE, "Berlin",
                                                          ["name", "remote_policy"])
    cleared, paths = profile_update(ProfileInput(status=None))  # null clears: left at UNSPECIFIED, masked in
    assert (cleared.status, paths) == (profile_pb2.CAREER_STATUS_UNSPECIFIED, ["status"])


def _enum_descriptor(*values: tuple[str, int]) -> EnumDescriptor:
    """A proto enum that exists only in this test (its own descriptor pool)."""
    file = descriptor_pb2.FileDescriptorProto(name="enum_probe.proto", package="probe", syntax="proto3")
    file.enum_type.add(name="Colour", value=[descriptor_pb2.EnumValueDescriptorProto(name=n, number=i)
                                             for n, i in values])
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    return pool.FindEnumTypeByName("probe.Colour")


def test_a_proto_enum_that_breaks_the_naming_rules_is_refused_at_start() -> None:
    built = proto_enum(_enum_descriptor(("COLOUR_UNSPECIFIED", 0), ("COLOUR_DARK_RED", 2), ("COLOUR_BLUE", 1)))
    assert [(m.name, m.value) for m in built] == [("DARK_RED", 2), ("BLUE", 1)]  # the proto's order, not numbers'
    with pytest.raises(ValueError, match="zero value must be <PREFIX>_UNSPECIFIED"):
        proto_enum(_enum_descriptor(("COLOUR_NONE", 0), ("COLOUR_BLUE", 1)))
    with pytest.raises(ValueError, match="without the prefix COLOUR_: BLUE"):
        proto_enum(_enum_descriptor(("COLOUR_UNSPECIFIED", 0), ("BLUE", 1)))


# --- a feed page converts only the fields it shows ---------------------------------------------------------
def _filled_job() -> discovery_pb2.Job:
    job = discovery_pb2.Job(id="j1", source="greenhouse", url="https://x/1", title="Engineer", company="Acme",
                            locations=["Paris"], remote_type=1, employment_type="FULL_TIME", description_text="text",
                            skills=["Python"], source_urls=["https://x/2"], status=1, red_flags=["unpaid"],
                            search_config_id="s1", language="en", origin="schedule", start_date="soon",
                            duration="6 months", why_us="why", match_reasons=["keyword:python"],
                            inferred_fields=["salary"])
    job.salary.min, job.salary.currency, job.salary.text = 50_000, "EUR", "50k"
    for stamp in (job.posted_at, job.discovered_at, job.status_changed_at, job.expires_at, job.fit.scored_at):
        stamp.seconds = 1_765_000_000
    job.fit.score, job.fit.confidence, job.fit.model = 70.5, 0.8, "fit-1"
    job.fit.reasons.append("Python")
    job.fit.missing.append("the posting has 40 words")
    return job


def _field_values(value: object, type_: type) -> dict[str, object]:
    """Every field of a Strawberry type read from `value` (an object or a view), nested objects as dicts."""
    nested = {"salary": Salary, "fit": FitScore}
    shown: dict[str, object] = {}
    for field in type_.__strawberry_definition__.fields:
        read = getattr(value, field.python_name)
        if field.python_name in nested and read is not None:
            read = _field_values(read, nested[field.python_name])
        shown[field.python_name] = read
    return shown


@pytest.mark.parametrize("variant", ["filled", "empty", "no fit, salary by its text only"])
def test_a_feed_view_shows_every_field_as_the_whole_job_does(variant: str) -> None:
    job = _filled_job() if variant != "empty" else discovery_pb2.Job(id="j2")
    if variant.startswith("no fit"):
        job.ClearField("fit")
        job.salary.ClearField("min")
        job.salary.gross = False
    whole, view = Job.from_pb(job), JobView(job)
    assert isinstance(whole.fit, FitScore | None) and isinstance(whole.salary, Salary | None)
    assert _field_values(view, Job) == _field_values(whole, Job)
    if variant == "filled":
        stamp = datetime(2025, 12, 6, 5, 46, 40, tzinfo=UTC)
        assert _field_values(view, Job) == {
            "id": "j1", "source": "greenhouse", "url": "https://x/1", "title": "Engineer", "company": "Acme",
            "locations": ["Paris"], "remote_type": RemoteType.from_pb(1),
            "salary": {"min": 50_000, "max": None, "currency": "EUR", "period": None, "gross": None, "text": "50k"},
            "employment_type": "FULL_TIME", "description_text": "text", "skills": ["Python"], "posted_at": stamp,
            "source_urls": ["https://x/2"], "status": JobStatus.from_pb(1), "red_flags": ["unpaid"],
            "search_config_id": "s1", "discovered_at": stamp, "language": "en", "origin": "schedule",
            "start_date": "soon", "duration": "6 months", "why_us": "why", "status_changed_at": stamp,
            "expires_at": stamp, "match_reasons": ["keyword:python"], "inferred_fields": ["salary"],
            "fit": {"score": 70.5, "confidence": pytest.approx(0.8), "reasons": ["Python"],
                    "missing": ["the posting has 40 words"], "scored_at": stamp, "model": "fit-1"}}
        assert view.remote_type is not None and view.status is not None
    if variant == "empty":
        assert _field_values(view, Job) == {
            **{name: "" for name in ("source", "url", "title", "company", "employment_type", "description_text",
                                     "language", "origin", "start_date", "duration", "why_us")},
            **{name: [] for name in ("locations", "skills", "source_urls", "red_flags", "match_reasons",
                                     "inferred_fields")},
            **{name: None for name in ("remote_type", "salary", "posted_at", "status", "search_config_id",
                                       "discovered_at", "status_changed_at", "expires_at", "fit")},
            "id": "j2"}
    else:
        assert view.salary.gross is (False if variant.startswith("no fit") else None)


def test_a_view_must_give_every_field_of_its_type_and_only_plain_ones() -> None:
    with pytest.raises(ValueError, match="each of its fields once"):
        message_view(FitScore, ("score", "confidence"), {"reasons": list})
    with pytest.raises(ValueError, match="each of its fields once"):
        message_view(FitScore, ("score", "confidence", "model", "reasons"),
                     {"reasons": list, "missing": list, "scored_at": list})

    @strawberry.type
    class Computed:
        plain: str

        @strawberry.field
        def shown(self) -> str:
            return self.plain.upper()

    with pytest.raises(ValueError, match="has a resolver"):
        message_view(Computed, ("plain", "shown"), {})
