// HH.ru: Settings → HH.ru (whether the installation offers linking, link, unlink, resumes and the
// default one), the /hh/callback page HH sends the browser back to, the queue of applies with the
// rate limit, and on an application from HH the apply card with its dialog, or the degraded flow
// (copy the letter, open the vacancy on hh.ru, mark applied) when HH is off or not linked.
import { signal } from "@preact/signals";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, toast, useLiveEvents } from "../app";
import {
  ApplyOnHhDocument,
  AutoApplySwitchDocument,
  CompleteHhLinkDocument,
  DiscardHhApplyDocument,
  HhAccountDocument,
  HhAppliesDocument,
  HhApplyContextDocument,
  HhQueueTitlesDocument,
  HhResumesDocument,
  MoveCardDocument,
  SetAutoApplyStoppedDocument,
  SetDefaultHhResumeDocument,
  StartHhLinkDocument,
  UnlinkHhDocument,
  type ApplicationStatus,
  type HhAccountFieldsFragment,
  type HhApplyFieldsFragment,
  type HhApplyState,
  type HhBucketFieldsFragment,
} from "../gql/graphql";
import { formatDate, formatNumber, t, tn, type MessageKey } from "../i18n";
import { query as currentQuery } from "../router";
import {
  applyLiveChange, bucketFromEvent, hhVacancyId, latestApply, minutesToNextToken, parseHhCallback, pickResume, wholeTokens,
} from "../state/hh";
import { Empty, ErrorNote, errorText, Field, Loading, PageHeader } from "../ui/kit";
import { useQuery } from "../ui/query";

// --- Settings → HH.ru --------------------------------------------------------------------------------

export function HhSection() {
  const query = useQuery(HhAccountDocument, {});
  const account = query.data?.hhAccount;
  const setAccount = (next: HhAccountFieldsFragment) => query.setData(() => ({ hhAccount: next }));
  return (
    <section class="card" aria-labelledby="hh-title" data-testid="hh">
      <h2 id="hh-title">{t("hh.title")}</h2>
      {query.loading && !account ? <Loading /> : query.error && !account ? (
        <ErrorNote error={query.error} onRetry={() => void query.reload()} />
      ) : account && !account.enabled ? (
        <p class="notice">{t("hh.off")}</p>
      ) : account && account.linked ? (
        <>
          <LinkedAccount account={account} onChange={setAccount} onUnlinked={() => void query.reload(true)} />
          <AutoApplySwitchBlock />
        </>
      ) : (
        <>
          <p class="muted">{t("hh.hint")}</p>
          <p>{t("hh.notLinked")}</p>
          <LinkButton label={t("hh.link")} />
        </>
      )}
    </section>
  );
}

