import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Api } from "../src/api/client";
import { NetworkError } from "../src/api/graphql";
import { API_PATH, REFRESH_MARGIN_MS, Session, SessionEnded, SESSION_PATH } from "../src/api/session";
import { MyProfileDocument } from "../src/gql/graphql";
import { fakeFetch, fakeLocks, jwt, unauthenticated, type Call } from "./fakes";

const HOUR = 3_600_000;
let now = Date.parse("2026-03-01T10:00:00Z");
const clock = () => now;
const expiresIn = (ms: number) => new Date(now + ms).toISOString();

function isRefresh(call: Call) {
  return call.url === SESSION_PATH && call.body.query.includes("refreshToken");
}

// Whatever the app writes to storage, for the check that no token ever lands there.
const stored: string[] = [];
beforeEach(() => {
  now = Date.parse("2026-03-01T10:00:00Z");
  stored.length = 0;
  (globalThis as { localStorage?: unknown }).localStorage = {
    setItem: (key: string, value: string) => stored.push(`${key}=${value}`),
    getItem: () => null,
    removeItem: () => undefined,
  };
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe("signing in", () => {
  it("asks for the refresh token as a cookie and keeps the access token in memory only", async () => {
    const { fetch, calls } = fakeFetch(() => ({
      data: { login: { accessToken: jwt("user-1"), accessExpiresAt: expiresIn(15 * 60_000), user: { id: "user-1", email: "ada@example.org" } } },
    }));
    const session = new Session({ fetch, now: clock });
    await session.signIn("ada@example.org", "a long passphrase");
    expect(calls[0]!.url).toBe(API_PATH);
    expect(calls[0]!.headers["x-jobmate-session"]).toBe("cookie");
    expect(calls[0]!.body.query).not.toContain("refreshToken");
    expect(session.state).toEqual({ status: "signedIn", userId: "user-1", email: "ada@example.org" });
    expect(await session.accessToken()).toBe(jwt("user-1"));
    expect(calls).toHaveLength(1); // a fresh token is used as it is
    expect(stored).toEqual([]);
  });

  it("shows the server's error and stays signed out", async () => {
    const { fetch } = fakeFetch(() => unauthenticated("email or password is incorrect"));
    const session = new Session({ fetch, now: clock });
    await expect(session.signIn("ada@example.org", "wrong")).rejects.toMatchObject({ message: "email or password is incorrect" });
    expect(session.state.status).toBe("unknown");
  });
});

describe("refreshing", () => {
  async function signedIn(handler: (call: Call) => Parameters<typeof fakeFetch>[0] extends (c: Call) => infer R ? R : never, locks = fakeLocks()) {
    let issued = 0;
    const { fetch, calls } = fakeFetch((call) => {
      if (call.body.query.includes("login")) {
        return { data: { login: { accessToken: jwt("user-1"), accessExpiresAt: expiresIn(15 * 60_000), user: null } } };
      }
      if (isRefresh(call)) {
        const answer = handler(call);
        if (answer) return answer;
        issued += 1;
        return { data: { refreshToken: { accessToken: `${jwt("user-1")}#${issued}`, accessExpiresAt: expiresIn(15 * 60_000) } } };
      }
      return handler(call) ?? { data: {} };
    });
    const session = new Session({ fetch, now: clock, locks });
    await session.signIn("ada@example.org", "pw");
    return { session, calls, locks };
  }

  it("refreshes a token about to expire, through the cookie path, once for concurrent callers", async () => {
    const { session, calls } = await signedIn(() => undefined as never);
    now += 15 * 60_000 - REFRESH_MARGIN_MS + 1;
    const tokens = await Promise.all([session.accessToken(), session.accessToken(), session.accessToken()]);
    const refreshes = calls.filter(isRefresh);
    expect(refreshes).toHaveLength(1); // refresh tokens are single-use: one request, shared
    expect(refreshes[0]!.headers["x-jobmate-csrf"]).toBe("1");
    expect(refreshes[0]!.body.variables).toEqual({}); // the token travels as the HttpOnly cookie, never in the body
    expect(new Set(tokens)).toEqual(new Set([`${jwt("user-1")}#1`]));
    expect(stored).toEqual([]);
  });

  it("serialises refreshes across tabs with a lock", async () => {
    const locks = fakeLocks();
    let heldDuringRefresh = -1;
    const { session } = await signedIn(() => {
      heldDuringRefresh = locks.held;
      return undefined as never;
    }, locks);
    await session.refresh();
    expect(heldDuringRefresh).toBe(1);
  });

  it("wakes after an hour asleep and refreshes silently", async () => {
    const { session, calls } = await signedIn(() => undefined as never);
    now += HOUR;
    await session.wake();
    expect(calls.filter(isRefresh)).toHaveLength(1);
    expect(session.state.status).toBe("signedIn");
    expect(await session.accessToken()).toBe(`${jwt("user-1")}#1`);
  });

  it("ends the session with the server's message when the refresh is refused", async () => {
    const { session } = await signedIn((call) => (isRefresh(call) ? unauthenticated("this session has ended; sign in again") : undefined) as never);
    const seen: string[] = [];
    session.subscribe((state) => seen.push(state.status === "signedOut" ? `signedOut:${state.reason}` : state.status));
    now += HOUR;
    await expect(session.accessToken()).rejects.toBeInstanceOf(SessionEnded);
    expect(session.state).toEqual({ status: "signedOut", reason: "this session has ended; sign in again" });
    expect(seen).toEqual(["signedOut:this session has ended; sign in again"]);
    expect(await session.accessToken()).toBeNull();
  });

  it("keeps the session when the network fails (offline is not signed out)", async () => {
    const { session } = await signedIn((call) => (isRefresh(call) ? new TypeError("Failed to fetch") : undefined) as never);
    now += HOUR;
    await expect(session.accessToken()).rejects.toBeInstanceOf(NetworkError);
    expect(session.state.status).toBe("signedIn");
  });

  it("restores a session from the cookie on page load, or starts signed out without a message", async () => {
    const ok = fakeFetch(() => ({ data: { refreshToken: { accessToken: jwt("user-9"), accessExpiresAt: expiresIn(900_000) } } }));
    const restored = new Session({ fetch: ok.fetch, now: clock });
    expect(await restored.restore()).toBe(true);
    expect(restored.state).toMatchObject({ status: "signedIn", userId: "user-9" });

    const none = fakeFetch(() => unauthenticated("you are not signed in (no session cookie); sign in again"));
    const fresh = new Session({ fetch: none.fetch, now: clock });
    expect(await fresh.restore()).toBe(false);
    expect(fresh.state).toEqual({ status: "signedOut", reason: null });
  });
});

describe("the API client", () => {
  it("refreshes and retries once when the server says the token expired", async () => {
    let refreshed = false;
    const { fetch, calls } = fakeFetch((call) => {
      if (call.body.query.includes("login")) return { data: { login: { accessToken: "old", accessExpiresAt: expiresIn(900_000), user: null } } };
      if (isRefresh(call)) {
        refreshed = true;
        return { data: { refreshToken: { accessToken: "new", accessExpiresAt: expiresIn(900_000) } } };
      }
      // The server's clock says "old" expired (the tab slept), whatever this one thinks.
      if (call.headers.authorization === "Bearer old") return unauthenticated("the access token is invalid or expired");
      return { data: { myProfile: null } };
    });
    const session = new Session({ fetch, now: clock });
    await session.signIn("ada@example.org", "pw");
    const api = new Api(session, fetch);
    expect(await api.request(MyProfileDocument, {})).toEqual({ myProfile: null });
    expect(refreshed).toBe(true);
    expect(calls.filter((c) => c.url === API_PATH).map((c) => c.headers.authorization)).toEqual([undefined, "Bearer old", "Bearer new"]);
  });

  it("signs out when even a fresh token is refused", async () => {
    const { fetch } = fakeFetch((call) => {
      if (call.body.query.includes("login")) return { data: { login: { accessToken: "old", accessExpiresAt: expiresIn(900_000), user: null } } };
      if (isRefresh(call)) return { data: { refreshToken: { accessToken: "new", accessExpiresAt: expiresIn(900_000) } } };
      return unauthenticated("the access token is invalid or expired");
    });
    const session = new Session({ fetch, now: clock });
    await session.signIn("ada@example.org", "pw");
    await expect(new Api(session, fetch).request(MyProfileDocument, {})).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(session.state.status).toBe("signedOut");
  });
});
