"""Fixtures the job-board tests share: one loopback fake board per test module, emptied for each test,
and the real HttpFetcher without waits or retries."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from discovery_service.web.fetch import HttpFetcher
from tests.fakes.boards import FakeBoard


@pytest.fixture(scope="module")
def running_board() -> Iterator[FakeBoard]:
    with FakeBoard() as fake:
        yield fake


@pytest.fixture
def board(running_board: FakeBoard) -> FakeBoard:
    running_board.reset()
    return running_board


@pytest.fixture
async def fetcher() -> AsyncIterator[HttpFetcher]:
    async with HttpFetcher(per_host_interval_s=0, max_retries=0, backoff_base_s=0) as client:
        yield client