/** The kill switch of auto-apply: stops every automatic apply at once (docs/hh.md, "Auto-apply"). */
function AutoApplySwitchBlock() {
  const query = useQuery(AutoApplySwitchDocument, {});
  const [busy, setBusy] = useState(false);
  const current = query.data?.autoApplySwitch;
  async function flip(stopped: boolean) {
    setBusy(true);
    try {
      const next = (await api.request(SetAutoApplyStoppedDocument, { stopped })).setAutoApplyStopped;
      query.setData(() => ({ autoApplySwitch: { stopped: next.stopped, changedAt: next.changedAt } }));
      toast(stopped ? tn("autoApply.stoppedToast", next.appliesStopped) : t("autoApply.resumedToast"), "success");
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="auto-apply-switch" data-testid="auto-apply-switch">
      <h3>{t("autoApply.title")}</h3>
      <p class="muted small">{t("autoApply.hint")}</p>
      {query.loading && !current ? <Loading /> : query.error && !current ? (
        <ErrorNote error={query.error} onRetry={() => void query.reload()} />
      ) : current && (
        <>
          <p role="status">{current.stopped && current.changedAt
            ? t("autoApply.stoppedSince", { date: formatDate(current.changedAt, true) }) : t("autoApply.running")}</p>
          <button type="button" class={`btn ${current.stopped ? "" : "btn--danger"}`} disabled={busy}
            onClick={() => void flip(!current.stopped)}>
            {current.stopped ? t("autoApply.resume") : t("autoApply.stop")}
          </button>
        </>
      )}
    </div>
  );
}

function LinkButton({ label }: { label: string }) {
  const [busy, setBusy] = useState(false);
  async function start() {
    setBusy(true);
    try {
      const { authorizeUrl } = (await api.request(StartHhLinkDocument, {})).startHhLink;
      location.assign(authorizeUrl); // HH's page; it comes back to /hh/callback
    } catch (error) {
      toast(errorText(error), "error");
      setBusy(false);
    }
  }
  return <button type="button" class="btn btn--primary" onClick={() => void start()} disabled={busy}>{busy ? t("hh.linking") : label}</button>;
}

function LinkedAccount({ account, onChange, onUnlinked }: {
  account: HhAccountFieldsFragment; onChange: (a: HhAccountFieldsFragment) => void; onUnlinked: () => void;
}) {
  const [busy, setBusy] = useState(false);
  async function unlink() {
    if (!confirm(t("hh.unlinkConfirm"))) return;
    setBusy(true);
    try {
      const confirmed = (await api.request(UnlinkHhDocument, {})).unlinkHhAccount;
      toast(confirmed ? t("hh.unlinked") : t("hh.unlinkedUnconfirmed"), confirmed ? "success" : "info");
      onUnlinked();
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <p data-testid="hh-linked">{t("hh.linkedAs", { name: account.name || account.hhUserId, email: account.email, date: formatDate(account.linkedAt) })}</p>
      {account.needsRelinkReason && (
        <div class="notice notice--warn" role="alert">
          <p>{t("hh.relink", { reason: account.needsRelinkReason })}</p>
          <LinkButton label={t("hh.relinkButton")} />
        </div>
      )}
      <div class="button-row">
        <a class="btn btn--small" href="/hh/applies">{t("hh.queueLink")}</a>
        <button type="button" class="btn btn--danger btn--small" onClick={() => void unlink()} disabled={busy}>{t("hh.unlink")}</button>
      </div>
      {!account.needsRelinkReason && <Resumes account={account} onChange={onChange} />}
    </>
  );
}

function Resumes({ account, onChange }: { account: HhAccountFieldsFragment; onChange: (a: HhAccountFieldsFragment) => void }) {
  const query = useQuery(HhResumesDocument, { vacancyId: null });
  const [busy, setBusy] = useState(false);
  const resumes = query.data?.hhResumes;
  async function makeDefault(id: string, title: string) {
    setBusy(true);
    try {
      const next = (await api.request(SetDefaultHhResumeDocument, { resumeId: id })).setDefaultHhResume;
      onChange(next);
      query.setData((current) => current ? { hhResumes: current.hhResumes.map((r) => ({ ...r, isDefault: r.id === id })) } : current);
      toast(t("hh.defaultSet", { title }), "success");
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="hh-resumes">
      <h3>{t("hh.resumes")}</h3>
      <p class="hint">{t("hh.resumesHint")}</p>
      {query.loading && !resumes ? <Loading /> : query.error && !resumes ? (
        <ErrorNote error={query.error} onRetry={() => void query.reload()} />
      ) : !resumes?.length ? <p>{t("hh.noResumes")}</p> : (
        <ul class="plain-list resume-list" aria-label={t("hh.resumes")}>
          {resumes.map((resume) => {
            const isDefault = resume.isDefault || resume.id === account.defaultResumeId;
            return (
              <li class="resume-row" data-testid="hh-resume">
                <div>
                  <strong>{resume.title}</strong>
                  {isDefault && <span class="badge badge--ok">{t("hh.default")}</span>}
                  <p class="muted small">
                    {t("hh.resumeStatus", { status: resume.status })}
                    {resume.url && <> · <a href={resume.url} target="_blank" rel="noopener noreferrer">{t("hh.viewOnHh")}</a></>}
                  </p>
                </div>
                {!isDefault && (
                  <button type="button" class="btn btn--small" disabled={busy}
                    aria-label={t("hh.makeDefaultLabel", { title: resume.title })}
                    onClick={() => void makeDefault(resume.id, resume.title)}>{t("hh.makeDefault")}</button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

// --- /hh/callback --------------------------------------------------------------------------------------

type CallbackState = { kind: "working" } | { kind: "done"; email: string } | { kind: "refused"; reason: string } | { kind: "invalid" };

export function HhCallbackScreen() {
  const [state, setState] = useState<CallbackState>({ kind: "working" });
  const started = useRef(false);
  useEffect(() => {
    // Once per page: the state is single-use, so a second call would be refused as a replay.
    if (started.current) return;
    started.current = true;
    const callback = parseHhCallback(currentQuery.value);
    // The code and state leave the address bar (and the history) at once.
    history.replaceState(null, "", "/hh/callback");
    if (callback.kind === "invalid") {
      setState({ kind: "invalid" });
      return;
    }
    api.request(CompleteHhLinkDocument, { state: callback.state, code: callback.code, error: callback.error })
      .then((result) => setState({ kind: "done", email: result.completeHhLink.email }))
      .catch((error) => setState({ kind: "refused", reason: errorText(error) }));
  }, []);
  return (
    <div class="page">
      <PageHeader title={t("hh.callbackTitle")} />
      <section class="card" data-testid="hh-callback">
        {state.kind === "working" && <Loading label={t("hh.callbackWorking")} />}
        {state.kind === "done" && <p class="notice" role="status">{t("hh.callbackDone", { email: state.email })}</p>}
        {state.kind === "refused" && (
          <div class="error-note" role="alert">
            <p>{t("hh.callbackRefused", { reason: state.reason })}</p>
          </div>
        )}
        {state.kind === "invalid" && <p class="error-note" role="alert">{t("hh.callbackInvalid")}</p>}
        {state.kind !== "working" && (
          <div class="button-row">
            <a class="btn" href="/settings">{t("hh.toSettings")}</a>
            {state.kind !== "done" && <LinkButton label={t("hh.startAgain")} />}
          </div>
        )}
      </section>
    </div>
  );
}

// --- shared pieces: states and the bucket -------------------------------------------------------------

export function hhStateName(state: HhApplyState | null): string {
  return state ? t(`hhState.${state}` as MessageKey) : t("hhState.unknown");
}

function stateBadge(state: HhApplyState | null): string {
  if (state === "APPLIED") return "badge--ok";
  if (state === "FAILED" || state === "NEEDS_USER") return "badge--error";
  return "badge--pending";
}

export function HhStateBadge({ state }: { state: HhApplyState | null }) {
  return <span class={`badge ${stateBadge(state)}`} data-testid="hh-state">{hhStateName(state)}</span>;
}

export function BucketLine({ bucket }: { bucket: HhBucketFieldsFragment }) {
  const minutes = minutesToNextToken(bucket, Date.now());
  return (
    <div class="bucket small" data-testid="hh-bucket">
      <p>
        <strong>{t("hhApply.bucket", { tokens: wholeTokens(bucket), capacity: formatNumber(bucket.capacity) })}</strong>{" "}
        {bucket.nextTokenAt
          ? t("hhApply.nextToken", { minutes, time: formatDate(bucket.nextTokenAt, true) })
          : t("hhApply.bucketFull")}
      </p>
      <meter min={0} max={bucket.capacity} value={bucket.tokens} aria-label={t("hhQueue.bucketTitle")} />
      <p class="muted">
        {t("hhApply.refill", { rate: formatNumber(bucket.refillPerHour) })}
        {bucket.queued > 0 && <> {tn("hhApply.waitingCount", bucket.queued)}</>}
      </p>
    </div>
  );
}

function ApplyItem({ apply, showLink, title }: { apply: HhApplyFieldsFragment; showLink?: boolean; title?: string | undefined }) {
  return (
    <li class="hh-apply" data-testid="hh-apply">
      <div class="hh-apply-head">
        <HhStateBadge state={apply.state} />
        {apply.automatic && <span class="badge small" data-testid="hh-automatic">{t("hhApply.automatic")}</span>}
        {showLink
          ? <a href={`/applications/${apply.applicationId}`}>{title ?? t("hhQueue.vacancy", { id: apply.vacancyId })}</a>
          : <span class="small">{t("hhQueue.vacancy", { id: apply.vacancyId })}</span>}
        <span class="muted small">{formatDate(apply.updatedAt ?? apply.createdAt, true)}</span>
      </div>
      {apply.reason && <p class="small">{t("hhApply.reason", { reason: apply.reason })}</p>}
      {apply.detail && <p class="small" data-testid="hh-detail">{apply.detail}</p>}
      <p class="muted small">
        {tn("hhApply.attempts", apply.attempts)}
        {(apply.state === "QUEUED" || apply.state === "CAPPED") && apply.notBefore
          ? ` · ${t("hhApply.notBefore", { date: formatDate(apply.notBefore, true) })}` : ""}
      </p>
      {apply.state === "REVIEW" && <ReviewLetter apply={apply} />}
    </li>
  );
}

/** A dry run's letter: the user edits and sends it (applyOnHh, the same resume), or discards it. */
function ReviewLetter({ apply }: { apply: HhApplyFieldsFragment }) {
  const [letter, setLetter] = useState(apply.message);
  const [busy, setBusy] = useState<"send" | "discard" | null>(null);
  async function act(what: "send" | "discard") {
    setBusy(what);
    try {
      if (what === "send") {
        await api.request(ApplyOnHhDocument, { applicationId: apply.applicationId, resumeId: apply.resumeId, message: letter });
        toast(t("hhApply.sentFromReview"), "success");
      } else {
        await api.request(DiscardHhApplyDocument, { id: apply.id });
        toast(t("hhApply.discarded"), "success");
      }
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(null);  // the list follows through HH_APPLY_CHANGED
    }
  }
  return (
    <div class="hh-review" data-testid="hh-review">
      <Field label={t("hhApply.letter")} textarea={{ rows: 6, value: letter, onInput: (e) => setLetter(e.currentTarget.value) }} />
      <div class="button-row">
        <button type="button" class="btn btn--primary" disabled={busy !== null || !letter.trim()} onClick={() => void act("send")}>
          {busy === "send" ? t("hhApply.sending") : t("hhApply.send")}
        </button>
        <button type="button" class="btn" disabled={busy !== null} onClick={() => void act("discard")}>{t("hhApply.discard")}</button>
      </div>
    </div>
  );
}

/** The applies (one application's, or all) kept current by HH_APPLY_CHANGED. */
function useApplies(applicationId: string | null) {
  const query = useQuery(HhAppliesDocument, { applicationId, first: 50 });
  useLiveEvents((event) => {
    if (event.type !== "HH_APPLY_CHANGED") return;
    if (applicationId && event.applicationId !== applicationId) return;
    const current = query.data;
    const nodes = current ? applyLiveChange(current.hhApplies.nodes, event) : null;
    if (!current || !nodes) {
      void query.reload(true);
      return;
    }
    query.setData(() => ({ ...current, hhApplies: { ...current.hhApplies, nodes }, hhApplyBucket: bucketFromEvent(current.hhApplyBucket, event) }));
    // The list's other fields (attempts, negotiation) come with a quiet refetch.
    void query.reload(true);
  });
  return query;
}

// --- the queue ---------------------------------------------------------------------------------------

export function HhQueueScreen() {
  const query = useApplies(null);
  const titles = useQuery(HhQueueTitlesDocument, {});
  const data = query.data;
  const titleOf = new Map((titles.data?.myApplications?.nodes ?? []).map((a) => [a.id, `${a.job.title} · ${a.job.company}`]));
  return (
    <div class="page">
      <a class="back-link" href="/settings">← {t("hh.toSettings")}</a>
      <PageHeader title={t("hhQueue.title")} />
      {query.loading && !data ? <Loading /> : query.error && !data ? (
        <ErrorNote error={query.error} onRetry={() => void query.reload()} />
      ) : data && (
        <>
          <section class="card" aria-labelledby="bucket-title">
            <h2 id="bucket-title">{t("hhQueue.bucketTitle")}</h2>
            <BucketLine bucket={data.hhApplyBucket} />
          </section>
          <section class="card" aria-label={t("hhQueue.listLabel")}>
            {data.hhApplies.nodes.length === 0 ? <Empty title={t("hhQueue.empty")} /> : (
              <ul class="plain-list hh-applies">
                {data.hhApplies.nodes.map((apply) => <ApplyItem apply={apply} showLink title={titleOf.get(apply.applicationId)} />)}
              </ul>
            )}
            {data.hhApplies.pageInfo.hasNextPage && <p class="muted small">{t("hhQueue.more")}</p>}
          </section>
        </>
      )}
    </div>
  );
}

// --- on an application from HH ------------------------------------------------------------------------

export interface HhCardApp {
  id: string;
  status: ApplicationStatus | null;
  version: number;
  allowedMoves: ApplicationStatus[];
  job: { title: string; url: string };
  analysis: { coverLetter: string } | null;
}

/** The cover letter as edited on the application's page, by application id (never stored). */
export const letterDrafts = signal<Record<string, string>>({});

function letterOf(app: HhCardApp): string {
  return letterDrafts.value[app.id] ?? app.analysis?.coverLetter ?? "";
}

type HhMoved = { status: ApplicationStatus; version: number; allowedMoves: ApplicationStatus[] };

export function HhApplyCard({ app, onMoved }: { app: HhCardApp; onMoved: (update: HhMoved) => void }) {
  const account = useQuery(HhAccountDocument, {});
  const applies = useApplies(app.id);
  const [open, setOpen] = useState(false);
  const info = account.data?.hhAccount;
  const usable = !!info && info.enabled && info.linked && !info.needsRelinkReason;
  const list = applies.data?.hhApplies.nodes ?? [];
  const latest = latestApply(list);
  const needsUser = latest?.state === "NEEDS_USER" || latest?.state === "FAILED";
  // Applied, or on its way (a letter for review has its own send): another apply would only find the same one.
  // An automatic apply that has not gone out can be taken over: the user's apply sends it now, with their letter.
  const canApply = !latest || needsUser
    || ["DISCARDED", "STOPPED", "PREPARING", "CAPPED"].includes(latest.state ?? "");
  return (
    <section class="card" aria-labelledby="hh-apply-title" data-testid="hh-apply-card">
      <h2 id="hh-apply-title">{t("hhApply.title")}</h2>
      {account.loading && !info ? <Loading /> : usable ? (
        <>
          {list.length === 0
            ? <p class="muted">{t("hhApply.none")}</p>
            : <ul class="plain-list hh-applies" aria-label={t("hhApply.state")}>{list.map((apply) => <ApplyItem apply={apply} />)}</ul>}
          {canApply && (
            <div class="button-row">
              <button type="button" class="btn btn--primary" onClick={() => setOpen(true)}>{t("hhApply.open")}</button>
            </div>
          )}
          {needsUser && <ManualApply app={app} onMoved={onMoved} />}
          {open && <ApplyDialog app={app} account={info!} onClose={() => setOpen(false)}
            onQueued={() => { setOpen(false); void applies.reload(true); }} />}
        </>
      ) : (
        <>
          <p>{info && !info.enabled ? t("hhApply.notOffered") : t("hhApply.notLinked")}</p>
          {info?.enabled && <p><a href="/settings">{t("hhApply.settingsLink")}</a></p>}
          <ManualApply app={app} onMoved={onMoved} />
        </>
      )}
    </section>
  );
}

/** The degraded flow: copy the letter, open the vacancy on hh.ru, then move the card to APPLIED. */
function ManualApply({ app, onMoved }: { app: HhCardApp; onMoved: (update: HhMoved) => void }) {
  const [busy, setBusy] = useState(false);
  const letter = letterOf(app);
  const canMark = app.status === "TO_APPLY" && app.allowedMoves.includes("APPLIED");
  async function copyLetter() {
    // The link itself opens the vacancy (a new tab, as any click does); the letter goes to the clipboard.
    if (!letter) return;
    try {
      await navigator.clipboard.writeText(letter);
      toast(t("hhApply.letterCopied"), "success");
    } catch {
      toast(t("application.copyFailed"), "error");
    }
  }
  async function markApplied() {
    setBusy(true);
    try {
      const moved = (await api.request(MoveCardDocument, { id: app.id, to: "APPLIED", version: app.version })).moveCard;
      onMoved({ status: "APPLIED", version: moved.version, allowedMoves: moved.allowedMoves });
      toast(t("hhApply.markedApplied"), "success");
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="manual-apply" data-testid="hh-manual">
      <h3>{t("hhApply.manualTitle")}</h3>
      <p class="small">{t("hhApply.manualSteps")}</p>
      {!letter && <p class="muted small">{t("hhApply.noLetter")}</p>}
      <div class="button-row">
        {app.job.url && (
          <a class="btn btn--small" href={app.job.url} target="_blank" rel="noopener noreferrer" onClick={() => void copyLetter()}>
            {letter ? t("hhApply.copyAndOpen") : t("hhApply.openOnly")}
          </a>
        )}
        {canMark
          ? <button type="button" class="btn btn--small btn--primary" onClick={() => void markApplied()} disabled={busy}>{t("hhApply.markApplied")}</button>
          : app.status !== "TO_APPLY" && <span class="muted small">{t("hhApply.alreadyApplied")}</span>}
      </div>
    </div>
  );
}

function ApplyDialog({ app, account, onClose, onQueued }: {
  app: HhCardApp; account: HhAccountFieldsFragment; onClose: () => void; onQueued: () => void;
}) {
  const vacancyId = hhVacancyId(app.job.url);
  const context = useQuery(HhApplyContextDocument, { vacancyId });
  const [resumeId, setResumeId] = useState("");
  const [message, setMessage] = useState(letterOf(app));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const resumes = context.data?.hhResumes;

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  useEffect(() => {
    if (resumes && !resumeId) setResumeId(pickResume(resumes, account.defaultResumeId));
  }, [resumes]);

  async function submit(event: Event) {
    event.preventDefault();
    if (!resumeId) return;
    setBusy(true);
    setError(null);
    try {
      await api.request(ApplyOnHhDocument, { applicationId: app.id, resumeId, message });
      toast(t("hhApply.queued"), "success");
      onQueued();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="hh-dialog-title" onCancel={(e) => { e.preventDefault(); onClose(); }}
      data-testid="hh-apply-dialog">
      <form onSubmit={submit}>
        <h2 id="hh-dialog-title">{t("hhApply.dialogTitle", { title: app.job.title })}</h2>
        {context.loading && !context.data ? <Loading /> : context.error && !context.data ? (
          <ErrorNote error={context.error} onRetry={() => void context.reload()} />
        ) : context.data && (
          <>
            {resumes && resumes.length > 0 ? (
              <div class="field">
                <label for="hh-resume">{t("hhApply.resume")}</label>
                <select id="hh-resume" value={resumeId} onChange={(e) => setResumeId(e.currentTarget.value)}>
                  {resumes.map((r) => <option value={r.id}>{r.title}{r.isDefault ? ` (${t("hh.default")})` : ""}</option>)}
                </select>
              </div>
            ) : <p class="notice notice--warn">{t("hhApply.noResume")}</p>}
            <div class="field">
              <label for="hh-letter">{t("hhApply.letter")}</label>
              <textarea id="hh-letter" rows={10} value={message} aria-describedby="hh-letter-hint"
                onInput={(e) => setMessage(e.currentTarget.value)} />
              <p class="hint" id="hh-letter-hint">{t("hhApply.letterHint")}</p>
            </div>
            <BucketLine bucket={context.data.hhApplyBucket} />
            {wholeTokens(context.data.hhApplyBucket) === 0 && <p class="notice small">{t("hhApply.empty")}</p>}
          </>
        )}
        {error && <p class="field-error" role="alert">{error}</p>}
        <div class="button-row">
          <button type="submit" class="btn btn--primary" disabled={busy || !resumeId}>{busy ? t("hhApply.sending") : t("hhApply.submit")}</button>
          <button type="button" class="btn btn--ghost" onClick={onClose}>{t("hhApply.close")}</button>
        </div>
      </form>
    </dialog>
  );
}
