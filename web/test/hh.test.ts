import { describe, expect, it } from "vitest";
import {
  applyLiveChange, autoApplyBlocker, bucketFromEvent, hhVacancyId, isHhPosting, latestApply, minutesToNextToken,
  parseHhCallback, pickResume, scopesToSend, toggleScope, wholeTokens, type ApplyLike, type Bucket,
} from "../src/state/hh";

describe("HH postings", () => {
  it("reads the vacancy id from hh.ru links only", () => {
    expect(hhVacancyId("https://hh.ru/vacancy/4242")).toBe("4242");
    expect(hhVacancyId("https://spb.hh.ru/vacancy/77?from=search")).toBe("77");
    expect(hhVacancyId("https://hh.ru/vacancy/77/")).toBe("77");
    expect(hhVacancyId("https://hh.ru.evil.example/vacancy/1")).toBeNull();
    expect(hhVacancyId("https://nothh.ru/vacancy/1")).toBeNull();
    expect(hhVacancyId("https://hh.ru/employer/1")).toBeNull();
    expect(hhVacancyId("not a url")).toBeNull();
    expect(hhVacancyId("")).toBeNull();
  });

  it("knows a posting from HH by its source or its URL", () => {
    expect(isHhPosting({ source: "hh", url: "" })).toBe(true);
    expect(isHhPosting({ source: "url", url: "https://hh.ru/vacancy/5" })).toBe(true);
    expect(isHhPosting({ source: "greenhouse", url: "https://boards.example.org/acme/jobs/1" })).toBe(false);
  });
});

describe("the /hh/callback query", () => {
  it("takes code and state, or error and state", () => {
    expect(parseHhCallback("?code=abc&state=s1")).toEqual({ kind: "complete", state: "s1", code: "abc", error: "" });
    expect(parseHhCallback("?error=access_denied&state=s1")).toEqual({ kind: "complete", state: "s1", code: "", error: "access_denied" });
  });

  it("refuses a visit without a state or without an answer", () => {
    expect(parseHhCallback("")).toEqual({ kind: "invalid" });
    expect(parseHhCallback("?code=abc")).toEqual({ kind: "invalid" });
    expect(parseHhCallback("?state=s1")).toEqual({ kind: "invalid" });
  });
});

describe("resumes", () => {
  const resumes = [{ id: "r1", isDefault: false }, { id: "r2", isDefault: true }];
  it("preselects the default, else the account's pick, else the first", () => {
    expect(pickResume(resumes)).toBe("r2");
    expect(pickResume([{ id: "r1", isDefault: false }, { id: "r3", isDefault: false }], "r3")).toBe("r3");
    expect(pickResume([{ id: "r1", isDefault: false }], "gone")).toBe("r1");
    expect(pickResume([])).toBe("");
  });
});

describe("the bucket", () => {
  const bucket: Bucket = { tokens: 2.9999999999, capacity: 20, refillPerHour: 8, nextTokenAt: "2026-12-06T10:07:30Z", queued: 0 };
  it("counts whole applies, and never below zero", () => {
    expect(wholeTokens(bucket)).toBe(3);
    expect(wholeTokens({ tokens: 0.4 })).toBe(0);
    expect(wholeTokens({ tokens: -0.1 })).toBe(0);
  });

  it("says how long until the next token, rounded up", () => {
    const now = Date.parse("2026-12-06T10:00:00Z");
    expect(minutesToNextToken(bucket, now)).toBe(8);
    expect(minutesToNextToken({ nextTokenAt: null }, now)).toBe(0);
    expect(minutesToNextToken({ nextTokenAt: "2026-12-06T09:00:00Z" }, now)).toBe(0);
  });

  it("follows the level an event reports", () => {
    expect(bucketFromEvent(bucket, { tokensLeft: 19, nextTokenAt: "2026-12-06T10:10:00Z" }))
      .toMatchObject({ tokens: 19, nextTokenAt: "2026-12-06T10:10:00Z" });
    expect(bucketFromEvent({ ...bucket, tokens: 19 }, { tokensLeft: 20 })).toMatchObject({ tokens: 20, nextTokenAt: null });
    expect(bucketFromEvent(bucket, {})).toEqual(bucket);
  });
});

describe("live apply changes", () => {
  const applies: (ApplyLike & { createdAt: string })[] = [
    { id: "a1", applicationId: "c1", state: "QUEUED", reason: "", detail: "", createdAt: "2026-12-06T09:00:00Z" },
    { id: "a2", applicationId: "c2", state: "QUEUED", reason: "", detail: "", createdAt: "2026-12-06T09:30:00Z" },
  ];

  it("updates the apply the event names", () => {
    const next = applyLiveChange(applies, { type: "HH_APPLY_CHANGED", applyId: "a1", state: "NEEDS_USER",
      reason: "test_required", detail: "HH.ru asks for a test" });
    expect(next?.[0]).toMatchObject({ id: "a1", state: "NEEDS_USER", reason: "test_required", detail: "HH.ru asks for a test" });
    expect(next?.[1]).toBe(applies[1]);
    expect(applies[0]!.state).toBe("QUEUED"); // not changed in place
  });

  it("asks for a refetch for an apply not on screen", () => {
    expect(applyLiveChange(applies, { applyId: "a9", state: "APPLIED" })).toBeNull();
    expect(applyLiveChange(applies, { state: "APPLIED" })).toBeNull();
  });

  it("keeps the state when the event has none", () => {
    expect(applyLiveChange(applies, { applyId: "a2" })?.[1]?.state).toBe("QUEUED");
  });

  it("picks the newest apply", () => {
    expect(latestApply(applies)?.id).toBe("a2");
    expect(latestApply([])).toBeNull();
  });
});

describe("access token scopes", () => {
  it("checking write checks read; unchecking read unchecks write", () => {
    const withWrite = toggleScope([], "feed:write", true);
    expect(withWrite).toEqual(["feed:read", "feed:write"]);
    expect(toggleScope(withWrite, "feed:read", false)).toEqual([]);
    expect(toggleScope(withWrite, "feed:write", false)).toEqual(["feed:read"]);
  });

  it("keeps the vocabulary's order and sends write alone where chosen", () => {
    const chosen = toggleScope(toggleScope(["profile:read"], "applications:write", true), "feed:read", true);
    expect(chosen).toEqual(["feed:read", "applications:read", "applications:write", "profile:read"]);
    expect(scopesToSend(chosen)).toEqual(["feed:read", "applications:write", "profile:read"]);
  });
});

describe("why auto-apply does nothing", () => {
  const ready = { enabled: true, linked: true, defaultResumeId: "r1", needsRelinkReason: "" };
  const running = { stopped: false };

  it("is ready with a link, a default resume and the switch allowing it", () => {
    expect(autoApplyBlocker(ready, running)).toBeNull();
  });

  it("names the first thing the tracker would refuse", () => {
    expect(autoApplyBlocker({ ...ready, enabled: false, linked: false }, { stopped: true })).toBe("hhOff");
    expect(autoApplyBlocker({ ...ready, linked: false }, { stopped: true })).toBe("stopped");
    expect(autoApplyBlocker({ ...ready, linked: false, defaultResumeId: "" }, running)).toBe("notLinked");
    expect(autoApplyBlocker({ ...ready, needsRelinkReason: "token_revoked" }, running)).toBe("relink");
    expect(autoApplyBlocker({ ...ready, defaultResumeId: "" }, running)).toBe("noResume");
  });
});
