"""Fixtures unit tests share: one loopback fake board per test module, emptied for each test, and the real
HttpFetcher without waits or retries (the job-board tests); which values the gateway's compiled plans
completed (the gateway execution tests)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

import gateway.graphql.executor as executor_module
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


@pytest.fixture
def completed_by_plans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The return types whose values compiled plans completed (not handed to graphql-core's path)."""
    completed: list[str] = []
    original = executor_module.plan_for

    def counting_plan_for(executor: Any, return_type: Any, field_details: Any) -> Any:
        plan = original(executor, return_type, field_details)
        if plan is None:
            return None

        def counted(value: Any) -> Any:
            result = plan(value)
            completed.append(str(return_type))
            return result
        return counted

    monkeypatch.setattr(executor_module, "plan_for", counting_plan_for)
    return completed
