// Fakes for what lies outside the client's own logic: the network (fetch), the browser's locks, the
// event source and timers. The code under test is the real session, API client and event stream.
import type { FetchLike } from "../src/api/graphql";

export interface Call {
  url: string;
  headers: Record<string, string>;
  body: { query: string; variables: Record<string, unknown> };
}

export type Reply = { data?: unknown; errors?: { message: string; extensions?: { code: string } }[] } | Error;

/** A fetch that answers from a handler and records every request. */
export function fakeFetch(handler: (call: Call) => Reply | Promise<Reply>): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call: Call = { url, headers: { ...(init.headers as Record<string, string>) }, body: JSON.parse(String(init.body)) };
    calls.push(call);
    const reply = await handler(call);
    if (reply instanceof Error) throw reply;
    return new Response(JSON.stringify(reply), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { fetch, calls };
}

export function jwt(sub: string): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${encode({ alg: "EdDSA" })}.${encode({ sub })}.signature`;
}

export function unauthenticated(message: string): Reply {
  return { errors: [{ message, extensions: { code: "UNAUTHENTICATED" } }] };
}

/** navigator.locks as the browser has it: one holder at a time per name. */
export function fakeLocks() {
  const tails = new Map<string, Promise<unknown>>();
  let held = 0;
  return {
    get held() {
      return held;
    },
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const previous = tails.get(name) ?? Promise.resolve();
      const run = previous.catch(() => undefined).then(async () => {
        held += 1;
        try {
          return await callback();
        } finally {
          held -= 1;
        }
      });
      tails.set(name, run);
      return run;
    },
  };
}
