// One application: the analysis (score and its breakdown, pros and cons with their evidence, ATS
// keywords to add versus skills truly missing, the cover letter to copy and edit), the timeline (what
// happened and what is scheduled, card moves included), notes, rating, follow-up date, pay figures and
// company. "Analysing…" until ANALYSIS_DONE arrives live; a failed analysis says why and offers a retry.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, toast } from "../app";
import {
  AddNoteDocument,
  AddSalaryDocument,
  CompanyNamesDocument,
  DeleteApplicationDocument,
  DeleteSalaryDocument,
  SetApplicationCompanyDocument,
  ApplicationCrmDocument,
  ApplicationDocument,
  ApplicationTimelineDocument,
  DeleteNoteDocument,
  EditNoteDocument,
  FollowUpDocument,
  RateDocument,
  ReanalyzeDocument,
  type ApplicationCrmQuery,
  type ApplicationQuery,
  type ContactFieldsFragment,
  type SalaryKind,
  type SalaryPeriod,
  type TimelineEventFieldsFragment,
} from "../gql/graphql";
import { formatDate, formatNumber, formatSalary, t, tn, type MessageKey } from "../i18n";
import { criterionLabel, engineLabel, sourceLabel } from "../i18n/labels";
import { navigate } from "../router";
import { SALARY_PERIODS, salaryInput, type SalaryDraft } from "../state/crm";
import { ErrorNote, errorText, Field, Loading, PageHeader, Progress } from "../ui/kit";
import { useQuery } from "../ui/query";
import { statusName } from "./board";
import { HhApplyCard, letterDrafts } from "./hh";
import { isHhPosting } from "../state/hh";
import { EventForm, TimelineList } from "./timeline";

type App = NonNullable<ApplicationQuery["application"]>;

export function ApplicationScreen({ id }: { id: string }) {
  const query = useQuery(ApplicationDocument, { id }, {
    refetchOn: (event) => (event.type === "ANALYSIS_DONE" || event.type === "CARD_MOVED" || event.type === "FOLLOW_UP_DUE"
      || event.type === "HH_APPLY_CHANGED")
      && event.applicationId === id,
  });
  const crm = useQuery(ApplicationCrmDocument, { id }, {
    refetchOn: (event) => event.applicationId === id || (event.type === "CONTACT_CHANGED" && event.companyId === query.data?.application?.companyId),
  });
  const app = query.data?.application;
  if (query.loading && !app) return <div class="page"><PageHeader title={t("application.title")} /><Loading /></div>;
  if (query.error && !app) return <div class="page"><PageHeader title={t("application.title")} /><ErrorNote error={query.error} onRetry={() => void query.reload()} /></div>;
  if (!app) return null;
  const patch = (update: Partial<App>) => query.setData((current) => current?.application ? { application: { ...current.application, ...update } } : current);
  const company = crm.data?.application?.company;

  return (
    <div class="page">
      <a class="back-link" href="/board">← {t("application.back")}</a>
      <PageHeader title={app.job.title}>
        <span class="badge badge--status">{statusName(app.status)}</span>
      </PageHeader>
      <p class="job-meta">
        {company ? <a href={`/companies/${company.id}`} aria-label={t("application.companyPage", { company: company.name })}>{app.job.company}</a> : app.job.company}
        {app.job.location ? ` · ${app.job.location}` : ""} · {sourceLabel(app.job.source)}
        {app.job.url && <> · <a href={app.job.url} target="_blank" rel="noopener noreferrer">{t("application.posting")}</a></>}
      </p>
      {crm.data?.application?.noResponse && (
        <p class="notice notice--warn" data-testid="no-response-notice">
          {t("application.noResponse", { date: formatDate(crm.data.application.lastActivityAt) })}
        </p>
      )}
      <div class="detail-grid">
        <div class="detail-main">
          <AnalysisCard app={app} onRetried={(state) => patch({ analysisState: state, analysisError: null })} />
          <TimelineCard applicationId={app.id} contacts={company?.contacts.nodes ?? []}
            onChanged={() => { void crm.reload(true); void query.reload(true); }} />
        </div>
        <aside class="detail-side">
          {isHhPosting(app.job) && <HhApplyCard app={app} onMoved={patch} />}
          <TrackingCard app={app} patch={patch} />
          {company && <CompanyCard applicationId={app.id} company={company} onChanged={() => void crm.reload(true)} />}
          {crm.data && <SalaryCard applicationId={app.id} observations={crm.data.salaryObservations ?? []} onChanged={() => void crm.reload(true)} />}
          <NotesCard app={app} onChange={(notes) => patch({ notes })} />
        </aside>
      </div>
    </div>
  );
}

