// The signed-in session: the access token lives in memory only; the refresh token is an HttpOnly
// cookie the gateway sets (scoped to /graphql/session), so no script, ours included, can read it.
//
// - One refresh at a time, across tabs too (Web Locks): refresh tokens are single-use, and two tabs
//   presenting the same cookie at once would look like a stolen token and end the session.
// - A token about to expire is refreshed before use; a tab that wakes after an hour refreshes on
//   the first request (or on becoming visible) without the user noticing.
// - A refresh the server refuses (revoked, expired, reused) ends the session with its message; a
//   network failure does not (the user is offline, not signed out).
import {
  LoginDocument,
  LogoutDocument,
  RefreshDocument,
  RegisterDocument,
  type LoginMutation,
  type RefreshMutation,
  type RegisterMutation,
} from "../gql/graphql";
import { ApiError, hasCode, postGraphQL, type FetchLike } from "./graphql";

export const API_PATH = "/graphql";
export const SESSION_PATH = "/graphql/session";
const BROWSER_SESSION = { "x-jobmate-session": "cookie" };
const CSRF = { "x-jobmate-csrf": "1" };
// Refresh this long before the access token expires, so a request never carries a dying token.
export const REFRESH_MARGIN_MS = 30_000;

export type SessionState =
  | { status: "unknown" }
  | { status: "signedOut"; reason: string | null }
  | { status: "signedIn"; userId: string; email: string | null };

export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface SessionDeps {
  fetch: FetchLike;
  now: () => number;
  locks?: LockManagerLike | null;
  /** Tells other tabs that this one signed out (BroadcastChannel in the browser). */
  broadcast?: (message: "signedOut") => void;
}

/** The session ended on the server's word (revoked, expired); the user must sign in again. */
export class SessionEnded extends ApiError {
  constructor(message: string) {
    super(message, "UNAUTHENTICATED");
    this.name = "SessionEnded";
  }
}

export function jwtSubject(token: string): string | null {
  try {
    const payload = token.split(".")[1] ?? "";
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === "string" ? sub : null;
  } catch {
    return null;
  }
}

export class Session {
  private token: string | null = null;
  private expiresAt = 0;
  private inflight: Promise<string> | null = null;
  private listeners = new Set<(state: SessionState) => void>();
  state: SessionState = { status: "unknown" };

  constructor(private deps: SessionDeps) {}

  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  private accept(accessToken: string, expiresAt: string | null, email: string | null): void {
    this.token = accessToken;
    // Without an expiry from the server, assume the gateway's default of 15 minutes.
    this.expiresAt = expiresAt ? Date.parse(expiresAt) : this.deps.now() + 15 * 60_000;
    const userId = jwtSubject(accessToken) ?? "";
    const previousEmail = this.state.status === "signedIn" ? this.state.email : null;
    this.set({ status: "signedIn", userId, email: email ?? previousEmail });
  }

  async signIn(email: string, password: string): Promise<void> {
    const body = await postGraphQL<LoginMutation>(this.deps.fetch, API_PATH, LoginDocument.toString(),
      { email, password }, BROWSER_SESSION);
    if (body.errors?.length || !body.data) throw ApiError.fromBody(body);
    const login = body.data.login;
    this.accept(login.accessToken, login.accessExpiresAt, login.user?.email ?? email);
  }

  async signUp(email: string, password: string, fullName: string): Promise<void> {
    const body = await postGraphQL<RegisterMutation>(this.deps.fetch, API_PATH, RegisterDocument.toString(),
      { email, password, fullName }, BROWSER_SESSION);
    if (body.errors?.length || !body.data) throw ApiError.fromBody(body);
    const registered = body.data.register;
    this.accept(registered.accessToken, registered.accessExpiresAt, registered.user?.email ?? email);
  }

  /** On page load: is there a session cookie that still works? */
  async restore(): Promise<boolean> {
    try {
      await this.refresh();
      return true;
    } catch (error) {
      if (error instanceof SessionEnded) {
        // No cookie, or a dead one: a fresh visit, not an error worth a message.
        this.set({ status: "signedOut", reason: null });
        return false;
      }
      throw error;
    }
  }

  /** A valid access token, refreshed first when it is about to expire; null when signed out. */
  async accessToken(options: { force?: boolean } = {}): Promise<string | null> {
    if (this.state.status === "signedOut") return null;
    if (!options.force && this.token && this.deps.now() < this.expiresAt - REFRESH_MARGIN_MS) return this.token;
    if (this.state.status === "unknown" && !this.token && !options.force) return null;
    return this.refresh();
  }

  /** Called when the tab becomes visible again: refresh quietly if the token expired meanwhile. */
  async wake(): Promise<void> {
    if (this.state.status !== "signedIn") return;
    if (this.deps.now() >= this.expiresAt - REFRESH_MARGIN_MS) {
      await this.refresh().catch(() => undefined); // SessionEnded already moved us to signedOut
    }
  }

  refresh(): Promise<string> {
    if (!this.inflight) {
      const run = () => this.refreshNow();
      const locked = this.deps.locks ? this.deps.locks.request("jobmate-session-refresh", run) : run();
      this.inflight = locked.finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async refreshNow(): Promise<string> {
    const body = await postGraphQL<RefreshMutation>(this.deps.fetch, SESSION_PATH, RefreshDocument.toString(),
      {}, CSRF);
    if (hasCode(body, "UNAUTHENTICATED")) {
      const message = body.errors?.[0]?.message ?? "your session has ended";
      this.end(message);
      throw new SessionEnded(message);
    }
    if (body.errors?.length || !body.data) throw ApiError.fromBody(body);
    const refreshed = body.data.refreshToken;
    this.accept(refreshed.accessToken, refreshed.accessExpiresAt, null);
    return refreshed.accessToken;
  }

  /** The server refused the session (or another tab signed out): forget the token, show why. */
  end(reason: string | null): void {
    this.token = null;
    this.expiresAt = 0;
    if (this.state.status !== "signedOut") this.set({ status: "signedOut", reason });
  }

  async signOut(): Promise<void> {
    try {
      await postGraphQL(this.deps.fetch, SESSION_PATH, LogoutDocument.toString(), {}, CSRF);
    } finally {
      this.end(null);
      this.deps.broadcast?.("signedOut");
    }
  }
}
