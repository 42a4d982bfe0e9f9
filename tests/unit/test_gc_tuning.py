"""common.gc_tuning: while serving, start-up's objects are frozen out of collections and the young
generation is collected less often, cyclic garbage is still freed, and everything is put back on exit."""

from __future__ import annotations

import gc
import weakref

from common.gc_tuning import tuned_for_serving


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_while_serving_startup_objects_are_frozen_and_young_collections_are_rarer() -> None:
    before = gc.get_threshold()
    with tuned_for_serving(5_000):
        assert gc.get_freeze_count() > 1_000  # this test process's modules, at least
        assert gc.get_threshold() == (5_000, *before[1:])
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_cyclic_garbage_made_while_serving_is_still_collected() -> None:
    with tuned_for_serving(5_000):
        first, second = Node(), Node()
        first.other, second.other = second, first
        gone = weakref.ref(first)
        del first, second
        keep = [[] for _ in range(20_000)]  # net allocations past the threshold: a young collection runs
        assert gone() is None
        del keep


def test_a_threshold_of_zero_leaves_the_collector_alone() -> None:
    before = gc.get_threshold()
    with tuned_for_serving(0):
        assert gc.get_threshold() == before and gc.get_freeze_count() == 0
