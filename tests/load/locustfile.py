"""Locust users for `make load`: each one is a JobMate user triaging the inbox and moving cards.

Accounts (access token + inbox job ids) come from the JSON file named by JOBMATE_LOAD_ACCOUNTS, written
by `python -m tests.load` after seeding; each locust user takes the next account, so no two share one.
Any HTTP error or GraphQL error counts as a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from typing import Any

from locust import FastHttpUser, between, task

_ACCOUNTS: list[dict[str, Any]] = json.loads(open(os.environ["JOBMATE_LOAD_ACCOUNTS"]).read())  # noqa: SIM115
_NEXT = itertools.count()
NEXT_STATUS = {"TO_APPLY": "APPLIED", "APPLIED": "INTERVIEW", "INTERVIEW": "OFFER", "OFFER": "HIRED"}

FEED = "query { jobFeed(status: PENDING, first: 20) { nodes { id title } } }"
APPROVE = "mutation($id: ID!) { approveJob(id: $id) { id status version } }"
REJECT = "mutation($id: ID!) { rejectJob(id: $id) { id status } }"
MOVE = "mutation($id: ID!, $to: ApplicationStatus!, $v: Int) { moveCard(id: $id, toStatus: $to, expectedVersion: $v) { id status version } }"
BOARD = "query { board(cardsPerColumn: 10) { __typename } }"


class Triager(FastHttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        account = _ACCOUNTS[next(_NEXT) % len(_ACCOUNTS)]
        self.headers = {"Authorization": f"Bearer {account['token']}", "Content-Type": "application/json"}
        self.inbox: list[str] = list(account["job_ids"])
        random.shuffle(self.inbox)
        self.cards: dict[str, tuple[str, int]] = {}  # application id -> (status, version)

    def graphql(self, name: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any] | None:
        with self.client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=self.headers,
                              name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            body = response.json()
            if body.get("errors"):
                codes = [e.get("extensions", {}).get("code") for e in body["errors"]]
                response.failure(f"GraphQL {codes}: {body['errors'][0].get('message')}")
                return None
            return body.get("data")

    @task(3)
    def read_inbox(self) -> None:
        self.graphql("jobFeed", FEED)

    @task(2)
    def approve(self) -> None:
        if not self.inbox:
            return
        data = self.graphql("approveJob", APPROVE, {"id": self.inbox.pop()})
        if data:
            card = data["approveJob"]
            self.cards[card["id"]] = (card["status"], card["version"])

    @task(1)
    def reject(self) -> None:
        if self.inbox:
            self.graphql("rejectJob", REJECT, {"id": self.inbox.pop()})

    @task(2)
    def move_card(self) -> None:
        movable = [(app_id, s, v) for app_id, (s, v) in self.cards.items() if s in NEXT_STATUS]
        if not movable:
            return
        app_id, status, version = random.choice(movable)
        data = self.graphql("moveCard", MOVE, {"id": app_id, "to": NEXT_STATUS[status], "v": version})
        if data:
            card = data["moveCard"]
            self.cards[app_id] = (card["status"], card["version"])

    @task(1)
    def board(self) -> None:
        self.graphql("board", BOARD)
