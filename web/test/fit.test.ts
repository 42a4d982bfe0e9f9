import { describe, expect, it } from "vitest";
import {
  appendPage, confidencePercent, fitScore, fitTone, littleToJudge, LOW_CONFIDENCE, mergeFirstPage, oneAtATime, scoredJobIds,
  scoresConcernList,
} from "../src/state/fit";

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

describe("live scores", () => {
  it("reads the postings a JOBS_SCORED event names, and nothing from other events", () => {
    expect(scoredJobIds({ type: "JOBS_SCORED", jobIds: ["a", "b"] })).toEqual(["a", "b"]);
    expect(scoredJobIds({ type: "JOBS_SCORED", jobIds: "a" })).toEqual([]);
    expect(scoredJobIds({ type: "JOB_DISCOVERED", jobIds: ["a"] })).toEqual([]);
  });

  it("refreshes best-fit-first lists on any score, newest-first ones when a shown posting was scored", () => {
    const shown = [job("a"), job("b")];
    expect(scoresConcernList(["z"], shown, "FIT")).toBe(true);
    expect(scoresConcernList(["z"], shown, "NEWEST")).toBe(false);
    expect(scoresConcernList(["z", "b"], shown, "NEWEST")).toBe(true);
    expect(scoresConcernList([], shown, "FIT")).toBe(false);
  });

  it("scores arriving for a shown posting replace its badge in place; a decided posting stays out", () => {
    const shown = [job("a"), job("b"), job("c")];
    const page = [job("a"), job("b", 64), job("c"), job("d", 80)];
    const merged = mergeFirstPage(shown, page, "NEWEST", new Set(["d"]));
    expect(merged.map((j) => [j.id, fitScore(j)])).toEqual([["a", null], ["b", 64], ["c", null]]);
  });

  it("runs one refetch at a time and once more after a burst of calls", async () => {
    const releases: (() => void)[] = [];
    let runs = 0;
    const refetch = oneAtATime(() => {
      runs += 1;
      return new Promise<void>((resolve) => releases.push(resolve));
    });
    const first = refetch();
    void refetch();
    void refetch();
    void refetch();
    expect(runs).toBe(1);
    releases.shift()!();
    await Promise.resolve();
    await Promise.resolve();
    expect(runs).toBe(2); // the three calls during the first run became one
    releases.shift()!();
    await first;
    expect(runs).toBe(2);
    void refetch();
    expect(runs).toBe(3); // idle again: a new call runs at once
    releases.shift()!();
  });

  it("keeps going after a failed run", async () => {
    let runs = 0;
    const refetch = oneAtATime(async () => {
      runs += 1;
      if (runs === 1) throw new Error("network");
    });
    await refetch();
    await refetch();
    expect(runs).toBe(2);
  });
});

describe("little to judge", () => {
  const fit = (score: number, confidence: number, reasons: string[] = []) => ({ id: "x", fit: { score, confidence, reasons } });

  it("gives the scorer's own sentence for a score under half confidence, and nothing otherwise", () => {
    const thin = fit(64, 0.15, ["Little to judge (confidence 15%): no description, no skills listed.", "Same family."]);
    expect(littleToJudge(thin)).toBe("Little to judge (confidence 15%): no description, no skills listed.");
    expect(littleToJudge(fit(88, LOW_CONFIDENCE, ["Same family."]))).toBeNull();
    expect(littleToJudge(fit(88, 0.9))).toBeNull();
    expect(littleToJudge({ fit: null })).toBeNull(); // not scored yet is another state ("not scored yet")
    expect(littleToJudge({ fit: { score: 40 } })).toBeNull(); // a list that did not ask for confidence
  });
});
