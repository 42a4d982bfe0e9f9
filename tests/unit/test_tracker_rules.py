"""The tracker's pure rules: the transition table, funnel statistics and the calendar export."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from common.errors import FailedPrecondition, InvalidArgument
from tracker_service.calendar import build_calendar
from tracker_service.domain import AnalysisState, Application, CardRow, HistoryRow, JobSnapshot, Status
from tracker_service.funnel import funnel_report, reached_stages
from tracker_service.transitions import (
    BOARD_ORDER,
    CLOSED,
    allowed_moves,
    check_move,
    check_reopen,
    parse_status,
)

T, A, I, O, H, R, W = (Status.TO_APPLY, Status.APPLIED, Status.INTERVIEW, Status.OFFER, Status.HIRED,  # noqa: E741
                       Status.REJECTED, Status.WITHDRAWN)

# (from, to) -> "forward" | "exit" | "correction"; every other pair is refused.
ALLOWED = {
    (T, A): "forward", (A, I): "forward", (I, O): "forward", (O, H): "forward",
    (A, T): "correction", (I, A): "correction", (O, I): "correction",
    **{(s, x): "exit" for s in (T, A, I, O) for x in (R, W)},
}


@pytest.mark.parametrize("src,dst", [(s, d) for s in Status for d in Status])
def test_every_pair_of_the_transition_table(src: Status, dst: Status) -> None:
    kind = ALLOWED.get((src, dst))
    if kind is None:
        with pytest.raises(FailedPrecondition) as refused:
            check_move(src, dst)
        if src in CLOSED and src != dst:
            assert "reopen" in refused.value.message.lower()
        elif src != dst:
            assert all(str(s) in refused.value.message for s in allowed_moves(src))
        return
    move = check_move(src, dst)
    assert (move.from_status, move.to_status) == (src, dst)
    assert move.correction is (kind == "correction") and move.reopen is False


def test_allowed_moves_follow_board_order_and_closed_cards_have_none() -> None:
    assert allowed_moves(A) == [T, I, R, W]
    assert allowed_moves(O) == [I, H, R, W]
    assert all(allowed_moves(s) == [] for s in CLOSED)


@pytest.mark.parametrize("src", list(Status))
@pytest.mark.parametrize("dst", list(Status))
def test_reopen_only_from_a_closed_card_to_an_open_status(src: Status, dst: Status) -> None:
    if src in CLOSED and dst not in CLOSED:
        move = check_reopen(src, dst)
        assert move.reopen and not move.correction
    else:
        with pytest.raises(FailedPrecondition):
            check_reopen(src, dst)


def test_unknown_status_is_an_invalid_argument_listing_the_choices() -> None:
    with pytest.raises(InvalidArgument) as error:
        parse_status("DONE")
    assert all(s in error.value.message for s in BOARD_ORDER)


def day(n: float) -> datetime:
    return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=n)


def test_a_correction_unreaches_the_stage_it_steps_back_from() -> None:
    history = [HistoryRow("c", T, day(0)), HistoryRow("c", A, day(1)), HistoryRow("c", I, day(2)),
               HistoryRow("c", A, day(3), correction=True), HistoryRow("c", I, day(10))]
    assert reached_stages(history) == {T: day(0), A: day(1), I: day(10)}


def test_funnel_conversions_medians_and_sources() -> None:
    cards = [CardRow("a", I, "hh"), CardRow("b", R, "hh"), CardRow("c", T, "manual")]
    history = [
        HistoryRow("a", T, day(0)), HistoryRow("a", A, day(2)), HistoryRow("a", I, day(6)),
        HistoryRow("b", T, day(0)), HistoryRow("b", A, day(4)), HistoryRow("b", R, day(5)),
        HistoryRow("c", T, day(0)),
    ]
    report = funnel_report(cards, reversed(history))  # any order in
    overall = {(c.from_status, c.to_status): c for c in report.overall.conversions}
    assert overall[(T, A)].rate == pytest.approx(2 / 3) and overall[(T, A)].median_days == pytest.approx(3.0)
    assert overall[(A, I)].rate == pytest.approx(1 / 2) and overall[(A, I)].median_days == pytest.approx(4.0)
    assert overall[(I, O)].rate == 0 and overall[(I, O)].median_days is None
    assert report.overall.counts_by_status[I] == 1 and report.overall.counts_by_status[H] == 0
    assert report.overall.total == 3
    assert sorted(report.by_source) == ["hh", "manual"]
    assert report.by_source["hh"].total == 2
    assert {(c.from_status, c.to_status): c.rate for c in report.by_source["manual"].conversions}[(T, A)] == 0


def application(**overrides) -> Application:
    values = dict(
        id="7b0c6a2e-1111-4b7a-9a57-6f1f0c2b3c4d", user_id="u1",
        job=JobSnapshot("j1", "Data Engineer", "Initech", "Paris", "https://jobs.example.com/1", "manual"),
        search_config_id="", status=Status.INTERVIEW, version=3, analysis_state=AnalysisState.DONE,
        analysis_command_id=None, analysis=None, analysis_score=None, analysis_error="", rating=0,
        follow_up_at=None, follow_up_fired_at=None, interview_at=None, created_at=day(0), updated_at=day(0))
    values.update(overrides)
    return Application(**values)


def test_calendar_has_one_stable_event_per_date_with_an_alarm_on_follow_ups() -> None:
    ics = build_calendar([application(follow_up_at=day(3), interview_at=day(5)),
                          application(id="other", follow_up_at=None, interview_at=None)], now=day(0))
    calendar = icalendar.Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in events] == [
        ("Follow up: Data Engineer at Initech", day(3)), ("Interview: Data Engineer at Initech", day(5))]
    assert [str(e["uid"]) for e in events] == [
        "7b0c6a2e-1111-4b7a-9a57-6f1f0c2b3c4d-follow-up@jobmate", "7b0c6a2e-1111-4b7a-9a57-6f1f0c2b3c4d-interview@jobmate"]
    assert len(events[0].walk("VALARM")) == 1 and events[1].walk("VALARM") == []
    assert str(events[1]["url"]) == "https://jobs.example.com/1"
    assert str(calendar["version"]) == "2.0" and "JobMate" in str(calendar["prodid"])
