"""Funnel statistics from the move history (pure code; the repository feeds it rows).

A card *reaches* a funnel stage when it first enters it (creation enters TO_APPLY). A correction that
steps back out of a stage means the move into it was a mistake, so the stage is no longer reached.
Conversion from a stage to the next is the share of cards that reached the first and then the second;
the median days are measured between the two reaching times.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from tracker_service.domain import CardRow, Conversion, FunnelReport, FunnelStats, HistoryRow, Status
from tracker_service.transitions import BOARD_ORDER, FUNNEL

SECONDS_PER_DAY = 86400.0


def reached_stages(history: Iterable[HistoryRow]) -> dict[Status, datetime]:
    """When one card reached each funnel stage, from its history in time order."""
    reached: dict[Status, datetime] = {}
    previous: Status | None = None
    for row in history:
        if row.correction and previous is not None:
            reached.pop(previous, None)
        if row.to_status in FUNNEL:
            reached.setdefault(row.to_status, row.at)
        previous = row.to_status
    return reached


def _stats(cards: list[CardRow], reached_by_card: dict[str, dict[Status, datetime]]) -> FunnelStats:
    counts = {status: 0 for status in BOARD_ORDER}
    for card in cards:
        counts[card.status] += 1
    conversions = []
    for earlier, later in zip(FUNNEL, FUNNEL[1:], strict=False):
        reached_earlier = [reached_by_card.get(card.application_id, {}) for card in cards]
        reached_earlier = [r for r in reached_earlier if earlier in r]
        both = [r for r in reached_earlier if later in r]
        days = [max(0.0, (r[later] - r[earlier]).total_seconds() / SECONDS_PER_DAY) for r in both]
        conversions.append(Conversion(
            earlier, later,
            rate=len(both) / len(reached_earlier) if reached_earlier else 0.0,
            median_days=statistics.median(days) if days else None))
    return FunnelStats(counts, conversions, total=len(cards))


def funnel_report(cards: list[CardRow], history: Iterable[HistoryRow]) -> FunnelReport:
    """`history` may come in any order; it is grouped per card and sorted by time."""
    per_card: dict[str, list[HistoryRow]] = defaultdict(list)
    for row in history:
        per_card[row.application_id].append(row)
    reached_by_card = {card_id: reached_stages(sorted(rows, key=lambda r: r.at))
                       for card_id, rows in per_card.items()}
    by_source: dict[str, list[CardRow]] = defaultdict(list)
    for card in cards:
        by_source[card.source].append(card)
    return FunnelReport(overall=_stats(cards, reached_by_card),
                        by_source={source: _stats(group, reached_by_card)
                                   for source, group in sorted(by_source.items())})
