"""The Kanban's one transition table: which status a card may move to from which, and how a move is recorded.

- forward, one stage at a time: TO_APPLY → APPLIED → INTERVIEW → OFFER → HIRED;
- out of the funnel from any open status: → REJECTED or → WITHDRAWN;
- one step back from an open status, as a correction (recorded as such in the history);
- a closed card (HIRED, REJECTED, WITHDRAWN) moves only through an explicit reopen, to any open status.

Pure code (no I/O), so the whole table is unit-tested directly.
"""

from __future__ import annotations

import enum

from common.errors import FailedPrecondition, InvalidArgument
from tracker_service.domain import Move, Status

# The funnel's stages in order; the board shows its columns in this order, then the exits.
FUNNEL: tuple[Status, ...] = (Status.TO_APPLY, Status.APPLIED, Status.INTERVIEW, Status.OFFER, Status.HIRED)
BOARD_ORDER: tuple[Status, ...] = (*FUNNEL, Status.REJECTED, Status.WITHDRAWN)
OPEN: frozenset[Status] = frozenset({Status.TO_APPLY, Status.APPLIED, Status.INTERVIEW, Status.OFFER})
CLOSED: frozenset[Status] = frozenset({Status.HIRED, Status.REJECTED, Status.WITHDRAWN})
EXITS: tuple[Status, ...] = (Status.REJECTED, Status.WITHDRAWN)


class MoveKind(enum.StrEnum):
    FORWARD = "forward"
    EXIT = "exit"
    CORRECTION = "correction"


def _table() -> dict[Status, dict[Status, MoveKind]]:
    table: dict[Status, dict[Status, MoveKind]] = {status: {} for status in Status}
    for index, status in enumerate(FUNNEL[:-1]):
        table[status][FUNNEL[index + 1]] = MoveKind.FORWARD
        for exit_status in EXITS:
            table[status][exit_status] = MoveKind.EXIT
        if index > 0:
            table[status][FUNNEL[index - 1]] = MoveKind.CORRECTION
    return table


# TRANSITIONS[from][to] is the kind of move MoveCard accepts; a pair not listed is refused.
TRANSITIONS: dict[Status, dict[Status, MoveKind]] = _table()


def allowed_moves(current: Status) -> list[Status]:
    """MoveCard's targets from `current`, in board order (empty for a closed card)."""
    return [status for status in BOARD_ORDER if status in TRANSITIONS[current]]


def _names(statuses: list[Status]) -> str:
    return ", ".join(statuses)


def check_move(current: Status, target: Status) -> Move:
    """The move MoveCard makes, or FailedPrecondition naming what is allowed instead."""
    if target == current:
        raise FailedPrecondition(f"the card is already in {current}")
    kind = TRANSITIONS[current].get(target)
    if kind is not None:
        return Move(current, target, correction=kind is MoveKind.CORRECTION)
    if current in CLOSED:
        raise FailedPrecondition(
            f"cannot move a {current} card to {target}: a closed card must be reopened first "
            f"(ReopenApplication to one of {_names(reopen_targets())})")
    raise FailedPrecondition(
        f"cannot move a card from {current} to {target}; allowed from {current}: {_names(allowed_moves(current))}")


def reopen_targets() -> list[Status]:
    return [status for status in BOARD_ORDER if status in OPEN]


def check_reopen(current: Status, target: Status) -> Move:
    if current not in CLOSED:
        raise FailedPrecondition(f"only a closed card (HIRED, REJECTED, WITHDRAWN) can be reopened; this one is {current}")
    if target not in OPEN:
        raise FailedPrecondition(f"a card is reopened to an open status: one of {_names(reopen_targets())}")
    return Move(current, target, reopen=True)


def parse_status(value: str, *, field: str = "status") -> Status:
    try:
        return Status(value)
    except ValueError:
        raise InvalidArgument(f"{field} must be one of {_names(list(BOARD_ORDER))}") from None
