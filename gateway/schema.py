"""The root GraphQL schema: it only assembles the per-domain Query and Mutation types."""

from __future__ import annotations

import strawberry


@strawberry.type
class Query:
    @strawberry.field(description="Liveness of the API itself.")
    def health(self) -> str:
        return "ok"


schema = strawberry.Schema(query=Query)
