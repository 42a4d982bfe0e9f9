// The live event stream (/events, server-sent events).
//
// A browser cannot send an Authorization header with EventSource, so each connection opens with a
// single-use ticket from the eventsTicket mutation. EventSource's own reconnect would replay that
// spent ticket, so on any error the stream is closed and reopened here with a new ticket and
// `lastEventId` (the id of the last event seen): the gateway replays what was missed. When the
// events after that id are already gone from the server's capped stream, the first frame is
// REPLAY_GAP, and the app refetches what it shows instead of trusting a partial replay.

export interface LiveEvent {
  type: string;
  id?: string;
  [field: string]: unknown;
}

export type StreamStatus = "idle" | "connecting" | "live" | "reconnecting";

export interface MessageLike {
  data: string;
  lastEventId: string;
}

export interface EventSourceLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: MessageLike) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
}

export interface StreamDeps {
  /** A fresh single-use ticket (the eventsTicket mutation). Throwing SessionEnded stops the stream. */
  ticket: () => Promise<string>;
  open: (url: string) => EventSourceLike;
  setTimer: (callback: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  random: () => number;
  isFatal: (error: unknown) => boolean;
  onEvent: (event: LiveEvent) => void;
  /** Events may have been missed (REPLAY_GAP, or a first connection): refetch what is shown. */
  onResync: (why: "gap" | "connected") => void;
  onStatus: (status: StreamStatus) => void;
}

export const MAX_BACKOFF_MS = 30_000;
export const CONNECTED_RESYNC_DELAY_MS = 1_000;

export function backoffMs(attempt: number, random: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.5 + random / 2)); // jitter: tabs that lost the server together do not return together
}

export class EventStream {
  lastEventId: string | null = null;
  status: StreamStatus = "idle";
  private source: EventSourceLike | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private running = false;
  private generation = 0;

  constructor(private deps: StreamDeps) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.generation += 1;
    this.source?.close();
    this.source = null;
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    this.lastEventId = null;
    this.setStatus("idle");
  }

  /** Back online (or the user asked): try now instead of waiting for the backoff. */
  retryNow(): void {
    if (!this.running || this.status === "live" || this.status === "connecting") return;
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    void this.connect();
  }

  private setStatus(status: StreamStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.deps.onStatus(status);
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.setStatus(this.attempt === 0 && this.lastEventId === null ? "connecting" : "reconnecting");
    let ticket: string;
    try {
      ticket = await this.deps.ticket();
    } catch (error) {
      if (generation !== this.generation) return;
      if (this.deps.isFatal(error)) {
        this.stop();
        return;
      }
      this.scheduleReconnect();
      return;
    }
    if (generation !== this.generation || !this.running) return;
    const params = new URLSearchParams({ ticket });
    if (this.lastEventId) params.set("lastEventId", this.lastEventId);
    const source = this.deps.open(`/events?${params.toString()}`);
    this.source = source;
    const resumed = this.lastEventId !== null;
    source.onopen = () => {
      if (generation !== this.generation) return;
      this.attempt = 0;
      this.setStatus("live");
      // A first connection starts at the stream's end: anything that happened between the screen's
      // fetch and this moment is not replayed, so the screen refetches once, a moment later, when the
      // first screen has drawn (on a fresh sign-in the two would otherwise compete).
      if (!resumed) this.deps.setTimer(() => {
        if (generation === this.generation) this.deps.onResync("connected");
      }, CONNECTED_RESYNC_DELAY_MS);
    };
    source.onmessage = (message) => {
      if (generation !== this.generation) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(message.data) as LiveEvent;
      } catch {
        return; // not ours to interpret; the stream itself is fine
      }
      if (event.type === "REPLAY_GAP") {
        this.deps.onResync("gap");
        return;
      }
      if (message.lastEventId) this.lastEventId = message.lastEventId;
      this.deps.onEvent(event);
    };
    source.onerror = () => {
      if (generation !== this.generation) return;
      source.close();
      this.source = null;
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    this.setStatus("reconnecting");
    const delay = backoffMs(this.attempt, this.deps.random());
    this.attempt += 1;
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }
}
