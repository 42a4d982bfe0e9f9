"""What every resolver gets in `info.context`: the caller, the downstream stubs and per-request loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from common.auth import Identity
from gateway.errors import ApiError, ErrorCode, unauthenticated

if TYPE_CHECKING:
    from gateway.app import GatewayState


@dataclass
class GatewayContext:
    request: Request
    response: Response
    state: GatewayState
    identity: Identity | None
    auth_problem: str | None  # why a presented token was refused, for a clearer error
    client_address: str
    loaders: dict[str, DataLoader] = field(default_factory=dict)

    def user(self) -> Identity:
        """The verified user, or UNAUTHENTICATED."""
        if self.identity is None:
            raise unauthenticated(self.auth_problem or "sign in first: this needs a valid access token")
        return self.identity

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