function AnalysisCard({ app, onRetried }: { app: App; onRetried: (state: App["analysisState"]) => void }) {
  const [retrying, setRetrying] = useState(false);
  const analysis = app.analysis;
  const waiting = !analysis && app.analysisState !== "FAILED" && app.analysisState !== "NOT_REQUESTED";
  async function retry() {
    setRetrying(true);
    try {
      const result = (await api.request(ReanalyzeDocument, { id: app.id })).reanalyze;
      onRetried(result.analysisState);
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setRetrying(false);
    }
  }
  return (
    <section class="card" aria-labelledby="analysis-title" data-testid="analysis">
      <div class="card-header">
        <h2 id="analysis-title">{t("application.analysis")}</h2>
        {analysis && (
          <button type="button" class="btn btn--small" onClick={() => void retry()} disabled={retrying || app.analysisState === "QUEUED" || app.analysisState === "RUNNING"}>
            {t("application.reanalyze")}
          </button>
        )}
      </div>
      {waiting && <Progress value={null} label={t("application.analysing")} />}
      {!analysis && app.analysisState === "NOT_REQUESTED" && (
        <div class="notice">
          <p>{t("application.notAnalysed")}</p>
          <button type="button" class="btn btn--small" onClick={() => void retry()} disabled={retrying}>{t("application.analyse")}</button>
        </div>
      )}
      {app.analysisState === "FAILED" && (
        <div class="error-note" role="alert">
          <p>{t("application.analysisFailed", { reason: app.analysisError ?? "" })}</p>
          <button type="button" class="btn btn--small" onClick={() => void retry()} disabled={retrying}>{t("common.retry")}</button>
        </div>
      )}
      {analysis && (
        <>
          <div class="score-line">
            <span class="score score--large" data-testid="analysis-score">{analysis.score}</span>
            <span class="muted" data-testid="analysis-engine">/ 100 · {engineLabel(analysis.engine, analysis.model)}</span>
            {(app.analysisState === "QUEUED" || app.analysisState === "RUNNING") && <span class="badge badge--pending">{t("application.analysing")}</span>}
          </div>
          {analysis.fallbackReason && <p class="muted small">{t("application.fallback", { reason: analysis.fallbackReason })}</p>}
          <h3>{t("application.breakdown")}</h3>
          <ul class="plain-list breakdown">
            {analysis.breakdown.map((item) => (
              <li>
                <div class="breakdown-head">
                  <span>{criterion(item.name)}</span>
                  <span class="muted small">{t("application.weight", { weight: formatNumber(item.weight, { style: "percent" }) })}</span>
                  <span>{formatNumber(item.score, { style: "percent" })}</span>
                </div>
                <meter min={0} max={1} value={item.score} aria-label={criterion(item.name)} />
                <p class="small">{item.explanation}</p>
              </li>
            ))}
          </ul>
          {analysis.adjustmentReasons.length > 0 && (
            <p class="small">{t("application.adjusted", { by: analysis.scoreAdjustment })} {analysis.adjustmentReasons.join(" ")}</p>
          )}
          <div class="grid-2">
            <div>
              <h3>{t("application.pros")}</h3>
              <ul class="pros">{analysis.pros.map((p) => <li>{p}</li>)}</ul>
            </div>
            <div>
              <h3>{t("application.cons")}</h3>
              <ul class="cons">{analysis.cons.map((c) => <li>{c}</li>)}</ul>
            </div>
          </div>
          {analysis.matchedSkills.length > 0 && <p class="small"><strong>{t("application.matched")}</strong> {analysis.matchedSkills.join(", ")}</p>}
          <div class="grid-2">
            <div>
              <h3>{t("application.keywordsToAdd")}</h3>
              <p class="muted small">{t("application.keywordsHint")}</p>
              {analysis.atsAdvice.keywordsToAdd.length
                ? <ul class="chips">{analysis.atsAdvice.keywordsToAdd.map((k) => <li class="chip">{k}</li>)}</ul>
                : <p class="small">{t("application.noneToAdd")}</p>}
            </div>
            <div>
              <h3>{t("application.missingSkills")}</h3>
              <p class="muted small">{t("application.missingHint")}</p>
              {analysis.atsAdvice.missingSkills.length
                ? <ul class="chips">{analysis.atsAdvice.missingSkills.map((k) => <li class="chip chip--warn">{k}</li>)}</ul>
                : <p class="small">{t("application.noneMissing")}</p>}
            </div>
          </div>
          {analysis.atsAdvice.tips.length > 0 && <ul class="small">{analysis.atsAdvice.tips.map((tip) => <li>{tip}</li>)}</ul>}
          <CoverLetter key={analysis.createdAt ?? ""} appId={app.id} text={analysis.coverLetter} />
        </>
      )}
    </section>
  );
}

