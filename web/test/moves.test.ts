import { describe, expect, it } from "vitest";
import { ApiError } from "../src/api/graphql";
import type { ApplicationStatus } from "../src/gql/graphql";
import { canMove, moveLocally, performMove, placeCard, type MovableCard, type MoveApi } from "../src/state/moves";

type Card = MovableCard & { title: string };

const FROM: Record<string, ApplicationStatus[]> = {
  TO_APPLY: ["APPLIED", "REJECTED", "WITHDRAWN"],
  APPLIED: ["TO_APPLY", "INTERVIEW", "REJECTED", "WITHDRAWN"],
  INTERVIEW: ["APPLIED", "OFFER", "REJECTED", "WITHDRAWN"],
};
const card = (status: ApplicationStatus, version = 1): Card => ({ id: "a1", title: "Backend", status, version, allowedMoves: FROM[status] ?? [] });

/** The server, as far as moves go: a card that may change behind the client's back. */
function server(initial: Card) {
  let current = { ...initial };
  const calls: { to: ApplicationStatus; expected: number }[] = [];
  const api: MoveApi<Card> = {
    async move(_card, to, expected) {
      calls.push({ to, expected });
      if (expected !== current.version) throw new ApiError("the card changed meanwhile", "CONFLICT");
      if (!current.allowedMoves.includes(to) && !["HIRED", "REJECTED", "WITHDRAWN"].includes(current.status!)) {
        throw new ApiError(`cannot move a card from ${current.status} to ${to}`, "BAD_USER_INPUT");
      }
      current = card(to, current.version + 1);
      return current;
    },
    async fetch() {
      return current;
    },
  };
  return {
    api,
    calls,
    elsewhere(status: ApplicationStatus) {
      current = card(status, current.version + 1);
    },
  };
}

describe("optimistic moves", () => {
  it("knows the transition table's answer before asking", () => {
    expect(canMove(card("TO_APPLY"), "APPLIED")).toBe(true);
    expect(canMove(card("TO_APPLY"), "INTERVIEW")).toBe(false);
    expect(canMove(card("APPLIED"), "APPLIED")).toBe(false);
    expect(canMove({ ...card("HIRED"), allowedMoves: [] }, "OFFER")).toBe(true); // reopened
    expect(canMove({ ...card("HIRED"), allowedMoves: [] }, "REJECTED")).toBe(false);
  });

  it("moves the card on screen at once, then places the server's version", () => {
    const other: Card = { ...card("TO_APPLY"), id: "a2" };
    const columns = new Map<ApplicationStatus, Card[]>([["TO_APPLY", [card("TO_APPLY"), other]], ["APPLIED", []]]);
    const moved = moveLocally(columns, "a1", "APPLIED");
    expect(moved.get("TO_APPLY")!.map((c) => c.id)).toEqual(["a2"]);
    expect(moved.get("APPLIED")!.map((c) => [c.id, c.status])).toEqual([["a1", "APPLIED"]]);
    const placed = placeCard(moved, card("INTERVIEW", 4), "a1");
    expect(placed.get("APPLIED")).toEqual([]);
    expect(placed.get("INTERVIEW")!.map((c) => c.version)).toEqual([4]);
  });

  it("sends the version the user saw and keeps the server's answer", async () => {
    const s = server(card("TO_APPLY", 3));
    const outcome = await performMove(s.api, card("TO_APPLY", 3), "APPLIED");
    expect(outcome).toMatchObject({ kind: "moved", card: { status: "APPLIED", version: 4 } });
    expect(s.calls).toEqual([{ to: "APPLIED", expected: 3 }]);
  });

  it("refuses a forbidden drop without asking the server, naming where the card can go", async () => {
    const s = server(card("TO_APPLY"));
    const outcome = await performMove(s.api, card("TO_APPLY"), "OFFER");
    expect(outcome).toEqual({ kind: "refused", card: card("TO_APPLY"), allowed: ["APPLIED", "REJECTED", "WITHDRAWN"] });
    expect(s.calls).toEqual([]);
  });

  it("reconciles a stale move: applied again on the latest version when still allowed", async () => {
    const s = server(card("APPLIED", 1));
    s.elsewhere("INTERVIEW"); // version 2, moved in another tab
    const outcome = await performMove(s.api, card("APPLIED", 1), "REJECTED");
    expect(outcome).toMatchObject({ kind: "reconciled", movedByOther: false, card: { status: "REJECTED", version: 3 } });
    expect(s.calls).toEqual([{ to: "REJECTED", expected: 1 }, { to: "REJECTED", expected: 2 }]);
  });

  it("reconciles a stale move that someone else already made", async () => {
    const s = server(card("TO_APPLY", 1));
    s.elsewhere("APPLIED");
    const outcome = await performMove(s.api, card("TO_APPLY", 1), "APPLIED");
    expect(outcome).toMatchObject({ kind: "reconciled", movedByOther: true, card: { status: "APPLIED", version: 2 } });
    expect(s.calls).toHaveLength(1);
  });

  it("puts the card back where it really is when the move no longer makes sense", async () => {
    const s = server(card("TO_APPLY", 1));
    s.elsewhere("INTERVIEW");
    const outcome = await performMove(s.api, card("TO_APPLY", 1), "WITHDRAWN");
    expect(outcome.kind).toBe("reconciled"); // withdrawing is allowed from INTERVIEW too: still done
    const t = server(card("INTERVIEW", 1));
    t.elsewhere("TO_APPLY");
    const refused = await performMove(t.api, card("INTERVIEW", 1), "OFFER");
    expect(refused).toEqual({ kind: "refused", card: card("TO_APPLY", 2), allowed: ["APPLIED", "REJECTED", "WITHDRAWN"] });
  });

  it("reports a card that is gone, and other failures with the card as the server has it", async () => {
    const gone: MoveApi<Card> = {
      move: async () => { throw new ApiError("application not found", "NOT_FOUND"); },
      fetch: async () => null,
    };
    expect(await performMove(gone, card("TO_APPLY"), "APPLIED")).toEqual({ kind: "gone", id: "a1" });
    const down: MoveApi<Card> = {
      move: async () => { throw new ApiError("the tracker service is unavailable", "UNAVAILABLE"); },
      fetch: async () => card("TO_APPLY"),
    };
    const failed = await performMove(down, card("TO_APPLY"), "APPLIED");
    expect(failed).toMatchObject({ kind: "failed", card: { status: "TO_APPLY" }, error: { code: "UNAVAILABLE" } });
  });
});
