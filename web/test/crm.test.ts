import { describe, expect, it } from "vitest";
import { formatSalary, locale } from "../src/i18n";
import type { SalaryKind, SalaryPeriod, TimelineEventFieldsFragment, TimelineEventKind } from "../src/gql/graphql";
import {
  columnMapping,
  csvHeader,
  daysSince,
  draftFromEvent,
  emptyDraft,
  eventInput,
  eventUpdate,
  exportFileName,
  fromLocalInput,
  isUpcoming,
  parseAmount,
  salaryInput,
  toLocalInput,
} from "../src/state/crm";

const NOW = new Date("2026-12-06T10:00:00Z");
const kind = (k: string) => k as TimelineEventKind;

describe("the event form's input", () => {
  it("sends an interview with its stage, place and duration, and nothing of the other kinds", () => {
    const draft = { ...emptyDraft(kind("INTERVIEW"), NOW), occurredAt: "2027-01-12T14:30", stage: " Technical ", place: "Paris office",
      durationMinutes: "60", bonus: "left over from another kind" };
    const made = eventInput(draft, "app-1");
    expect(made.errors).toBeNull();
    expect(made.input).toEqual({
      applicationId: "app-1", kind: "INTERVIEW", occurredAt: new Date("2027-01-12T14:30").toISOString(), title: "", body: "",
      contactIds: [], interview: { stage: "Technical", place: "Paris office", link: "", durationMinutes: 60 },
    });
  });

  it("sends an offer's figures as numbers with an upper-case currency, and no salary when none is given", () => {
    const draft = { ...emptyDraft(kind("OFFER"), NOW), salaryMin: "55 000", salaryMax: "62000,5", currency: "eur", period: "YEAR" as const,
      bonus: "10%" };
    expect(eventInput(draft, "a").input?.offer).toEqual({
      salary: { min: 55000, max: 62000.5, currency: "EUR", period: "YEAR" }, bonus: "10%", equity: "", benefits: "", respondBy: null,
    });
    const noFigures = eventInput({ ...emptyDraft(kind("OFFER"), NOW), benefits: "Lunch" }, "a");
    expect(noFigures.input?.offer?.salary).toBeNull();
  });

  it("names the fields to fix instead of sending a bad event", () => {
    expect(eventInput({ ...emptyDraft(kind("CUSTOM"), NOW), occurredAt: "" }, "a").errors).toEqual({ occurredAt: "required", title: "required" });
    expect(eventInput(emptyDraft(kind("NOTE"), NOW), "a").errors).toEqual({ body: "required" });
    const offer = { ...emptyDraft(kind("OFFER"), NOW), salaryMin: "lots", salaryMax: "50000" };
    expect(eventInput(offer, "a").errors).toEqual({ salaryMin: "amount", currency: "currency" });
    expect(eventInput({ ...offer, salaryMin: "60000", currency: "EUR" }, "a").errors).toEqual({ salaryMax: "order" });
    expect(eventInput({ ...emptyDraft(kind("INTERVIEW"), NOW), durationMinutes: "1.5" }, "a").errors).toEqual({ durationMinutes: "duration" });
  });

  it("edits an event through a draft made from it: same details back, kind and application left out", () => {
    const event: TimelineEventFieldsFragment = {
      id: "e1", applicationId: "a", companyId: "c", kind: kind("EMAIL_RECEIVED"), origin: "RECORDED" as never, editable: true,
      title: "", body: "They liked it", occurredAt: "2026-12-01T09:15:00Z", recordedAt: "2026-12-01T09:20:00Z", updatedAt: null,
      contactIds: ["k1"], interview: null, assessment: null, offer: null, statusChange: null, analysis: null, followUp: null,
      noResponse: null, hhApply: null, email: { subject: "Next steps", address: "hr@acme.example" }, contacts: [],
    };
    const draft = draftFromEvent(event);
    expect(draft.subject).toBe("Next steps");
    const update = eventUpdate({ ...draft, body: "They liked it a lot" });
    expect(update.input).toEqual({
      occurredAt: "2026-12-01T09:15:00.000Z", title: "", body: "They liked it a lot", contactIds: ["k1"],
      email: { subject: "Next steps", address: "hr@acme.example" },
    });
  });
});