/** A score criterion's name in the user's language ("must_have_skills" -> "Required skills"). */
function criterion(name: string): string {
  return criterionLabel(name);
}

function CoverLetter({ appId, text }: { appId: string; text: string }) {
  // Edits stay in this page (the API stores the generated letter only); copy takes the edited text,
  // and so does applying on HH (the draft is shared with the HH card).
  const [value, setDraft] = useState(text);
  const [copied, setCopied] = useState(false);
  const setValue = (next: string) => {
    setDraft(next);
    letterDrafts.value = { ...letterDrafts.value, [appId]: next };
  };
  useEffect(() => setValue(text), [text]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      toast(t("application.copyFailed"), "error");
    }
  }
  return (
    <div class="cover-letter">
      <h3><label for="cover-letter">{t("application.coverLetter")}</label></h3>
      <textarea id="cover-letter" rows={12} value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      <div class="button-row">
        <button type="button" class="btn btn--small" onClick={() => void copy()}>{copied ? t("application.copied") : t("application.copy")}</button>
        {value !== text && <button type="button" class="btn btn--ghost btn--small" onClick={() => setValue(text)}>{t("application.restore")}</button>}
      </div>
    </div>
  );
}

function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function TrackingCard({ app, patch }: { app: App; patch: (update: Partial<App>) => void }) {
  const [followUp, setFollowUp] = useState(toLocalInput(app.followUpAt));
  const [busy, setBusy] = useState(false);
  useEffect(() => setFollowUp(toLocalInput(app.followUpAt)), [app.followUpAt]);

  async function rate(rating: number) {
    const before = app.rating;
    patch({ rating: rating || null });
    try {
      const saved = (await api.request(RateDocument, { id: app.id, rating })).rateApplication;
      patch({ rating: saved.rating, version: saved.version });
    } catch (error) {
      patch({ rating: before });
      toast(errorText(error), "error");
    }
  }

  async function saveFollowUp(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      const at = followUp ? new Date(followUp).toISOString() : null;
      const saved = (await api.request(FollowUpDocument, { id: app.id, at })).setRelanceReminder;
      patch({ followUpAt: saved.followUpAt, version: saved.version });
      toast(at ? t("application.followUpSet", { date: formatDate(saved.followUpAt, true) }) : t("application.followUpCleared"), "success");
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="tracking-title">
      <h2 id="tracking-title">{t("application.tracking")}</h2>
      <fieldset class="rating">
        <legend>{t("application.rating")}</legend>
        <div class="stars" role="radiogroup" aria-label={t("application.rating")}>
          {[1, 2, 3, 4, 5].map((n) => (
            <label class={`star${(app.rating ?? 0) >= n ? " star--on" : ""}`}>
              <input type="radio" name="rating" class="visually-hidden" value={n} checked={app.rating === n}
                onChange={() => void rate(n)} />
              <span aria-hidden="true">★</span>
              <span class="visually-hidden">{tn("application.stars", n)}</span>
            </label>
          ))}
          {app.rating ? <button type="button" class="btn btn--ghost btn--small" onClick={() => void rate(0)}>{t("application.clearRating")}</button> : null}
        </div>
      </fieldset>
      <form onSubmit={saveFollowUp} class="follow-up">
        <label for="follow-up">{t("application.followUp")}</label>
        <input id="follow-up" type="datetime-local" value={followUp} onInput={(e) => setFollowUp(e.currentTarget.value)} />
        <div class="button-row">
          <button type="submit" class="btn btn--small" disabled={busy}>{t("common.save")}</button>
          {app.followUpAt && <button type="button" class="btn btn--ghost btn--small" onClick={() => { setFollowUp(""); }}>{t("application.clearFollowUp")}</button>}
        </div>
        {app.followUpAt && <p class="muted small" data-testid="follow-up-at">{t("application.followUpOn", { date: formatDate(app.followUpAt, true) })}</p>}
      </form>
      {app.interviewAt && <p class="small">{t("application.interviewOn", { date: formatDate(app.interviewAt, true) })}</p>}
    </section>
  );
}

