// The tracker CRM's client logic, kept apart from the screens so it is unit-tested: a timeline event's
// form and the GraphQL input it becomes, a CSV's header and the column mapping sent with an import,
// and the small date sums the screens show ("no activity for 12 days", "upcoming").
import type {
  ColumnMappingInput,
  SalaryKind,
  SalaryObservationInput,
  SalaryPeriod,
  TimelineEventFieldsFragment,
  TimelineEventInput,
  TimelineEventKind,
  TimelineEventUpdateInput,
} from "../gql/graphql";

/** The kinds a person records by hand (the others are written by the tracker itself). */
export const RECORDED_KINDS: TimelineEventKind[] = [
  "RECRUITER_CALL", "INTERVIEW", "ASSESSMENT", "OFFER", "REJECTION", "EMAIL_SENT", "EMAIL_RECEIVED", "NOTE", "CUSTOM",
] as TimelineEventKind[];

export const SALARY_PERIODS: SalaryPeriod[] = ["YEAR", "MONTH", "DAY", "HOUR", "WEEK"] as SalaryPeriod[];

/** Everything the event form edits, as the inputs hold it (strings); only the kind's own part is sent. */
export interface EventDraft {
  kind: TimelineEventKind;
  occurredAt: string; // datetime-local, in the browser's time zone
  title: string;
  body: string;
  contactIds: string[];
  stage: string;
  place: string;
  link: string;
  durationMinutes: string;
  dueAt: string;
  salaryMin: string;
  salaryMax: string;
  currency: string;
  period: SalaryPeriod | "";
  bonus: string;
  equity: string;
  benefits: string;
  respondBy: string;
  subject: string;
  address: string;
}

export type DraftErrors = Partial<Record<keyof EventDraft, string>>;

/** A datetime-local value for an ISO time (the browser's zone), or "" for none. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** An ISO time for a datetime-local value, or null when it is empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function emptyDraft(kind: TimelineEventKind, now: Date): EventDraft {
  return {
    kind, occurredAt: toLocalInput(now.toISOString()), title: "", body: "", contactIds: [],
    stage: "", place: "", link: "", durationMinutes: "", dueAt: "",
    salaryMin: "", salaryMax: "", currency: "", period: "", bonus: "", equity: "", benefits: "", respondBy: "",
    subject: "", address: "",
  };
}

function numberText(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

/** The form for editing a recorded event. */
export function draftFromEvent(event: TimelineEventFieldsFragment): EventDraft {
  const salary = event.offer?.salary;
  return {
    kind: event.kind!, occurredAt: toLocalInput(event.occurredAt), title: event.title, body: event.body,
    contactIds: [...event.contactIds],
    stage: event.interview?.stage ?? "", place: event.interview?.place ?? "", link: event.interview?.link ?? event.assessment?.link ?? "",
    durationMinutes: event.interview?.durationMinutes ? String(event.interview.durationMinutes) : "",
    dueAt: toLocalInput(event.assessment?.dueAt),
    salaryMin: numberText(salary?.min), salaryMax: numberText(salary?.max), currency: salary?.currency ?? "",
    period: salary?.period ?? "", bonus: event.offer?.bonus ?? "", equity: event.offer?.equity ?? "",
    benefits: event.offer?.benefits ?? "", respondBy: toLocalInput(event.offer?.respondBy),
    subject: event.email?.subject ?? "", address: event.email?.address ?? "",
  };
}

/** A number the user typed ("55 000", "55,5"), or null for empty; NaN when it is not one. */
export function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!cleaned) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : Number.NaN;
}

type Details = Pick<TimelineEventInput, "interview" | "assessment" | "offer" | "email">;

/** The details of the draft's kind, or the fields that are wrong. */
function details(draft: EventDraft): { details: Details; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const out: Details = {};
  switch (draft.kind) {
    case "INTERVIEW": {
      const minutes = draft.durationMinutes.trim() ? Number(draft.durationMinutes) : 0;
      if (!Number.isInteger(minutes) || minutes < 0) errors.durationMinutes = "duration";
      out.interview = { stage: draft.stage.trim(), place: draft.place.trim(), link: draft.link.trim(), durationMinutes: minutes || 0 };
      break;
    }
    case "ASSESSMENT":
      out.assessment = { link: draft.link.trim(), dueAt: fromLocalInput(draft.dueAt) };
      break;
    case "OFFER": {
      const min = parseAmount(draft.salaryMin);
      const max = parseAmount(draft.salaryMax);
      if (Number.isNaN(min)) errors.salaryMin = "amount";
      if (Number.isNaN(max)) errors.salaryMax = "amount";
      if (min !== null && max !== null && !Number.isNaN(min) && !Number.isNaN(max) && max < min) errors.salaryMax = "order";
      const hasAmount = (min !== null && !Number.isNaN(min)) || (max !== null && !Number.isNaN(max));
      const currency = draft.currency.trim().toUpperCase();
      if (hasAmount && !/^[A-Z]{3}$/.test(currency)) errors.currency = "currency";
      out.offer = {
        salary: hasAmount ? { min: Number.isNaN(min) ? null : min, max: Number.isNaN(max) ? null : max, currency, period: draft.period || null } : null,
        bonus: draft.bonus.trim(), equity: draft.equity.trim(), benefits: draft.benefits.trim(), respondBy: fromLocalInput(draft.respondBy),
      };
      break;
    }
    case "EMAIL_SENT":
    case "EMAIL_RECEIVED":
      out.email = { subject: draft.subject.trim(), address: draft.address.trim() };
      break;
    default:
      break;
  }
  return { details: out, errors };
}

