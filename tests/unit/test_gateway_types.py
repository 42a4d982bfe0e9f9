"""What the gateway shows for values the contract carries imprecisely."""

from gateway.graphql.tracker.types import Analysis, BreakdownItem
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
