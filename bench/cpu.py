"""What the single-core benchmarks share."""

from __future__ import annotations

import os


def pin_to_one_core() -> int | None:
    """Pin this process to the first CPU it may use, so a figure is per core; None where that cannot be done."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core
