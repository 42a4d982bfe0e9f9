"""The cyclic garbage collector tuned for a server that builds a large, long-lived heap at start-up and
then allocates many short-lived containers per request.

With CPython's defaults (a young collection every 700 net container allocations) the gateway ran about
one young collection per inbox page, and every tenth one walked the middle generation too: 8-10% of the
CPU of its GraphQL execution (docs/perf/README.md, issue 20). Almost all of a request's objects are freed
by reference counting when it ends; they need no collection at all.

`tuned_for_serving(young_threshold)`, entered once start-up is done, for as long as the server serves:
- collects once, then `gc.freeze()`s every object alive (modules, the schema, settings, channels) into
  a permanent generation that collections no longer walk;
- collects the young generation every `young_threshold` net allocations instead of 700, so most of a
  burst of requests' objects are freed before a collection would walk them. Cyclic garbage still goes,
  a little later (a few megabytes at most).
On exit (shutdown, or a test's in-process server stopping) the thresholds and the frozen objects go back.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def tuned_for_serving(young_threshold: int) -> Iterator[None]:
    """`young_threshold` 0: the collector is left as it is."""
    if young_threshold <= 0:
        yield
        return
    before = gc.get_threshold()
    gc.collect()  # what start-up left behind is freed, not frozen
    gc.freeze()
    gc.set_threshold(young_threshold, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
