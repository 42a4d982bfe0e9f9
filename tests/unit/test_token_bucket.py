"""The token bucket's arithmetic: continuous refill, capped, never below zero, and when the next token comes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker_service.token_bucket import BucketPolicy

T0 = datetime(2026, 1, 1, tzinfo=UTC)
POLICY = BucketPolicy(capacity=20, refill_per_hour=8)


def test_refill_is_continuous_and_capped() -> None:
    assert POLICY.level(0, T0, T0 + timedelta(minutes=7, seconds=30)) == pytest.approx(1.0)
    assert POLICY.level(0, T0, T0 + timedelta(minutes=30)) == pytest.approx(4.0)  # not whole hours only
    assert POLICY.level(19.5, T0, T0 + timedelta(hours=5)) == 20
    assert POLICY.level(3, T0, T0 - timedelta(hours=1)) == 3  # a clock behind the stored time adds nothing


def test_taking_needs_a_whole_token_and_never_goes_below_zero() -> None:
    assert POLICY.take(1.0) == 0 and POLICY.take(20) == 19
    assert POLICY.has_token(1 - 1e-12)  # float slack
    with pytest.raises(ValueError):
        POLICY.take(0.99)
    assert POLICY.give_back(19.6) == 20


def test_when_the_next_token_comes() -> None:
    assert POLICY.until_token(0) == timedelta(minutes=7, seconds=30)
    assert POLICY.until_token(0.5) == timedelta(minutes=3, seconds=45)
    assert POLICY.until_token(3) == timedelta(0)
    assert POLICY.next_token_at(0.5, T0) == T0 + timedelta(minutes=3, seconds=45)
    assert POLICY.next_token_at(19.5, T0) == T0 + timedelta(minutes=3, seconds=45)
    assert POLICY.next_token_at(20, T0) is None


@pytest.mark.parametrize(("capacity", "rate"), [(0.5, 8), (20, 0), (20, -1)])
def test_a_bucket_that_could_never_give_a_token_is_refused(capacity: float, rate: float) -> None:
    with pytest.raises(ValueError):
        BucketPolicy(capacity=capacity, refill_per_hour=rate)


def test_the_apply_lease_must_outlast_the_longest_attempt() -> None:
    from pydantic import ValidationError

    from tracker_service.settings import TrackerSettings

    assert TrackerSettings().hh_apply_lease_s == 120
    with pytest.raises(ValidationError, match="HH_APPLY_LEASE_S must exceed the longest apply attempt"):
        TrackerSettings(hh_apply_lease_s=30, hh_timeout_s=10, grpc_deadline_s=5)