function common(draft: EventDraft): { occurredAt: string | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const occurredAt = fromLocalInput(draft.occurredAt);
  if (!occurredAt) errors.occurredAt = "required";
  if (draft.kind === "CUSTOM" && !draft.title.trim()) errors.title = "required";
  if (draft.kind === "NOTE" && !draft.body.trim()) errors.body = "required";
  return { occurredAt, errors };
}

/** The addTimelineEvent input for a draft, or the fields to fix (codes: required, amount, ...). */
export function eventInput(draft: EventDraft, applicationId: string):
  { input: TimelineEventInput; errors: null } | { input: null; errors: DraftErrors } {
  const base = common(draft);
  const kind = details(draft);
  const errors = { ...base.errors, ...kind.errors };
  if (Object.keys(errors).length) return { input: null, errors };
  return {
    input: {
      applicationId, kind: draft.kind, occurredAt: base.occurredAt!, title: draft.title.trim(), body: draft.body.trim(),
      contactIds: draft.contactIds, ...kind.details,
    },
    errors: null,
  };
}

/** The updateTimelineEvent input: every field of the kind (the kind itself never changes). */
export function eventUpdate(draft: EventDraft):
  { input: TimelineEventUpdateInput; errors: null } | { input: null; errors: DraftErrors } {
  const made = eventInput(draft, "");
  if (!made.input) return made;
  const { applicationId: _unused, kind: _kind, ...rest } = made.input;
  return { input: rest, errors: null };
}

/** Whether the event is still to come (a scheduled interview). */
export function isUpcoming(occurredAt: string | null | undefined, now: Date): boolean {
  return !!occurredAt && new Date(occurredAt).getTime() > now.getTime();
}

/** Whole days from `iso` to `now` (0 for later times). */
export function daysSince(iso: string | null | undefined, now: Date): number | null {
  if (!iso) return null;
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return null;
  return Math.max(0, Math.floor((now.getTime() - then) / 86_400_000));
}

// --- CSV import ----------------------------------------------------------------------------------------

/** The fields a CSV column can hold, in the order the mapping form lists them (the tracker's names). */
export const CSV_FIELDS = [
  "company", "title", "url", "location", "status", "applied_at", "created_at", "notes", "salary",
  "salary_min", "salary_max", "currency", "salary_period", "contact_name", "contact_email", "contact_phone",
  "contact_role", "rating", "source", "follow_up_at",
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** What the mapping form says about a field: guessed by the tracker, not in the file, or a column. */
export type ColumnChoice = { kind: "auto" } | { kind: "none" } | { kind: "column"; column: string };

/** The header's cells: the first record of a CSV (quotes, a BOM and ; or tab separators understood). */
export function csvHeader(text: string): string[] {
  const body = text.replace(/^\ufeff/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [",", ";", "\t", "|"].reduce((best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best), ",");
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === delimiter) {
      cells.push(cell.trim());
      cell = "";
    } else if (c === "\n" || c === "\r") break;
    else cell += c;
  }
  cells.push(cell.trim());
  return cells.length === 1 && cells[0] === "" ? [] : cells;
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** The columnMapping sent with importData: guessed fields are left to the tracker. */
export function columnMapping(choices: Partial<Record<CsvField, ColumnChoice>>): ColumnMappingInput[] {
  const mapping: ColumnMappingInput[] = [];
  for (const field of CSV_FIELDS) {
    const choice = choices[field];
    if (!choice || choice.kind === "auto") continue;
    mapping.push({ field, column: choice.kind === "none" ? "" : choice.column });
  }
  return mapping;
}

/** A downloaded file's name that says what and when (jobmate-export-2026-12-06.json, jobmate-companies-….csv). */
export function exportFileName(name: string, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : "";
  return `${stem.startsWith("jobmate-") ? stem : `jobmate-${stem}`}-${day}${ext}`;
}

// --- salary observations ---------------------------------------------------------------------------------

export interface SalaryDraft {
  kind: SalaryKind;
  min: string;
  max: string;
  currency: string;
  period: SalaryPeriod | "";
  note: string;
}

/** The addSalaryObservation input for a figure typed in, or the fields to fix. */
export function salaryInput(draft: SalaryDraft, applicationId: string):
  { input: SalaryObservationInput; errors: null } | { input: null; errors: Partial<Record<keyof SalaryDraft, string>> } {
  const errors: Partial<Record<keyof SalaryDraft, string>> = {};
  const min = parseAmount(draft.min);
  const max = parseAmount(draft.max);
  if (Number.isNaN(min)) errors.min = "amount";
  if (Number.isNaN(max)) errors.max = "amount";
  if (min === null && max === null) errors.min = "required";
  if (min !== null && max !== null && !Number.isNaN(min) && !Number.isNaN(max) && max < min) errors.max = "order";
  const currency = draft.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = "currency";
  if (Object.keys(errors).length) return { input: null, errors };
  return {
    input: { applicationId, kind: draft.kind, note: draft.note.trim(), salary: { min, max, currency, period: draft.period || null } },
    errors: null,
  };
}
