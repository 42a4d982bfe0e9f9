"""Funnel statistics from the move history (pure code; the repository feeds it rows).

A card *reaches* a funnel stage when it first enters it (creation enters TO_APPLY). A correction that
steps back out of a stage means the move into it was a mistake, so the stage is no longer reached.
Conversion from a stage to the next is the share of cards that reached the first and then the second;
the median days are measured between the two reaching times.

Time in stage: each move ends a stay in the status the card left, lasting from the move into it; a
stay ended by a correction is left out (the move into that status was a mistake). The card's current
stay runs until now. Response rate: of the cards that reached APPLIED, those that heard back after
applying, by a move to INTERVIEW, OFFER, HIRED or REJECTED or by a recorded event that shows an
answer (a recruiter call, an interview, an assessment, an offer, a rejection, an e-mail received).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from tracker_service.domain import (
    CardRow,
    Conversion,
    FunnelReport,
    FunnelStats,
    HistoryRow,
    ResponseStats,
    Status,
    TimeInStage,
)
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


def _days(seconds: float) -> float:
    return max(0.0, seconds / SECONDS_PER_DAY)


def _by_card(history: Iterable[HistoryRow]) -> dict[str, list[HistoryRow]]:
    per_card: dict[str, list[HistoryRow]] = defaultdict(list)
    for row in history:
        per_card[row.application_id].append(row)
    for rows in per_card.values():
        rows.sort(key=lambda r: r.at)
    return per_card


def time_in_stage(cards: list[CardRow], history: Iterable[HistoryRow], *, now: datetime) -> list[TimeInStage]:
    completed: dict[Status, list[float]] = defaultdict(list)
    current: dict[Status, list[float]] = defaultdict(list)
    per_card = _by_card(history)
    for card in cards:
        rows = per_card.get(card.application_id, [])
        for entered, left in zip(rows, rows[1:], strict=False):
            if not left.correction:
                completed[entered.to_status].append(_days((left.at - entered.at).total_seconds()))
        if rows and rows[-1].to_status is card.status:
            current[card.status].append(_days((now - rows[-1].at).total_seconds()))
    return [TimeInStage(status, completed=len(completed[status]),
                        median_days=statistics.median(completed[status]) if completed[status] else None,
                        current=len(current[status]),
                        current_median_days=statistics.median(current[status]) if current[status] else None)
            for status in BOARD_ORDER]


_ANSWERS = frozenset({Status.INTERVIEW, Status.OFFER, Status.HIRED, Status.REJECTED})


def response_stats(history: Iterable[HistoryRow], responses: Iterable[tuple[str, datetime]]) -> ResponseStats:
    """`responses`: (application id, when) of the recorded events that show an answer."""
    answered_by_event: dict[str, list[datetime]] = defaultdict(list)
    for application_id, at in responses:
        answered_by_event[application_id].append(at)
    applied = responded = 0
    days: list[float] = []
    for application_id, rows in _by_card(history).items():
        applied_at = next((r.at for r in rows if r.to_status is Status.APPLIED), None)
        if applied_at is None:
            continue
        applied += 1
        answers = [r.at for r in rows if r.to_status in _ANSWERS and r.at >= applied_at and not r.correction]
        answers += [at for at in answered_by_event.get(application_id, []) if at >= applied_at]
        if answers:
            responded += 1
            days.append(_days((min(answers) - applied_at).total_seconds()))
    return ResponseStats(applied=applied, responded=responded, rate=responded / applied if applied else 0.0,
                         median_days_to_response=statistics.median(days) if days else None)
