"""What every resolver gets in `info.context`: the caller, the process's state and per-request loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from gateway.caller import Caller
from gateway.errors import ApiError, ErrorCode
from gateway.state import GatewayState


@dataclass
class GatewayContext:
    request: Request
    response: Response
    state: GatewayState
    caller: Caller  # the same object the rest of the request sees (`caller_of(request)`)
    loaders: dict[str, DataLoader] = field(default_factory=dict)

    def loader(self, name: str, factory: Any) -> DataLoader:
        """A DataLoader living for this request only (so nothing cached leaks between users)."""
        if name not in self.loaders:
            self.loaders[name] = factory(self)
        return self.loaders[name]


def context_of(info: Info) -> GatewayContext:
    return info.context


def page_size(first: int | None, maximum: int) -> int:
    if first is None:
        return min(20, maximum)
    if first < 1 or first > maximum:
        raise ApiError(ErrorCode.BAD_USER_INPUT, f"first must be between 1 and {maximum}", argument="first")
    return first
