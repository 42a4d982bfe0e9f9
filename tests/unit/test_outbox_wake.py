"""The outbox relay loop never loses a wake-up: a row committed (and `wake()` called) while a relay pass
is running gets its own pass at once, not after the poll interval."""

from __future__ import annotations

import asyncio

from common.outbox import Outbox


class OutboxWokenMidPass(Outbox):
    """Counts relay passes; during the first one, another writer commits a row and calls wake()."""

    def __init__(self) -> None:
        super().__init__(pool=None, bus=None, poll_interval_s=3600)  # type: ignore[arg-type]
        self.passes = 0
        self.second_pass = asyncio.Event()

    async def relay_once(self) -> int:
        self.passes += 1
        if self.passes == 1:
            await asyncio.sleep(0)  # the first pass has read the due rows...
            self.wake()  # ...when a transaction commits a new one and wakes the relay
        else:
            self.second_pass.set()
        return 0


async def test_a_wake_during_a_relay_pass_triggers_another_pass() -> None:
    outbox = OutboxWokenMidPass()
    relay = asyncio.create_task(outbox.run())
    try:
        await asyncio.wait_for(outbox.second_pass.wait(), timeout=10)  # the poll interval is an hour
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)
    assert outbox.passes >= 2
