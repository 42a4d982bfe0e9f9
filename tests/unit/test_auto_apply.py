"""Auto-apply's decisions (docs/hh.md, "Auto-apply"): which postings are approved on the user's behalf,
what a prepared apply does once its analysis is recorded, where the daily cap's day ends, and what a
saved search's auto-apply setting may be."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from google.protobuf import json_format

from common.errors import InvalidArgument
from discovery_service.auto_approve import AutoApplySetting, qualifies
from jobmate.profile.v1 import profile_pb2
from profile_service.search_rules import normalize
from tracker_service.auto_apply import after_analysis, cap_detail, next_utc_day, utc_day
from tracker_service.domain import HhApplyOutcome, HhApplyState

ON = AutoApplySetting(enabled=True, min_fit_score=70.0, daily_cap=3, dry_run=False)


@pytest.mark.parametrize(("setting", "source", "status", "score", "expected"), [
    (ON, "hh", "PENDING", 70.0, True),  # at the threshold counts
    (ON, "hh", "PENDING", 93.5, True),
    (ON, "hh", "PENDING", 69.9, False),  # below it
    (ON, "hh", "PENDING", None, False),  # not scored yet
    (ON, "hh", "REJECTED", 95.0, False),  # the user rejected it: never
    (ON, "hh", "APPROVED", 95.0, False),  # the user approved it already
    (ON, "greenhouse", "PENDING", 95.0, False),  # only HH postings can be applied to
    (AutoApplySetting(enabled=False, min_fit_score=0, daily_cap=5, dry_run=False), "hh", "PENDING", 99.0, False),
])
def test_which_postings_are_approved_automatically(setting, source, status, score, expected) -> None:
    assert qualifies(setting, source=source, status=status, score=score) is expected


def test_a_saved_search_snapshot_gives_its_auto_apply_setting_and_none_means_off() -> None:
    config = profile_pb2.SearchConfig(name="Python", job_titles=["Python developer"])
    assert AutoApplySetting.from_snapshot(json_format.MessageToDict(config)).enabled is False
    config.auto_apply.CopyFrom(profile_pb2.AutoApply(enabled=True, min_fit_score=62.5, daily_cap=2, dry_run=True))
    snapshot = json_format.MessageToDict(config)  # as discovery keeps it in search_schedules.config
    assert AutoApplySetting.from_snapshot(snapshot) == AutoApplySetting(True, 62.5, 2, True)


@pytest.mark.parametrize(("ok", "letter", "dry_run", "stopped", "state", "outcome"), [
    (True, "Dear team, ...", False, False, HhApplyState.CAPPED, None),  # joins the queue within the cap
    (True, "Dear team, ...", True, False, HhApplyState.REVIEW, HhApplyOutcome.REVIEW),  # dry run: nothing sent
    (True, "Dear team, ...", False, True, HhApplyState.STOPPED, HhApplyOutcome.STOPPED),  # kill switch wins
    (True, "Dear team, ...", True, True, HhApplyState.STOPPED, HhApplyOutcome.STOPPED),
    (True, "   ", False, False, HhApplyState.NEEDS_USER, HhApplyOutcome.NEEDS_USER),  # no letter: never empty
    (False, "", False, False, HhApplyState.NEEDS_USER, HhApplyOutcome.NEEDS_USER),  # the analysis failed
])
def test_what_a_prepared_apply_does_once_its_analysis_is_recorded(ok, letter, dry_run, stopped, state,
                                                                  outcome) -> None:
    step = after_analysis(ok=ok, letter=letter, dry_run=dry_run, stopped=stopped)
    assert (step.state, step.outcome) == (state, outcome)
    assert step.detail


def test_the_daily_cap_counts_in_utc_days_and_a_capped_apply_waits_for_the_next_one() -> None:
    late_evening_in_moscow = datetime(2026, 12, 6, 23, 30, tzinfo=timezone(timedelta(hours=3)))  # 20:30 UTC
    assert utc_day(late_evening_in_moscow).isoformat() == "2026-12-06"
    assert next_utc_day(late_evening_in_moscow) == datetime(2026, 12, 7, tzinfo=UTC)
    just_after_midnight = datetime(2026, 12, 7, 0, 0, 1, tzinfo=UTC)
    assert next_utc_day(just_after_midnight) == datetime(2026, 12, 8, tzinfo=UTC)

    now = datetime(2026, 12, 6, 15, 0, tzinfo=UTC)
    go, not_before, detail = cap_detail(placed=2, cap=3, now=now)
    assert (go, not_before) == (True, now) and "2 of 3" in detail
    go, not_before, detail = cap_detail(placed=None, cap=3, now=now)
    assert (go, not_before) == (False, datetime(2026, 12, 7, tzinfo=UTC)) and "daily cap (3" in detail


def _search(**auto) -> profile_pb2.SearchConfig:
    config = profile_pb2.SearchConfig(name="Python", job_titles=["Python developer"])
    config.sources.add(source="hh")
    config.auto_apply.CopyFrom(profile_pb2.AutoApply(**auto))
    return config


def test_a_saved_search_keeps_a_valid_auto_apply_and_fills_the_default_cap() -> None:
    config = _search(enabled=True, min_fit_score=75)
    normalize(config)
    assert (config.auto_apply.enabled, config.auto_apply.min_fit_score, config.auto_apply.daily_cap) == (True, 75, 5)
    untouched = profile_pb2.SearchConfig(name="Python", job_titles=["Python developer"])
    untouched.sources.add(source="hh")
    normalize(untouched)
    assert not untouched.HasField("auto_apply")  # off by default, nothing stored


@pytest.mark.parametrize(("auto", "message"), [
    ({"enabled": True, "min_fit_score": 101}, "between 0 and 100"),
    ({"enabled": True, "min_fit_score": -1}, "between 0 and 100"),
    ({"enabled": True, "min_fit_score": float("nan")}, "between 0 and 100"),
    ({"enabled": True, "min_fit_score": 70, "daily_cap": 201}, "between 1 and 200"),
    ({"enabled": True, "min_fit_score": 70, "daily_cap": -3}, "between 1 and 200"),
])
def test_a_bad_auto_apply_setting_is_refused_with_a_reason(auto, message) -> None:
    with pytest.raises(InvalidArgument, match=message):
        normalize(_search(**auto))


def test_auto_apply_needs_the_hh_source() -> None:
    config = profile_pb2.SearchConfig(name="Python", job_titles=["Python developer"])
    config.sources.add(source="greenhouse", params={"board_token": "acme"})
    config.auto_apply.CopyFrom(profile_pb2.AutoApply(enabled=True, min_fit_score=70))
    with pytest.raises(InvalidArgument, match="HH.ru postings only"):
        normalize(config)
    config.auto_apply.enabled = False  # kept while off (its settings are remembered), nothing is applied
    normalize(config)