function NotesCard({ app, onChange }: { app: App; onChange: (notes: App["notes"]) => void }) {
  const [body, setBody] = useState("");
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function add(event: Event) {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    try {
      const note = (await api.request(AddNoteDocument, { id: app.id, body: body.trim() })).addNote;
      onChange([...app.notes, note]);
      setBody("");
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(false);
    }
  }

  async function saveEdit(event: Event) {
    event.preventDefault();
    if (!editing) return;
    try {
      const note = (await api.request(EditNoteDocument, { id: app.id, noteId: editing.id, body: editing.body.trim() })).editNote;
      onChange(app.notes.map((n) => (n.id === note.id ? note : n)));
      setEditing(null);
    } catch (error) {
      toast(errorText(error), "error");
    }
  }

  async function remove(noteId: string) {
    if (!confirm(t("application.confirmDeleteNote"))) return;
    try {
      await api.request(DeleteNoteDocument, { id: app.id, noteId });
      onChange(app.notes.filter((n) => n.id !== noteId));
    } catch (error) {
      toast(errorText(error), "error");
    }
  }

  return (
    <section class="card" aria-labelledby="notes-title">
      <h2 id="notes-title">{t("application.notes")}</h2>
      {app.notes.length === 0 && <p class="muted">{t("application.noNotes")}</p>}
      <ul class="plain-list notes" data-testid="notes">
        {app.notes.map((note) => (
          <li class="note">
            {editing?.id === note.id ? (
              <form onSubmit={saveEdit}>
                <label class="visually-hidden" for={`note-${note.id}`}>{t("application.editNote")}</label>
                <textarea id={`note-${note.id}`} rows={3} value={editing.body} onInput={(e) => setEditing({ ...editing, body: e.currentTarget.value })} />
                <div class="button-row">
                  <button type="submit" class="btn btn--small btn--primary">{t("common.save")}</button>
                  <button type="button" class="btn btn--ghost btn--small" onClick={() => setEditing(null)}>{t("common.cancel")}</button>
                </div>
              </form>
            ) : (
              <>
                <p class="note-body">{note.body}</p>
                <p class="muted small">
                  {formatDate(note.createdAt, true)}{note.updatedAt && note.updatedAt !== note.createdAt ? ` · ${t("application.edited")}` : ""}
                  {" "}<button type="button" class="link-button" onClick={() => setEditing({ id: note.id, body: note.body })}>{t("common.edit")}</button>
                  {" "}<button type="button" class="link-button" onClick={() => void remove(note.id)}>{t("common.delete")}</button>
                </p>
              </>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={add}>
        <label for="new-note">{t("application.addNote")}</label>
        <textarea id="new-note" rows={3} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        <button type="submit" class="btn btn--small" disabled={busy || !body.trim()}>{t("application.addNoteButton")}</button>
      </form>
    </section>
  );
}

function TimelineCard(props: { applicationId: string; contacts: ContactFieldsFragment[]; onChanged: () => void }) {
  const timeline = useQuery(ApplicationTimelineDocument, { applicationId: props.applicationId, after: null }, {
    refetchOn: (event) => event.applicationId === props.applicationId,
  });
  const [adding, setAdding] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const [older, setOlder] = useState<TimelineEventFieldsFragment[]>([]);
  const page = timeline.data?.timeline;
  const [cursor, setCursor] = useState<string | null>(null);
  useEffect(() => {
    setOlder([]);
    setCursor(page?.pageInfo.hasNextPage ? page.pageInfo.endCursor ?? null : null);
  }, [page]);
  const changed = () => {
    void timeline.reload(true);
    props.onChanged();
  };
  async function loadOlder() {
    try {
      const next = (await api.request(ApplicationTimelineDocument, { applicationId: props.applicationId, after: cursor })).timeline;
      setOlder((current) => [...current, ...(next?.nodes ?? [])]);
      setCursor(next?.pageInfo.hasNextPage ? next.pageInfo.endCursor ?? null : null);
    } catch (error) {
      toast(errorText(error), "error");
    }
  }
  return (
    <section class="card" aria-labelledby="timeline-title">
      <div class="card-header">
        <h2 id="timeline-title">{t("timeline.title")}</h2>
        {!adding && <button type="button" ref={addButton} class="btn btn--small btn--primary" onClick={() => setAdding(true)}>{t("timeline.addEvent")}</button>}
      </div>
      <p class="muted small">{t("application.timelineHint")}</p>
      {adding && (
        <EventForm applicationId={props.applicationId} contacts={props.contacts} onDone={(saved) => {
          setAdding(false);
          requestAnimationFrame(() => addButton.current?.focus());
          if (saved) changed();
        }} />
      )}
      {timeline.loading && !page && <Loading />}
      {timeline.error && <ErrorNote error={timeline.error} onRetry={() => void timeline.reload()} />}
      {page && <TimelineList events={[...page.nodes, ...older]} contacts={props.contacts} onChanged={changed} />}
      {cursor && <button type="button" class="btn btn--small" onClick={() => void loadOlder()}>{t("timeline.older")}</button>}
    </section>
  );
}

type Observation = NonNullable<ApplicationCrmQuery["salaryObservations"]>[number];
const SALARY_KINDS = ["ASKED", "OFFERED", "ADVERTISED"] as SalaryKind[];
const SALARY_ERRORS: Record<string, MessageKey> = {
  required: "salary.required", amount: "timeline.badAmount", order: "timeline.badOrder", currency: "profile.currencyHint",
};

/** Pay figures: advertised by the posting, asked by you, offered (an offer's figures come from its event). */
function SalaryCard(props: { applicationId: string; observations: Observation[]; onChanged: () => void }) {
  const blank: SalaryDraft = { kind: "ASKED" as SalaryKind, min: "", max: "", currency: "", period: "YEAR" as SalaryPeriod, note: "" };
  const [draft, setDraft] = useState<SalaryDraft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof SalaryDraft, string>>>({});
  const [busy, setBusy] = useState(false);
  const err = (key: keyof SalaryDraft) => (errors[key] ? t(SALARY_ERRORS[errors[key]!] ?? "timeline.required") : null);

  async function save(event: Event) {
    event.preventDefault();
    if (!draft) return;
    const made = salaryInput(draft, props.applicationId);
    if (!made.input) {
      setErrors(made.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.request(AddSalaryDocument, { input: made.input });
      setDraft(null);
      props.onChanged();
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(false);
    }
  }

  async function remove(observation: Observation) {
    if (!confirm(t("salary.confirmDelete"))) return;
    try {
      await api.request(DeleteSalaryDocument, { id: observation.id });
      props.onChanged();
    } catch (error) {
      toast(errorText(error), "error");
    }
  }

  const set = <K extends keyof SalaryDraft>(key: K, value: SalaryDraft[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d));
  return (
    <section class="card" aria-labelledby="salary-title">
      <div class="card-header">
        <h2 id="salary-title">{t("salary.title")}</h2>
        {!draft && <button type="button" class="btn btn--small" onClick={() => setDraft(blank)}>{t("salary.add")}</button>}
      </div>
      {props.observations.length === 0 && !draft && <p class="muted small">{t("salary.empty")}</p>}
      <ul class="plain-list salary-list" data-testid="salaries">
        {props.observations.map((o) => (
          <li>
            <span class="salary-kind">{t(`salary.kind.${o.kind}` as MessageKey)}</span> {formatSalary(o.salary)}
            <span class="muted small"> · {formatDate(o.observedAt)}</span>
            {o.note && <span class="small"> · {o.note}</span>}
            {!o.eventId && (
              <span class="small"> <button type="button" class="link-button" onClick={() => void remove(o)}
                aria-label={t("salary.deleteOne", { what: t(`salary.kind.${o.kind}` as MessageKey) })}>{t("common.delete")}</button></span>
            )}
          </li>
        ))}
      </ul>
      {draft && (
        <form onSubmit={save} noValidate aria-label={t("salary.add")} class="salary-form">
          <Field label={t("salary.kind")} select={{ value: draft.kind, onChange: (v) => set("kind", v as SalaryKind),
            options: SALARY_KINDS.map((k) => ({ value: k, label: t(`salary.kind.${k}` as MessageKey) })) }} />
          <div class="grid-2 grid-2--always">
            <Field label={t("salary.min")} error={err("min")} input={{ value: draft.min, inputMode: "decimal", onInput: (e) => set("min", e.currentTarget.value) }} />
            <Field label={t("salary.max")} error={err("max")} input={{ value: draft.max, inputMode: "decimal", onInput: (e) => set("max", e.currentTarget.value) }} />
            <Field label={t("profile.salaryCurrency")} error={err("currency")}
              input={{ value: draft.currency, maxLength: 3, autoComplete: "off", onInput: (e) => set("currency", e.currentTarget.value) }} />
            <Field label={t("timeline.period")} select={{ value: draft.period, onChange: (v) => set("period", v as SalaryPeriod | ""),
              options: [{ value: "", label: t("common.notSaid") }, ...SALARY_PERIODS.map((p) => ({ value: p, label: t(`period.${p}` as MessageKey) }))] }} />
          </div>
          <Field label={t("salary.note")} input={{ value: draft.note, onInput: (e) => set("note", e.currentTarget.value) }} />
          <div class="button-row">
            <button type="submit" class="btn btn--small btn--primary" disabled={busy}>{t("common.save")}</button>
            <button type="button" class="btn btn--ghost btn--small" onClick={() => { setDraft(null); setErrors({}); }}>{t("common.cancel")}</button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Which company the application belongs to: change it when two names were not joined; or delete it all. */
function CompanyCard(props: { applicationId: string; company: { id: string; name: string }; onChanged: () => void }) {
  const [choosing, setChoosing] = useState(false);
  const names = useQuery(CompanyNamesDocument, {}, { skip: !choosing });
  const [busy, setBusy] = useState(false);

  async function move(companyId: string) {
    if (!companyId || companyId === props.company.id) return;
    setBusy(true);
    try {
      const moved = (await api.request(SetApplicationCompanyDocument, { applicationId: props.applicationId, companyId })).setApplicationCompany;
      toast(t("application.companyChanged", { company: moved.company?.name ?? "" }), "success");
      setChoosing(false);
      props.onChanged();
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!confirm(t("application.confirmDelete"))) return;
    setBusy(true);
    try {
      await api.request(DeleteApplicationDocument, { id: props.applicationId });
      toast(t("application.deleted"), "success");
      navigate("/board");
    } catch (error) {
      toast(errorText(error), "error");
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="company-card-title">
      <h2 id="company-card-title">{t("application.company")}</h2>
      <p><a href={`/companies/${props.company.id}`}>{props.company.name}</a></p>
      {choosing ? (
        names.data ? (
          <div class="field">
            <label for="move-company">{t("application.moveToCompany")}</label>
            <select id="move-company" value={props.company.id} disabled={busy} onChange={(e) => void move(e.currentTarget.value)}>
              {(names.data.companies?.nodes ?? []).map((c) => <option value={c.id}>{c.name}</option>)}
            </select>
            <p class="hint">{t("application.moveToCompanyHint")}</p>
          </div>
        ) : names.error ? <ErrorNote error={names.error} onRetry={() => void names.reload()} /> : <Loading />
      ) : (
        <button type="button" class="btn btn--small" onClick={() => setChoosing(true)}>{t("application.changeCompany")}</button>
      )}
      <div class="button-row">
        <button type="button" class="btn btn--small btn--danger" disabled={busy} onClick={() => void remove()}>{t("application.delete")}</button>
      </div>
    </section>
  );
}
