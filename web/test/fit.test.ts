import { describe, expect, it } from "vitest";
import { appendPage, confidencePercent, fitScore, fitTone, mergeFirstPage } from "../src/state/fit";

type J = { id: string; fit: { score: number } | null };
const job = (id: string, score: number | null = null): J => ({ id, fit: score === null ? null : { score } });

describe("fit score", () => {
  it("reads a score as a whole number from 0 to 100, and none while not scored", () => {
    expect(fitScore(job("a", 72.6))).toBe(73);
    expect(fitScore(job("a", 140))).toBe(100);
    expect(fitScore(job("a", -3))).toBe(0);
    expect(fitScore(job("a"))).toBeNull();
    expect(fitScore({})).toBeNull();
  });

  it("gives each score a tone", () => {
    expect(fitTone(job("a", 85))).toBe("high");
    expect(fitTone(job("a", 70))).toBe("high");
    expect(fitTone(job("a", 55))).toBe("medium");
    expect(fitTone(job("a", 12))).toBe("low");
    expect(fitTone(job("a"))).toBe("none");
  });

  it("shows confidence as a percentage", () => {
    expect(confidencePercent(0.834)).toBe(83);
    expect(confidencePercent(1.2)).toBe(100);
  });
});

describe("mergeFirstPage", () => {
  it("newest first: new postings on top, the user's place kept, shown ones take the fresh copy", () => {
    const shown = [job("b"), job("c"), job("d")];
    const page = [job("a", 50), job("b", 90)];
    const merged = mergeFirstPage(shown, page, "NEWEST");
    expect(merged.map((j) => j.id)).toEqual(["a", "b", "c", "d"]);
    expect(merged[1]!.fit?.score).toBe(90);
  });

  it("best fit first: the page's order leads, then the shown postings it no longer holds", () => {
    const shown = [job("b"), job("c"), job("d")];
    const page = [job("c", 95), job("a", 60), job("b", 40)];
    expect(mergeFirstPage(shown, page, "FIT").map((j) => j.id)).toEqual(["c", "a", "b", "d"]);
  });

  it("a refetch that left before an approval or rejection reached the server does not bring the decided posting back", () => {
    // The user approved "b" from a list of three; the refetch was answered before the server knew.
    const shown = [job("a"), job("c")];
    const stalePage = [job("a"), job("b"), job("c")];
    const decided = new Set(["b"]);
    for (const order of ["NEWEST", "FIT"] as const) {
      expect(mergeFirstPage(shown, stalePage, order, decided).map((j) => j.id)).toEqual(["a", "c"]);
    }
    // The first load after a filter change keeps it out as well.
    expect(mergeFirstPage([], stalePage, "NEWEST", decided).map((j) => j.id)).toEqual(["a", "c"]);
    // Without the guard the stale page would have brought it back.
    expect(mergeFirstPage(shown, stalePage, "NEWEST").map((j) => j.id)).toEqual(["b", "a", "c"]);
  });

  it("never repeats a posting", () => {
    const shown = [job("a"), job("b")];
    for (const order of ["NEWEST", "FIT"] as const) {
      const ids = mergeFirstPage(shown, [job("b", 10), job("a", 20)], order).map((j) => j.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe("appendPage", () => {
  it("adds the next page's postings that are neither shown nor decided, after those shown", () => {
    const shown = [job("a"), job("b")];
    const next = [job("b"), job("c"), job("d"), job("e")];
    expect(appendPage(shown, next, new Set(["d"])).map((j) => j.id)).toEqual(["a", "b", "c", "e"]);
    expect(appendPage(shown, next).map((j) => j.id)).toEqual(["a", "b", "c", "d", "e"]);
  });
});
