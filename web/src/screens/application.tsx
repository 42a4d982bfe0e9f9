// One application: the analysis (score and its breakdown, pros and cons with their evidence, ATS
// keywords to add versus skills truly missing, the cover letter to copy and edit), the history,
// notes, rating and follow-up date. "Analysing…" until ANALYSIS_DONE arrives live; a failed
// analysis says why and offers a retry.
import { useEffect, useState } from "preact/hooks";
import { api, toast } from "../app";
import {
  AddNoteDocument,
  ApplicationDocument,
  DeleteNoteDocument,
  EditNoteDocument,
  FollowUpDocument,
  RateDocument,
  ReanalyzeDocument,
  type ApplicationQuery,
} from "../gql/graphql";
import { formatDate, formatNumber, t, tn, type MessageKey } from "../i18n";
import { ErrorNote, errorText, Loading, PageHeader, Progress } from "../ui/kit";
import { useQuery } from "../ui/query";
import { statusName } from "./board";
import { HhApplyCard, letterDrafts } from "./hh";
import { isHhPosting } from "../state/hh";

type App = NonNullable<ApplicationQuery["application"]>;

export function ApplicationScreen({ id }: { id: string }) {
  const query = useQuery(ApplicationDocument, { id }, {
    refetchOn: (event) => (event.type === "ANALYSIS_DONE" || event.type === "CARD_MOVED" || event.type === "FOLLOW_UP_DUE"
      || event.type === "HH_APPLY_CHANGED")
      && event.applicationId === id,
  });
  const app = query.data?.application;
  if (query.loading && !app) return <div class="page"><PageHeader title={t("application.title")} /><Loading /></div>;
  if (query.error && !app) return <div class="page"><PageHeader title={t("application.title")} /><ErrorNote error={query.error} onRetry={() => void query.reload()} /></div>;
  if (!app) return null;
  const patch = (update: Partial<App>) => query.setData((current) => current?.application ? { application: { ...current.application, ...update } } : current);

  return (
    <div class="page">
      <a class="back-link" href="/board">← {t("application.back")}</a>
      <PageHeader title={app.job.title}>
        <span class="badge badge--status">{statusName(app.status)}</span>
      </PageHeader>
      <p class="job-meta">
        {app.job.company}{app.job.location ? ` · ${app.job.location}` : ""} · {app.job.source}
        {app.job.url && <> · <a href={app.job.url} target="_blank" rel="noopener noreferrer">{t("application.posting")}</a></>}
      </p>
      <div class="detail-grid">
        <div class="detail-main">
          <AnalysisCard app={app} onRetried={(state) => patch({ analysisState: state, analysisError: null })} />
        </div>
        <aside class="detail-side">
          {isHhPosting(app.job) && <HhApplyCard app={app} onMoved={patch} />}
          <TrackingCard app={app} patch={patch} />
          <NotesCard app={app} onChange={(notes) => patch({ notes })} />
          <HistoryCard app={app} />
        </aside>
      </div>
    </div>
  );
}

function AnalysisCard({ app, onRetried }: { app: App; onRetried: (state: App["analysisState"]) => void }) {
  const [retrying, setRetrying] = useState(false);
  const analysis = app.analysis;
  const waiting = !analysis && app.analysisState !== "FAILED";
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
            <span class="muted">/ 100 · {analysis.engine}{analysis.model ? ` (${analysis.model})` : ""}</span>
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
  const key = `criterion.${name}` as MessageKey;
  const text = t(key);
  return text === key ? name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()) : text;
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

function HistoryCard({ app }: { app: App }) {
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">{t("application.history")}</h2>
      <ol class="plain-list history">
        {app.history.map((entry) => (
          <li>
            <span>{entry.fromStatus ? `${statusName(entry.fromStatus)} → ${statusName(entry.toStatus)}` : statusName(entry.toStatus)}</span>
            <span class="muted small"> {formatDate(entry.at, true)}{entry.reopen ? ` · ${t("application.reopened")}` : ""}{entry.correction ? ` · ${t("application.correction")}` : ""}</span>
            {entry.note && <p class="small">{entry.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
