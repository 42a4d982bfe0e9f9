// The client's own logic for HH.ru and personal access tokens, kept apart from the screens so vitest
// can check it without a DOM: which postings are HH's, the callback's query, the bucket's wording,
// live apply updates, and the scope checkboxes.
import type { HhApplyState } from "../gql/graphql";

// --- HH postings -------------------------------------------------------------------------------------

/** HH's vacancy id from a posting's URL (hh.ru/vacancy/123, spb.hh.ru/vacancy/123?from=…), or null. */
export function hhVacancyId(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!isHhHost(parsed.hostname)) return null;
  const found = /^\/vacancy\/(\d+)\/?$/.exec(parsed.pathname);
  return found ? found[1]! : null;
}

function isHhHost(host: string): boolean {
  const name = host.toLowerCase();
  return name === "hh.ru" || name.endsWith(".hh.ru");
}

/** A posting JobMate can apply to through HH: discovery's `hh` source, or an hh.ru vacancy added by URL. */
export function isHhPosting(job: { source: string; url: string | null | undefined }): boolean {
  return job.source.toLowerCase() === "hh" || hhVacancyId(job.url) !== null;
}

// --- linking -------------------------------------------------------------------------------------------

export type HhCallback =
  | { kind: "complete"; state: string; code: string; error: string }
  | { kind: "invalid" };

/**
 * What HH put on /hh/callback: `code` and `state` (the user allowed), or `error` and `state` (they
 * denied). Without a state there is nothing to complete: the page says so and offers to start again.
 * An error is still sent to completeHhLink, so the server spends the state.
 */
export function parseHhCallback(search: string): HhCallback {
  const params = new URLSearchParams(search);
  const state = params.get("state") ?? "";
  const code = params.get("code") ?? "";
  const error = params.get("error") ?? "";
  if (!state || (!code && !error)) return { kind: "invalid" };
  return { kind: "complete", state, code, error };
}

/** The resume to preselect: the account's default when HH still lists it, else HH's first one. */
export function pickResume(resumes: { id: string; isDefault: boolean }[], defaultId = ""): string {
  return (resumes.find((r) => r.isDefault) ?? resumes.find((r) => r.id === defaultId) ?? resumes[0])?.id ?? "";
}

// --- auto-apply ---------------------------------------------------------------------------------------

/** Why auto-apply cannot apply now, in the order the tracker checks (tracker_service/auto_apply.py). */
export type AutoApplyBlocker = "hhOff" | "stopped" | "notLinked" | "relink" | "noResume";

export function autoApplyBlocker(
  account: { enabled: boolean; linked: boolean; defaultResumeId: string; needsRelinkReason: string },
  autoApplySwitch: { stopped: boolean },
): AutoApplyBlocker | null {
  if (!account.enabled) return "hhOff";
  if (autoApplySwitch.stopped) return "stopped";
  if (!account.linked) return "notLinked";
  if (account.needsRelinkReason) return "relink";
  if (!account.defaultResumeId) return "noResume";
  return null;
}

// --- the rate limit ------------------------------------------------------------------------------------

export interface Bucket {
  tokens: number;
  capacity: number;
  refillPerHour: number;
  nextTokenAt: string | null;
  queued: number;
}

/** Whole applies the user can send now (the level is fractional: the refill is continuous). */
export function wholeTokens(bucket: Pick<Bucket, "tokens">): number {
  return Math.max(0, Math.floor(bucket.tokens + 1e-9));
}

/** Minutes until the next token, rounded up (0 when it is due or the bucket is full). */
export function minutesToNextToken(bucket: Pick<Bucket, "nextTokenAt">, now: number): number {
  if (!bucket.nextTokenAt) return 0;
  const at = Date.parse(bucket.nextTokenAt);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.ceil((at - now) / 60_000));
}

// --- applies and their live updates --------------------------------------------------------------------

export interface ApplyLike {
  id: string;
  applicationId: string;
  state: HhApplyState | null;
  reason: string;
  detail: string;
  updatedAt?: string | null;
}

/** The states the user has something to do about, or that are settled. */
export const SETTLED: readonly HhApplyState[] = ["APPLIED", "NEEDS_USER", "FAILED"];

/**
 * An HH_APPLY_CHANGED event applied to the list on screen: the apply's state, reason and detail change
 * at once; an apply not on screen yet (queued from another tab) means the list must be fetched again.
 * Returns the new list, or null when a refetch is needed.
 */
export function applyLiveChange<A extends ApplyLike>(applies: A[], event: Record<string, unknown>): A[] | null {
  const id = String(event.applyId ?? "");
  const index = applies.findIndex((a) => a.id === id);
  if (!id || index < 0) return null;
  const current = applies[index]!;
  const state = typeof event.state === "string" && event.state ? (event.state as HhApplyState) : current.state;
  const next = [...applies];
  next[index] = {
    ...current,
    state,
    reason: typeof event.reason === "string" ? event.reason : current.reason,
    detail: typeof event.detail === "string" ? event.detail : current.detail,
  };
  return next;
}

/** The bucket as an HH_APPLY_CHANGED event reports it after the change (its level and next token). */
export function bucketFromEvent(bucket: Bucket, event: Record<string, unknown>): Bucket {
  const tokens = typeof event.tokensLeft === "number" ? event.tokensLeft : bucket.tokens;
  const nextTokenAt = typeof event.nextTokenAt === "string" && event.nextTokenAt ? event.nextTokenAt
    : tokens >= bucket.capacity ? null : bucket.nextTokenAt;
  return { ...bucket, tokens, nextTokenAt };
}

/** The newest apply of an application, the one its card shows. */
export function latestApply<A extends ApplyLike & { createdAt?: string | null }>(applies: A[]): A | null {
  let best: A | null = null;
  for (const apply of applies) {
    if (!best || (apply.createdAt ?? "") > (best.createdAt ?? "")) best = apply;
  }
  return best;
}

// --- personal access tokens ----------------------------------------------------------------------------

/** The scopes createAccessToken accepts, by area; `write` includes `read`. */
export const SCOPE_AREAS = ["feed", "applications", "profile", "searches"] as const;
export type ScopeArea = (typeof SCOPE_AREAS)[number];
export type Scope = `${ScopeArea}:${"read" | "write"}`;

/**
 * A scope checkbox toggled: checking `x:write` checks `x:read` too (it includes it), and unchecking
 * `x:read` unchecks `x:write`, so what the boxes show is what the token can do.
 */
export function toggleScope(selected: readonly Scope[], scope: Scope, on: boolean): Scope[] {
  const [area, level] = scope.split(":") as [ScopeArea, "read" | "write"];
  const set = new Set(selected);
  if (on) {
    set.add(scope);
    if (level === "write") set.add(`${area}:read`);
  } else {
    set.delete(scope);
    if (level === "read") set.delete(`${area}:write`);
  }
  return SCOPE_AREAS.flatMap((a) => (["read", "write"] as const).map((l) => `${a}:${l}` as Scope)).filter((s) => set.has(s));
}

/** What to send: `x:write` alone where it is chosen (it includes `x:read`). */
export function scopesToSend(selected: readonly Scope[]): Scope[] {
  return selected.filter((scope) => !(scope.endsWith(":read") && selected.includes(scope.replace(":read", ":write") as Scope)));
}
