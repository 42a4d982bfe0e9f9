import { describe, expect, it } from "vitest";
import { runTopic, withToast, type Toast } from "../src/state/toasts";

const make = (id: number, text: string, topic?: string): Toast => ({ id, text, kind: "info", ...(topic ? { topic } : {}) });

describe("the toasts shown", () => {
  it("keeps three at most, the newest last", () => {
    let shown: Toast[] = [];
    for (let id = 1; id <= 5; id += 1) shown = withToast(shown, make(id, `toast ${id}`));
    expect(shown.map((item) => item.id)).toEqual([3, 4, 5]);
  });

  it("ends a search's run as one message, not three stacked", () => {
    let shown = withToast([], make(1, "Profile saved."));
    shown = withToast(shown, make(2, "The search is running; results appear below as they come.", runTopic("s1")));
    shown = withToast(shown, make(3, "4 new postings in your inbox.", runTopic("s1")));
    shown = withToast(shown, make(4, "Search finished: 4 new postings.", runTopic("s1")));
    expect(shown.map((item) => item.text)).toEqual(["Profile saved.", "Search finished: 4 new postings."]);
  });

  it("keeps messages about different searches and messages without a topic", () => {
    let shown = withToast([], make(1, "Search finished: 2 new postings.", runTopic("s1")));
    shown = withToast(shown, make(2, "Search finished: no new posting.", runTopic("s2")));
    shown = withToast(shown, make(3, "Saved."));
    expect(shown.map((item) => item.id)).toEqual([1, 2, 3]);
  });
});
