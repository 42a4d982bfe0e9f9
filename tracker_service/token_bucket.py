"""The token bucket's arithmetic (pure): a level stored with the time it was computed, refilled
continuously at `refill_per_hour` up to `capacity`. The repository stores the level; the lock and the
transaction that make it shared by every replica are the caller's."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

# Float slack: 7.5 minutes at 8 tokens an hour is exactly one token, but other rates are not exact.
EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class BucketPolicy:
    capacity: float = 20.0
    refill_per_hour: float = 8.0

    def __post_init__(self) -> None:
        if self.capacity < 1 or self.refill_per_hour <= 0:
            raise ValueError("a bucket needs a capacity of at least 1 and a positive refill rate")

    def level(self, tokens: float, updated_at: datetime, now: datetime) -> float:
        """The level at `now` of a bucket that held `tokens` at `updated_at` (time never runs backwards)."""
        elapsed_h = max(0.0, (now - updated_at).total_seconds()) / 3600
        return min(self.capacity, max(0.0, tokens) + elapsed_h * self.refill_per_hour)

    def has_token(self, level: float) -> bool:
        return level >= 1 - EPSILON

    def take(self, level: float) -> float:
        """The level after taking one token; never below zero."""
        if not self.has_token(level):
            raise ValueError("the bucket has no token")
        return max(0.0, level - 1)

    def give_back(self, level: float) -> float:
        return min(self.capacity, level + 1)

    def until_token(self, level: float) -> timedelta:
        """How long until one whole token is there (zero when it is)."""
        if self.has_token(level):
            return timedelta(0)
        return timedelta(hours=(1 - level) / self.refill_per_hour)

    def next_token_at(self, level: float, now: datetime) -> datetime | None:
        """When the level next reaches a whole number; None when the bucket is full."""
        if level >= self.capacity - EPSILON:
            return None
        target = min(self.capacity, math.floor(level + EPSILON) + 1)
        return now + timedelta(hours=(target - level) / self.refill_per_hour)
