"""Small helpers shared by tests."""

from __future__ import annotations

import asyncio

import pytest


async def wait_for(predicate, timeout_s: float = 10.0, interval_s: float = 0.05):
    """Poll until predicate() (sync or async) is truthy; returns its value or fails the test."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        value = predicate()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"condition not met within {timeout_s} s")
        await asyncio.sleep(interval_s)