describe("dates", () => {
  it("round-trips a time through the datetime-local input", () => {
    expect(fromLocalInput(toLocalInput("2027-01-12T14:30:00Z"))).toBe("2027-01-12T14:30:00.000Z");
    expect(toLocalInput(null)).toBe("");
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("not a date")).toBeNull();
  });

  it("tells upcoming events and counts whole days of silence", () => {
    expect(isUpcoming("2026-12-07T09:00:00Z", NOW)).toBe(true);
    expect(isUpcoming("2026-12-05T09:00:00Z", NOW)).toBe(false);
    expect(isUpcoming(null, NOW)).toBe(false);
    expect(daysSince("2026-11-24T11:00:00Z", NOW)).toBe(11);
    expect(daysSince("2026-12-08T00:00:00Z", NOW)).toBe(0);
    expect(daysSince(null, NOW)).toBeNull();
  });

  it("reads amounts as people type them", () => {
    expect(parseAmount("")).toBeNull();
    expect(parseAmount("45\u202f000")).toBe(45000);
    expect(parseAmount("12,5")).toBe(12.5);
    expect(parseAmount("50k")).toBeNaN();
  });
});

describe("CSV import", () => {
  it("reads the header row, with quotes, a BOM and the separator the file uses", () => {
    expect(csvHeader("\ufeffCompany,Job Title,\"Date, applied\"\r\nAcme,Dev,2024-01-02\r\n")).toEqual(["Company", "Job Title", "Date, applied"]);
    expect(csvHeader("Entreprise;Poste;\"Say \"\"hi\"\"\"\nA;B;C")).toEqual(["Entreprise", "Poste", 'Say "hi"']);
    expect(csvHeader("a\tb\tc")).toEqual(["a", "b", "c"]);
    expect(csvHeader("")).toEqual([]);
  });

  it("sends only the fields the user mapped: a column, or none to undo a wrong guess", () => {
    expect(columnMapping({
      company: { kind: "column", column: "Boîte" }, title: { kind: "auto" }, contact_email: { kind: "none" },
    })).toEqual([{ field: "company", column: "Boîte" }, { field: "contact_email", column: "" }]);
    expect(columnMapping({})).toEqual([]);
  });

  it("names downloads with the day", () => {
    expect(exportFileName("jobmate-export.json", NOW)).toBe("jobmate-export-2026-12-06.json");
    expect(exportFileName("companies.csv", NOW)).toBe("jobmate-companies-2026-12-06.csv");
  });
});

describe("a pay figure", () => {
  it("becomes an observation with numbers, an upper-case currency and its period", () => {
    const made = salaryInput({ kind: "ASKED" as SalaryKind, min: "60 000", max: "", currency: "eur", period: "YEAR" as SalaryPeriod, note: " first call " }, "a1");
    expect(made.input).toEqual({
      applicationId: "a1", kind: "ASKED", note: "first call", salary: { min: 60000, max: null, currency: "EUR", period: "YEAR" },
    });
  });

  it("names what is missing or wrong", () => {
    const blank = { kind: "ASKED" as SalaryKind, min: "", max: "", currency: "", period: "" as const, note: "" };
    expect(salaryInput(blank, "a").errors).toEqual({ min: "required", currency: "currency" });
    expect(salaryInput({ ...blank, min: "70000", max: "65000", currency: "USD" }, "a").errors).toEqual({ max: "order" });
  });
});

describe("a salary in words", () => {
  const salary = (min: number | null, max: number | null, currency = "EUR", period: string | null = "YEAR") =>
    ({ min, max, currency, period, text: "competitive" });

  it("shows a range, one figure, or the posting's own words", () => {
    locale.value = "en";
    expect(formatSalary(salary(70000, 80000))).toBe("€70,000 – €80,000 per year");
    expect(formatSalary(salary(45, 45, "EUR", "HOUR"))).toBe("€45 per hour");
    expect(formatSalary(salary(null, 60000, "USD", null))).toBe("$60,000");
    expect(formatSalary(salary(null, null))).toBe("competitive");
    expect(formatSalary(null)).toBe("");
  });

  it("speaks French", () => {
    locale.value = "fr";
    expect(formatSalary(salary(55000, 65000, "EUR", "MONTH")).replace(/\s/g, " ")).toBe("55 000 € – 65 000 € par mois");
    locale.value = "en";
  });
});
