// Moving a card on the board: optimistic, checked against the transition table, and safe when
// someone else (another tab, another device) moved the same card meanwhile.
//
// The card moves on screen at once. The server gets the move with the version the user saw
// (expectedVersion); if the card changed meanwhile it answers CONFLICT, and the move is reconciled
// with the card as it is now instead of being lost or overwriting the other change:
// - already where the user wanted it: done;
// - the wanted column is still allowed from where it is now: moved again, with the fresh version;
// - otherwise: the card goes back to where it really is, and the user is told why.
import type { ApplicationStatus } from "../gql/graphql";
import { ApiError } from "../api/graphql";

export const BOARD_ORDER: ApplicationStatus[] = [
  "TO_APPLY", "APPLIED", "INTERVIEW", "OFFER", "HIRED", "REJECTED", "WITHDRAWN",
];
export const CLOSED: ApplicationStatus[] = ["HIRED", "REJECTED", "WITHDRAWN"];

export interface MovableCard {
  id: string;
  status: ApplicationStatus | null;
  version: number;
  allowedMoves: ApplicationStatus[];
}

export interface MoveApi<C extends MovableCard> {
  /** moveCard, or reopenApplication for a closed card; with expectedVersion (stale: CONFLICT). */
  move(card: C, to: ApplicationStatus, expectedVersion: number): Promise<C>;
  fetch(id: string): Promise<C | null>;
}

export type MoveOutcome<C extends MovableCard> =
  | { kind: "moved"; card: C }
  | { kind: "refused"; card: C; allowed: ApplicationStatus[] }
  | { kind: "reconciled"; card: C; movedByOther: boolean }
  | { kind: "gone"; id: string }
  | { kind: "failed"; card: C; error: ApiError };

export function isClosed(status: ApplicationStatus | null): boolean {
  return status !== null && CLOSED.includes(status);
}

/**
 * Is `to` a drop the server accepts for this card? From an open column, what the transition table
 * allows (the card's allowedMoves); a closed card (hired, rejected, withdrawn) can only be reopened
 * into an open column.
 */
export function canMove(card: MovableCard, to: ApplicationStatus): boolean {
  if (card.status === to) return false;
  if (isClosed(card.status)) return !isClosed(to);
  return card.allowedMoves.includes(to);
}

/** Where this card may go: its allowed moves, or the open columns for a closed card. */
export function targetsOf(card: MovableCard): ApplicationStatus[] {
  return isClosed(card.status) ? BOARD_ORDER.filter((s) => !isClosed(s)) : card.allowedMoves;
}

/** The board as the user sees it right after the drop (before the server answers). */
export function moveLocally<C extends MovableCard>(
  columns: Map<ApplicationStatus, C[]>,
  cardId: string,
  to: ApplicationStatus,
): Map<ApplicationStatus, C[]> {
  const next = new Map<ApplicationStatus, C[]>();
  let moving: C | undefined;
  for (const [status, cards] of columns) {
    const kept = cards.filter((card) => {
      if (card.id === cardId) {
        moving = card;
        return false;
      }
      return true;
    });
    next.set(status, kept);
  }
  if (!moving) return columns;
  next.set(to, [{ ...moving, status: to }, ...(next.get(to) ?? [])]);
  return next;
}

/** Put the server's version of a card in its column (or take it off the board when it is gone). */
export function placeCard<C extends MovableCard>(
  columns: Map<ApplicationStatus, C[]>,
  card: C | null,
  id: string,
): Map<ApplicationStatus, C[]> {
  const next = new Map<ApplicationStatus, C[]>();
  for (const [status, cards] of columns) next.set(status, cards.filter((c) => c.id !== id));
  if (card?.status) {
    const column = next.get(card.status) ?? [];
    next.set(card.status, [card, ...column]);
  }
  return next;
}

export async function performMove<C extends MovableCard>(
  api: MoveApi<C>,
  card: C,
  to: ApplicationStatus,
): Promise<MoveOutcome<C>> {
  if (!canMove(card, to)) return { kind: "refused", card, allowed: targetsOf(card) };
  try {
    return { kind: "moved", card: await api.move(card, to, card.version) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === "NOT_FOUND") return { kind: "gone", id: card.id };
    if (error.code !== "CONFLICT" && error.code !== "BAD_USER_INPUT") return { kind: "failed", card, error };
  }
  // CONFLICT (a newer version exists) or a move the server refuses from the card's real column:
  // look at the card as it is now.
  const fresh = await api.fetch(card.id);
  if (!fresh) return { kind: "gone", id: card.id };
  if (fresh.status === to) return { kind: "reconciled", card: fresh, movedByOther: true };
  if (canMove(fresh, to)) {
    try {
      return { kind: "reconciled", card: await api.move(fresh, to, fresh.version), movedByOther: false };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const latest = (await api.fetch(card.id)) ?? fresh;
      return { kind: "failed", card: latest, error };
    }
  }
  return { kind: "refused", card: fresh, allowed: targetsOf(fresh) };
}
