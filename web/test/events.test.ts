import { describe, expect, it } from "vitest";
import { NetworkError } from "../src/api/graphql";
import {
  backoffMs,
  CONNECTED_RESYNC_DELAY_MS,
  EventStream,
  MAX_BACKOFF_MS,
  type EventSourceLike,
  type LiveEvent,
  type StreamStatus,
} from "../src/api/events";
import { SessionEnded } from "../src/api/session";

class FakeSource implements EventSourceLike {
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: string; lastEventId: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  send(data: object, id = "") {
    this.onmessage?.({ data: JSON.stringify(data), lastEventId: id });
  }
  fail() {
    this.onerror?.({});
  }
}

function harness(tickets: (() => Promise<string>)[] = []) {
  const sources: FakeSource[] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const events: LiveEvent[] = [];
  const resyncs: string[] = [];
  const statuses: StreamStatus[] = [];
  let issued = 0;
  const stream = new EventStream({
    ticket: () => (tickets.shift() ?? (async () => `t${++issued}`))(),
    open: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    setTimer: (callback, ms) => {
      timers.push({ callback, ms });
      return timers.length;
    },
    clearTimer: () => undefined,
    random: () => 0.5,
    isFatal: (error) => error instanceof SessionEnded,
    onEvent: (event) => events.push(event),
    onResync: (why) => resyncs.push(why),
    onStatus: (status) => statuses.push(status),
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** Fire the pending timers set for `ms` (the reconnect backoff, or the resync after connecting). */
  const fire = (ms: number) => {
    for (const timer of timers.splice(0).filter((t) => t.ms === ms)) timer.callback();
  };
  const reconnects = () => timers.filter((t) => t.ms !== CONNECTED_RESYNC_DELAY_MS);
  return { stream, sources, timers, events, resyncs, statuses, settle, fire, reconnects };
}

describe("the live event stream", () => {
  it("opens with a single-use ticket and refetches once when first connected", async () => {
    const h = harness();
    h.stream.start();
    await h.settle();
    expect(h.sources.map((s) => s.url)).toEqual(["/events?ticket=t1"]);
    h.sources[0]!.open();
    expect(h.stream.status).toBe("live");
    expect(h.resyncs).toEqual([]); // not at once: the first screen draws first
    h.fire(CONNECTED_RESYNC_DELAY_MS);
    expect(h.resyncs).toEqual(["connected"]); // events between the screen's fetch and now are not replayed
    h.sources[0]!.send({ type: "JOB_DISCOVERED", count: 3 }, "1700000000000-0");
    expect(h.events).toEqual([{ type: "JOB_DISCOVERED", count: 3 }]);
    expect(h.stream.lastEventId).toBe("1700000000000-0");
  });

  it("reconnects after a drop with a new ticket and Last-Event-ID, showing 'reconnecting' meanwhile", async () => {
    const h = harness();
    h.stream.start();
    await h.settle();
    h.sources[0]!.open();
    h.fire(CONNECTED_RESYNC_DELAY_MS);
    h.sources[0]!.send({ type: "CARD_MOVED" }, "1700000000000-0");
    h.sources[0]!.send({ type: "ANALYSIS_DONE" }, "1700000000005-1");
    h.sources[0]!.fail();
    expect(h.sources[0]!.closed).toBe(true); // EventSource's own retry would replay the spent ticket
    expect(h.stream.status).toBe("reconnecting");
    expect(h.reconnects()).toHaveLength(1);
    h.reconnects()[0]!.callback();
    await h.settle();
    expect(h.sources[1]!.url).toBe("/events?ticket=t2&lastEventId=1700000000005-1");
    h.sources[1]!.open();
    expect(h.stream.status).toBe("live");
    expect(h.timers).toHaveLength(1); // only the spent reconnect timer: a resumed stream schedules no resync
    expect(h.resyncs).toEqual(["connected"]); // a resumed stream replays what was missed: no refetch
    h.sources[1]!.send({ type: "FOLLOW_UP_DUE" }, "1700000000009-0");
    expect(h.events.map((e) => e.type)).toEqual(["CARD_MOVED", "ANALYSIS_DONE", "FOLLOW_UP_DUE"]);
    expect(h.statuses).toEqual(["connecting", "live", "reconnecting", "live"]);
  });

  it("refetches when the server says events were lost (REPLAY_GAP) and keeps its position", async () => {
    const h = harness();
    h.stream.start();
    await h.settle();
    h.sources[0]!.open();
    h.fire(CONNECTED_RESYNC_DELAY_MS);
    h.sources[0]!.send({ type: "CV_PARSED" }, "5-0");
    h.sources[0]!.fail();
    h.reconnects()[0]!.callback();
    await h.settle();
    h.sources[1]!.open();
    h.sources[1]!.send({ type: "REPLAY_GAP", lastEventId: "5-0", oldestAvailableId: "9-0" });
    h.sources[1]!.send({ type: "JOB_DISCOVERED" }, "9-0");
    expect(h.resyncs).toEqual(["connected", "gap"]);
    expect(h.events.map((e) => e.type)).toEqual(["CV_PARSED", "JOB_DISCOVERED"]); // the gap frame is not an event
    expect(h.stream.lastEventId).toBe("9-0");
  });

  it("backs off when the ticket cannot be had, and stops for good when the session ended", async () => {
    const h = harness([
      async () => { throw new NetworkError(new TypeError("offline")); },
      async () => { throw new NetworkError(new TypeError("offline")); },
      async () => { throw new SessionEnded("sign in again"); },
    ]);
    h.stream.start();
    await h.settle();
    expect(h.stream.status).toBe("reconnecting");
    h.timers[0]!.callback();
    await h.settle();
    expect(h.timers.map((t) => t.ms)).toEqual([backoffMs(0, 0.5), backoffMs(1, 0.5)]);
    expect(h.timers[1]!.ms).toBeGreaterThan(h.timers[0]!.ms);
    h.timers[1]!.callback();
    await h.settle();
    expect(h.stream.status).toBe("idle");
    expect(h.sources).toHaveLength(0);
  });

  it("caps the backoff and spreads reconnections", () => {
    expect(backoffMs(30, 1)).toBe(MAX_BACKOFF_MS);
    expect(backoffMs(0, 0)).toBe(500);
    expect(backoffMs(0, 1)).toBe(1000);
  });

  it("drops the delayed refetch of a connection that has ended meanwhile", async () => {
    const h = harness();
    h.stream.start();
    await h.settle();
    h.sources[0]!.open();
    h.stream.stop();
    h.fire(CONNECTED_RESYNC_DELAY_MS);
    expect(h.resyncs).toEqual([]);
  });

  it("opens nothing once stopped, even if a ticket arrives late", async () => {
    let release: (ticket: string) => void = () => undefined;
    const h = harness([() => new Promise<string>((resolve) => { release = resolve; })]);
    h.stream.start();
    h.stream.stop();
    release("late");
    await h.settle();
    expect(h.sources).toHaveLength(0);
    expect(h.stream.status).toBe("idle");
  });
});
