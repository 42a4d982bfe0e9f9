// A timeline of what happened (and what is scheduled): recorded events with their details, and the
// entries the tracker writes itself (moves, analyses, follow-ups, "no response" reminders). The event
// form records and edits the typed events; the application and company screens both show the list.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, toast } from "../app";
import {
  AddTimelineEventDocument,
  DeleteTimelineEventDocument,
  UpdateTimelineEventDocument,
  type ContactFieldsFragment,
  type SalaryPeriod,
  type TimelineEventFieldsFragment,
  type TimelineEventKind,
} from "../gql/graphql";
import { fieldOf } from "../api/graphql";
import { formatDate, formatSalary, t, type MessageKey } from "../i18n";
import {
  draftFromEvent,
  emptyDraft,
  eventInput,
  eventUpdate,
  isUpcoming,
  RECORDED_KINDS,
  SALARY_PERIODS,
  type DraftErrors,
  type EventDraft,
} from "../state/crm";
import { errorText, Field } from "../ui/kit";
import { statusName } from "./board";

export type TimelineEntry = TimelineEventFieldsFragment & { application?: { id: string; job: { title: string } } | null };

export const kindName = (kind: TimelineEventKind | null | undefined) => (kind ? t(`event.${kind}` as MessageKey) : "");

export function TimelineList(props: {
  events: TimelineEntry[];
  contacts: ContactFieldsFragment[];
  showApplication?: boolean;
  onChanged: () => void;
  testId?: string;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [recordedOnly, setRecordedOnly] = useState(false);
  const now = new Date();
  // The tracker's own entries (moves, analyses, follow-ups) can be hidden to read what people did.
  const events = recordedOnly ? props.events.filter((e) => e.origin === "RECORDED" || e.origin === "CARD_NOTE") : props.events;
  const filter = props.events.length > 0 && (
    <label class="checkbox small tl-filter">
      <input type="checkbox" checked={recordedOnly} onChange={(e) => setRecordedOnly(e.currentTarget.checked)} />
      {t("timeline.recordedOnly")}
    </label>
  );

  async function remove(entry: TimelineEntry) {
    if (!confirm(t("timeline.confirmDelete", { what: kindName(entry.kind) }))) return;
    try {
      await api.request(DeleteTimelineEventDocument, { id: entry.id });
      toast(t("timeline.deleted"), "success");
      props.onChanged();
    } catch (error) {
      toast(errorText(error), "error");
    }
  }

  if (props.events.length === 0) return <p class="muted">{t("timeline.empty")}</p>;
  return (
    <>
      {filter}
      <ol class="plain-list timeline" data-testid={props.testId ?? "timeline"}>
        {events.map((entry) => (
          <li class={`tl-entry tl-entry--${(entry.kind ?? "").toLowerCase()}${isUpcoming(entry.occurredAt, now) ? " tl-entry--upcoming" : ""}`}
            data-testid="timeline-entry">
            {editing === entry.id ? (
              <EventForm applicationId={entry.applicationId} contacts={props.contacts} editing={entry}
                onDone={(saved) => {
                  setEditing(null);
                  if (saved) props.onChanged();
                }} />
            ) : (
              <>
                <div class="tl-head">
                  <span class="tl-kind">{entry.statusChange && !entry.statusChange.fromStatus ? t("timeline.created") : kindName(entry.kind)}</span>
                  {isUpcoming(entry.occurredAt, now) && <span class="badge badge--upcoming">{t("timeline.upcoming")}</span>}
                  <time class="muted small" dateTime={entry.occurredAt ?? undefined}>{formatDate(entry.occurredAt, true)}</time>
                </div>
                {props.showApplication && entry.application && (
                  <p class="small tl-app"><a href={`/applications/${entry.application.id}`}>{entry.application.job.title}</a></p>
                )}
                <EntryDetails entry={entry} />
                {entry.editable && (
                  <p class="small tl-actions">
                    <button type="button" class="link-button" onClick={() => setEditing(entry.id)}
                      aria-label={t("timeline.editOne", { what: kindName(entry.kind) })}>{t("common.edit")}</button>
                    {" "}
                    <button type="button" class="link-button" onClick={() => void remove(entry)}
                      aria-label={t("timeline.deleteOne", { what: kindName(entry.kind) })}>{t("common.delete")}</button>
                  </p>
                )}
              </>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

function EntryDetails({ entry }: { entry: TimelineEntry }) {
  const lines: string[] = [];
  const showTitle = entry.kind === "CUSTOM" || (entry.origin === "RECORDED" && entry.title);
  if (entry.interview) {
    const { stage, place, link, durationMinutes } = entry.interview;
    if (stage) lines.push(t("timeline.stageIs", { stage }));
    if (place) lines.push(t("timeline.placeIs", { place }));
    if (durationMinutes) lines.push(t("timeline.minutes", { count: durationMinutes }));
    if (link) lines.push(link);
  }
  if (entry.assessment) {
    if (entry.assessment.dueAt) lines.push(t("timeline.dueOn", { date: formatDate(entry.assessment.dueAt, true) }));
    if (entry.assessment.link) lines.push(entry.assessment.link);
  }
  if (entry.offer) {
    const salary = formatSalary(entry.offer.salary);
    if (salary) lines.push(t("timeline.offered", { salary }));
    if (entry.offer.bonus) lines.push(t("timeline.bonusIs", { value: entry.offer.bonus }));
    if (entry.offer.equity) lines.push(t("timeline.equityIs", { value: entry.offer.equity }));
    if (entry.offer.benefits) lines.push(t("timeline.benefitsIs", { value: entry.offer.benefits }));
    if (entry.offer.respondBy) lines.push(t("timeline.respondBy", { date: formatDate(entry.offer.respondBy) }));
  }
  if (entry.email) {
    if (entry.email.subject) lines.push(t("timeline.subjectIs", { subject: entry.email.subject }));
    if (entry.email.address) lines.push(entry.email.address);
  }
  if (entry.statusChange) {
    const { fromStatus, toStatus, correction, reopen } = entry.statusChange;
    lines.push(`${fromStatus ? `${statusName(fromStatus)} → ` : ""}${statusName(toStatus ?? null)}`
      + (reopen ? ` · ${t("application.reopened")}` : "") + (correction ? ` · ${t("application.correction")}` : ""));
  }
  if (entry.analysis) {
    lines.push(entry.analysis.ok ? t("timeline.analysisScore", { score: entry.analysis.score })
      : t("application.analysisFailed", { reason: entry.analysis.reason }));
  }
  if (entry.followUp) lines.push(entry.followUp.fired ? t("timeline.followUpFired") : t("timeline.followUpPlanned"));
  if (entry.hhApply) {
    // QUEUED, APPLIED, NEEDS_USER, WAITING (for the rate limit) or FAILED; HH's reason when it refused.
    const key = `hhState.${entry.hhApply.outcome}` as MessageKey;
    lines.push(t("timeline.hhApply", { outcome: t(key) === key ? entry.hhApply.outcome : t(key) }));
    if (entry.hhApply.reason) lines.push(t("hhApply.reason", { reason: entry.hhApply.reason }));
    if (entry.hhApply.automatic) lines.push(t("timeline.automatic"));
  }
  if (entry.noResponse) {
    lines.push(t("timeline.noResponseFor", { days: entry.noResponse.thresholdDays, status: statusName(entry.noResponse.status ?? null) }));
  }
  return (
    <>
      {showTitle && entry.title && <p class="tl-title">{entry.title}</p>}
      {lines.map((line) => <p class="small tl-line">{line}</p>)}
      {entry.body && <p class="tl-body">{entry.body}</p>}
      {entry.contacts.length > 0 && (
        <p class="small muted">{t("timeline.with", { names: entry.contacts.map((c) => (c.role ? `${c.name} (${c.role})` : c.name)).join(", ") })}</p>
      )}
    </>
  );
}

const ERROR_TEXT: Record<string, MessageKey> = {
  required: "timeline.required",
  amount: "timeline.badAmount",
  order: "timeline.badOrder",
  currency: "profile.currencyHint",
  duration: "timeline.badDuration",
};

// The server names the field it refuses ("occurred_at must…", "interview.link must…"): show it there.
const SERVER_FIELDS: Record<string, keyof EventDraft> = {
  occurred_at: "occurredAt", title: "title", body: "body", "interview.stage": "stage", "interview.place": "place",
  "interview.link": "link", "interview.duration_minutes": "durationMinutes", "assessment.link": "link",
  "assessment.due_at": "dueAt", "offer.salary": "salaryMin", "offer.salary.currency": "currency", "offer.bonus": "bonus",
  "offer.equity": "equity", "offer.benefits": "benefits", "offer.respond_by": "respondBy", "email.subject": "subject",
  "email.address": "address", contact_ids: "contactIds",
};

/** Record a new event on an application, or edit a recorded one (its kind stays). */
export function EventForm(props: {
  applicationId: string;
  contacts: ContactFieldsFragment[];
  editing?: TimelineEntry;
  initialKind?: TimelineEventKind;
  onDone: (saved: boolean) => void;
}) {
  const [draft, setDraft] = useState<EventDraft>(() =>
    props.editing ? draftFromEvent(props.editing) : emptyDraft(props.initialKind ?? ("INTERVIEW" as TimelineEventKind), new Date()));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof EventDraft>(key: K, value: EventDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const [fieldMessage, setFieldMessage] = useState<string>("");
  const err = (key: keyof EventDraft) => {
    const code = errors[key];
    if (!code) return null;
    return code === "server" ? fieldMessage : t(ERROR_TEXT[code] ?? "timeline.required");
  };
  const input = (key: keyof EventDraft, type = "text", extra: Record<string, unknown> = {}) => ({
    type, value: draft[key] as string, onInput: (e: Event) => set(key, (e.currentTarget as HTMLInputElement).value as never), ...extra,
  });
  const kind = draft.kind;
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // Keyboard users land in the form they opened.
    formRef.current?.querySelector<HTMLElement>("select, input")?.focus();
  }, []);
  const idBase = props.editing ? `ev-${props.editing.id}` : "ev-new";

  async function submit(event: Event) {
    event.preventDefault();
    setServerError(null);
    const made = props.editing ? eventUpdate(draft) : eventInput(draft, props.applicationId);
    if (!made.input) {
      setErrors(made.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      if (props.editing) await api.request(UpdateTimelineEventDocument, { id: props.editing.id, input: made.input as never });
      else await api.request(AddTimelineEventDocument, { input: made.input as never });
      toast(props.editing ? t("timeline.saved") : t("timeline.added", { what: kindName(kind) }), "success");
      props.onDone(true);
    } catch (error) {
      const field = fieldOf(error, SERVER_FIELDS);
      if (field) {
        setFieldMessage(errorText(error));
        setErrors({ [field]: "server" } as DraftErrors);
      } else setServerError(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="event-form" ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${idBase}-title`} data-testid="event-form">
      <h3 id={`${idBase}-title`}>{props.editing ? t("timeline.editTitle", { what: kindName(kind) }) : t("timeline.addTitle")}</h3>
      {serverError && <p class="field-error" role="alert">{serverError}</p>}
      <div class="grid-2">
        {!props.editing && (
          <Field label={t("timeline.kind")} select={{
            value: kind, onChange: (value) => set("kind", value as TimelineEventKind),
            options: RECORDED_KINDS.map((k) => ({ value: k, label: kindName(k) })),
          }} />
        )}
        <Field label={kind === "INTERVIEW" ? t("timeline.when") : t("timeline.occurredAt")} error={err("occurredAt")}
          hint={t("timeline.futureHint")} input={input("occurredAt", "datetime-local", { required: true })} />
        {kind === "INTERVIEW" && <>
          <Field label={t("timeline.stage")} hint={t("timeline.stageHint")} error={err("stage")} input={input("stage")} />
          <Field label={t("timeline.place")} error={err("place")} input={input("place")} />
          <Field label={t("timeline.link")} error={err("link")} input={input("link", "url")} />
          <Field label={t("timeline.duration")} error={err("durationMinutes")} input={input("durationMinutes", "number", { min: 0, step: 5 })} />
        </>}
        {kind === "ASSESSMENT" && <>
          <Field label={t("timeline.link")} error={err("link")} input={input("link", "url")} />
          <Field label={t("timeline.dueAt")} error={err("dueAt")} input={input("dueAt", "datetime-local")} />
        </>}
        {kind === "OFFER" && <>
          <Field label={t("timeline.salaryMin")} error={err("salaryMin")} input={input("salaryMin", "text", { inputMode: "decimal" })} />
          <Field label={t("timeline.salaryMax")} error={err("salaryMax")} input={input("salaryMax", "text", { inputMode: "decimal" })} />
          <Field label={t("profile.salaryCurrency")} error={err("currency")} input={input("currency", "text", { maxLength: 3, autoComplete: "off" })} />
          <Field label={t("timeline.period")} select={{
            value: draft.period, onChange: (value) => set("period", value as SalaryPeriod | ""),
            options: [{ value: "", label: t("common.notSaid") }, ...SALARY_PERIODS.map((p) => ({ value: p, label: t(`period.${p}` as MessageKey) }))],
          }} />
          <Field label={t("timeline.bonus")} error={err("bonus")} input={input("bonus")} />
          <Field label={t("timeline.equity")} error={err("equity")} input={input("equity")} />
          <Field label={t("timeline.benefits")} error={err("benefits")} input={input("benefits")} />
          <Field label={t("timeline.respondByLabel")} error={err("respondBy")} input={input("respondBy", "datetime-local")} />
        </>}
        {(kind === "EMAIL_SENT" || kind === "EMAIL_RECEIVED") && <>
          <Field label={t("timeline.subject")} error={err("subject")} input={input("subject")} />
          <Field label={t("timeline.address")} error={err("address")} input={input("address", "email")} />
        </>}
      </div>
      {kind !== "NOTE" && (
        <Field label={kind === "CUSTOM" ? t("timeline.titleRequired") : t("timeline.titleLabel")} error={err("title")}
          input={input("title", "text", { required: kind === "CUSTOM" })} />
      )}
      <Field label={kind === "NOTE" ? t("timeline.noteBody") : t("timeline.body")} error={err("body")}
        textarea={{ rows: 3, value: draft.body, required: kind === "NOTE", onInput: (e) => set("body", e.currentTarget.value) }} />
      {props.contacts.length > 0 && (
        <fieldset class="contact-picks">
          <legend class="small">{t("timeline.contacts")}</legend>
          {props.contacts.map((contact) => (
            <label class="checkbox">
              <input type="checkbox" checked={draft.contactIds.includes(contact.id)} onChange={(e) => set("contactIds",
                e.currentTarget.checked ? [...draft.contactIds, contact.id] : draft.contactIds.filter((id) => id !== contact.id))} />
              {contact.name}{contact.role ? ` (${contact.role})` : ""}
            </label>
          ))}
        </fieldset>
      )}
      <div class="button-row">
        <button type="submit" class="btn btn--primary btn--small" disabled={busy}>
          {busy ? t("common.saving") : props.editing ? t("common.save") : t("timeline.addButton")}
        </button>
        <button type="button" class="btn btn--ghost btn--small" onClick={() => props.onDone(false)}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}
