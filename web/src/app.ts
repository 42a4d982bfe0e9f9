// The app's singletons: the session, the API client, the live event stream and the toasts.
import { signal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { Api } from "./api/client";
import { EventStream, type LiveEvent, type StreamStatus } from "./api/events";
import { Session, SessionEnded, type SessionState } from "./api/session";
import { EventsTicketDocument } from "./gql/graphql";
import { withToast, type Toast } from "./state/toasts";

const fetchFn = (input: string, init: RequestInit) => fetch(input, init);
const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("jobmate-session") : null;

export const session = new Session({
  fetch: fetchFn,
  now: () => Date.now(),
  locks: (globalThis.navigator as Navigator | undefined)?.locks ?? null,
  broadcast: (message) => channel?.postMessage(message),
});
export const api = new Api(session, fetchFn);
export const sessionState = signal<SessionState>(session.state);
session.subscribe((state) => {
  sessionState.value = state;
});
if (channel) {
  // Signed out in another tab: this one follows.
  channel.onmessage = (event: MessageEvent) => {
    if (event.data === "signedOut") session.end(null);
  };
}

// --- toasts ----------------------------------------------------------------------------------------
export type { Toast };
export const toasts = signal<Toast[]>([]);
let toastSeq = 0;

/** A message at the bottom of the screen; one with a `topic` replaces the last one about the same thing. */
export function toast(text: string, kind: Toast["kind"] = "info", href?: string, topic?: string): void {
  const id = ++toastSeq;
  toasts.value = withToast(toasts.value, { id, text, kind, ...(href ? { href } : {}), ...(topic ? { topic } : {}) });
  setTimeout(() => dismissToast(id), kind === "error" ? 10_000 : 6_000);
}

export function dismissToast(id: number): void {
  toasts.value = toasts.value.filter((item) => item.id !== id);
}

// --- live events -----------------------------------------------------------------------------------
export const streamStatus = signal<StreamStatus>("idle");
const eventListeners = new Set<(event: LiveEvent) => void>();
const resyncListeners = new Set<() => void>();

export const stream = new EventStream({
  ticket: async () => (await api.request(EventsTicketDocument, {})).eventsTicket.ticket,
  open: (url) => new EventSource(url) as unknown as ReturnType<ConstructorParameters<typeof EventStream>[0]["open"]>,
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: Math.random,
  isFatal: (error) => error instanceof SessionEnded,
  onEvent: (event) => {
    for (const listener of eventListeners) listener(event);
  },
  onResync: () => {
    for (const listener of resyncListeners) listener();
  },
  onStatus: (status) => {
    streamStatus.value = status;
  },
});

session.subscribe((state) => {
  if (state.status === "signedIn") stream.start();
  else stream.stop();
});

export function onLiveEvent(listener: (event: LiveEvent) => void): () => void {
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
}

/** Run `handler` for live events while the component is mounted (the latest handler is used). */
export function useLiveEvents(handler: (event: LiveEvent) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => onLiveEvent((event) => latest.current(event)), []);
}

/** Refetch when events may have been missed (REPLAY_GAP, a fresh connection). */
export function useResync(handler: () => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const listener = () => latest.current();
    resyncListeners.add(listener);
    return () => resyncListeners.delete(listener);
  }, []);
}

export function startApp(): void {
  window.addEventListener("online", () => stream.retryNow());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      void session.wake();
      stream.retryNow();
    }
  });
}
