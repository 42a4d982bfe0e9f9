// Saved searches: create, edit, pause, delete; boards picked from a list with their own parameters
// and help text; red flags; interval; "run now"; and the run history, live while a run goes on.
import { useEffect, useMemo, useState } from "preact/hooks";
import { fieldOf } from "../api/graphql";
import type { LiveEvent } from "../api/events";
import { api, toast, useLiveEvents } from "../app";
import {
  AutoApplyReadinessDocument,
  CreateSearchDocument,
  DeleteSearchDocument,
  JobSourcesDocument,
  RunSearchDocument,
  RunsDocument,
  SearchesDocument,
  UpdateSearchDocument,
  type JobSourcesQuery,
  type RemotePolicy,
  type RunFieldsFragment,
  type SearchConfigFieldsFragment,
  type SearchConfigInput,
} from "../gql/graphql";
import { formatDate, formatNumber, t, tn, type MessageKey } from "../i18n";
import { paramLabel, sourceLabel } from "../i18n/labels";
import { navigate } from "../router";
import { autoApplyBlocker } from "../state/hh";
import { runTopic } from "../state/toasts";
import { Empty, ErrorNote, errorText, Field, Loading, PageHeader, Progress, splitList } from "../ui/kit";
import { useQuery } from "../ui/query";

type Search = SearchConfigFieldsFragment;
type Source = NonNullable<JobSourcesQuery["jobSources"]>[number];

const INTERVALS = [15, 30, 60, 180, 360, 720, 1440, 10080];
const ERROR_FIELDS: Record<string, string> = {
  name: "name", job_titles: "jobTitles", "at least one title": "jobTitles", keywords: "keywords",
  locations: "locations", red_flags: "redFlags", salary_min: "salaryMin", salary_max: "salaryMax",
  salary_currency: "salaryCurrency", salary: "salaryMin", sources: "sources", source: "sources",
  run_interval_minutes: "runIntervalMinutes", cover_letter_template: "coverLetterTemplate", "auto-apply": "autoApply",
};

export function SearchesScreen({ selected }: { selected?: string }) {
  const searches = useQuery(SearchesDocument, {});
  // Deleted searches stay in the store (inactive, "deleted"); paused and archived ones are listed.
  const list = (searches.data?.mySearchConfigs ?? []).filter((s) => s.inactiveReason !== "deleted");
  const current = selected && selected !== "new" ? list.find((s) => s.id === selected) ?? null : null;
  // No search yet: one column (the invitation, or the first search's form) instead of a list beside a blank
  // half of the page.
  const none = Boolean(searches.data) && list.length === 0;

  return (
    <div class="page">
      <PageHeader title={t("searches.title")}>
        <a class="btn btn--primary" href="/searches/new">+ {t("searches.new")}</a>
      </PageHeader>
      {searches.loading && !searches.data && <Loading />}
      {searches.error && <ErrorNote error={searches.error} onRetry={() => void searches.reload()} />}
      <div class={`split${none ? " split--single" : ""}`}>
        {!(none && selected === "new") && <nav class="split-list" aria-label={t("searches.listLabel")}>
          {searches.data && list.length === 0 && selected !== "new" && (
            <Empty title={t("searches.emptyTitle")}>
              <p>{t("searches.emptyHint")}</p>
              <a class="btn btn--primary" href="/searches/new">{t("searches.new")}</a>
            </Empty>
          )}
          <ul class="plain-list">
            {list.map((search) => (
              <li>
                <a class="list-link" href={`/searches/${search.id}`} aria-current={search.id === selected ? "page" : undefined}>
                  <strong>{search.name || search.jobTitles.join(", ")}</strong>
                  <span class="muted">
                    {search.active ? t("searches.every", { interval: intervalLabel(search.runIntervalMinutes) })
                      : search.inactiveReason ? t("searches.archived", { reason: search.inactiveReason }) : t("searches.paused")}
                    {" · "}{search.sources.map((s) => sourceLabel(s.source)).join(", ")}
                  </span>
                  {search.autoApply.enabled && (
                    <span class="badge badge--pending small" data-testid="auto-apply-badge">
                      {search.autoApply.dryRun
                        ? t("searches.autoApplyBadgeDry", { threshold: formatNumber(search.autoApply.minFitScore) })
                        : t("searches.autoApplyBadge", { threshold: formatNumber(search.autoApply.minFitScore),
                          cap: search.autoApply.dailyCap })}
                    </span>
                  )}
                </a>
              </li>
            ))}
          </ul>
        </nav>}
        <div class="split-detail">
          {selected === "new" && (
            <SearchForm key="new" search={null} onSaved={(saved) => {
              void searches.reload(true);
              navigate(`/searches/${saved.id}`, { replace: true });
            }} />
          )}
          {current && (
            <>
              <SearchHeader search={current} onChanged={() => void searches.reload(true)} />
              <RunHistory search={current} />
              <SearchForm key={current.id} search={current} onSaved={() => void searches.reload(true)} />
            </>
          )}
          {selected && selected !== "new" && searches.data && !current && <ErrorNote error={new Error(t("searches.notFound"))} />}
          {!selected && list.length > 0 && <p class="muted">{t("searches.pick")}</p>}
        </div>
      </div>
    </div>
  );
}

function intervalLabel(minutes: number): string {
  if (minutes % 1440 === 0) return tn("interval.days", minutes / 1440);
  if (minutes % 60 === 0) return tn("interval.hours", minutes / 60);
  return tn("interval.minutes", minutes);
}

interface Draft {
  name: string;
  jobTitles: string;
  keywords: string;
  locations: string;
  redFlags: string;
  remotePolicy: RemotePolicy | "";
  salaryMin: string;
  salaryMax: string;
  salaryCurrency: string;
  runIntervalMinutes: number;
  active: boolean;
  coverLetterTemplate: string;
  sources: Record<string, Record<string, string>>; // board -> its parameters
  // Auto-apply (docs/hh.md): off by default; HH postings only.
  autoApply: boolean;
  autoApplyThreshold: string;
  autoApplyCap: string;
  autoApplyDryRun: boolean;
}

function draftOf(search: Search | null): Draft {
  return {
    name: search?.name ?? "",
    jobTitles: search?.jobTitles.join("\n") ?? "",
    keywords: search?.keywords.join("\n") ?? "",
    locations: search?.locations.join("\n") ?? "",
    redFlags: search?.redFlags.join("\n") ?? "",
    remotePolicy: !search?.remotePolicy || search.remotePolicy === "ANY" ? "" : search.remotePolicy,
    salaryMin: search?.salaryMin?.toString() ?? "",
    salaryMax: search?.salaryMax?.toString() ?? "",
    salaryCurrency: search?.salaryCurrency ?? "",
    runIntervalMinutes: search?.runIntervalMinutes ?? 360,
    active: search?.active ?? true,
    coverLetterTemplate: search?.coverLetterTemplate ?? "",
    sources: Object.fromEntries((search?.sources ?? []).map((s) => [s.source, Object.fromEntries(s.params.map((p) => [p.name, p.value]))])),
    autoApply: search?.autoApply.enabled ?? false,
    // A search saved before auto-apply existed has 0 for both: offer the defaults instead.
    autoApplyThreshold: String(search?.autoApply.dailyCap ? search.autoApply.minFitScore : 70),
    autoApplyCap: String(search?.autoApply.dailyCap || 5),
    autoApplyDryRun: search?.autoApply.dryRun ?? false,
  };
}

function inputOf(draft: Draft): SearchConfigInput {
  return {
    name: draft.name.trim(),
    jobTitles: splitList(draft.jobTitles),
    keywords: splitList(draft.keywords),
    locations: splitList(draft.locations),
    redFlags: splitList(draft.redFlags),
    remotePolicy: draft.remotePolicy || null,
    salaryMin: draft.salaryMin === "" ? null : Number(draft.salaryMin),
    salaryMax: draft.salaryMax === "" ? null : Number(draft.salaryMax),
    salaryCurrency: draft.salaryCurrency.trim().toUpperCase(),
    runIntervalMinutes: draft.runIntervalMinutes,
    active: draft.active,
    coverLetterTemplate: draft.coverLetterTemplate,
    sources: Object.entries(draft.sources).map(([source, params]) => ({
      source,
      params: Object.entries(params).filter(([, value]) => value.trim() !== "").map(([name, value]) => ({ name, value: value.trim() })),
    })),
    autoApply: {
      enabled: draft.autoApply, minFitScore: Number(draft.autoApplyThreshold), dailyCap: Number(draft.autoApplyCap),
      dryRun: draft.autoApplyDryRun,
    },
  };
}

/** Client-side checks of auto-apply (the server checks them again). */
function checkAutoApply(draft: Draft): string | null {
  if (!draft.autoApply) return null;
  if (!("hh" in draft.sources)) return t("searches.autoApplyNeedsHh");
  const threshold = Number(draft.autoApplyThreshold);
  if (draft.autoApplyThreshold.trim() === "" || !(threshold >= 0 && threshold <= 100)) return t("searches.autoApplyThreshold");
  const cap = Number(draft.autoApplyCap);
  if (!Number.isInteger(cap) || cap < 1 || cap > 200) return t("searches.autoApplyCap");
  return null;
}

/** Client-side checks of the boards' parameters (the server checks them again when it runs). */
function checkSources(draft: Draft, sources: Source[]): string | null {
  if (!Object.keys(draft.sources).length) return t("searches.pickBoard");
  for (const [name, params] of Object.entries(draft.sources)) {
    const source = sources.find((s) => s.name === name);
    for (const spec of source?.params ?? []) {
      const value = (params[spec.name] ?? "").trim();
      if (spec.required && !value) return t("searches.paramRequired", { board: sourceLabel(name), param: paramLabel(spec.name) });
      if (value && spec.pattern && !new RegExp(`^(?:${spec.pattern})$`).test(value)) {
        return t("searches.paramInvalid", { board: sourceLabel(name), param: paramLabel(spec.name) });
      }
    }
  }
  return null;
}

function SearchHeader({ search, onChanged }: { search: Search; onChanged: (saved: Search) => void }) {
  const [busy, setBusy] = useState<"run" | "delete" | "pause" | null>(null);
  async function runNow() {
    if (!search) return;
    setBusy("run");
    try {
      await api.request(RunSearchDocument, { id: search.id });
      toast(t("searches.runStarted"), "info", undefined, runTopic(search.id));
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(null);
    }
  }

  async function togglePause() {
    if (!search) return;
    setBusy("pause");
    try {
      const saved = (await api.request(UpdateSearchDocument, { id: search.id, input: { active: !search.active } })).updateSearchConfig;
      toast(saved.active ? t("searches.resumed") : t("searches.pausedToast"), "info");
      onChanged(saved);
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    if (!search || !confirm(t("searches.confirmDelete", { name: search.name }))) return;
    setBusy("delete");
    try {
      await api.request(DeleteSearchDocument, { id: search.id });
      toast(t("searches.deleted"), "info");
      navigate("/searches", { replace: true });
      onChanged(search);
    } catch (error) {
      toast(errorText(error), "error");
      setBusy(null);
    }
  }

  return (
    <section class="card search-header" aria-labelledby="search-title">
      <div class="card-header">
        <h2 id="search-title">{search.name || t("searches.untitled")}</h2>
        <div class="button-row">
          <button type="button" class="btn btn--primary" onClick={() => void runNow()} disabled={busy !== null || !search.active}>
            {busy === "run" ? t("common.wait") : t("searches.runNow")}
          </button>
          <button type="button" class="btn" onClick={() => void togglePause()} disabled={busy !== null}>
            {search.active ? t("searches.pause") : t("searches.resume")}
          </button>
          <button type="button" class="btn btn--danger" onClick={() => void remove()} disabled={busy !== null}>{t("common.delete")}</button>
        </div>
      </div>
      <p class="muted">
        {search.active ? t("searches.every", { interval: intervalLabel(search.runIntervalMinutes) }) : t("searches.pausedHint")}
        {" · "}{search.sources.map((s) => sourceLabel(s.source)).join(", ")}
      </p>
      {search.autoApply.enabled && <AutoApplyBlocked />}
    </section>
  );
}

/** Why this search's auto-apply does nothing now (no HH link, no default resume, the kill switch); else nothing. */
function AutoApplyBlocked() {
  const readiness = useQuery(AutoApplyReadinessDocument, {});
  if (!readiness.data) return null;
  const blocker = autoApplyBlocker(readiness.data.hhAccount, readiness.data.autoApplySwitch);
  if (!blocker) return null;
  return (
    <p class="notice notice--warn" role="status" data-testid="auto-apply-blocked">
      {t(`searches.autoApplyBlocked.${blocker}` as MessageKey)}
      {blocker !== "hhOff" && <>{" "}<a href="/settings">{t("searches.autoApplyOpenSettings")}</a></>}
    </p>
  );
}

function SearchForm({ search, onSaved }: { search: Search | null; onSaved: (saved: Search) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(search));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<"save" | null>(null);
  const boards = useQuery(JobSourcesDocument, {});
  const sources = boards.data?.jobSources ?? [];
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });

  useEffect(() => setDraft(draftOf(search)), [search?.updatedAt]);

  async function save(event: Event) {
    event.preventDefault();
    const problem = checkSources(draft, sources);
    const next: Record<string, string> = {};
    if (!splitList(draft.jobTitles).length && !splitList(draft.keywords).length) next.jobTitles = t("searches.needTitle");
    if (problem) next.sources = problem;
    const autoProblem = checkAutoApply(draft);
    if (autoProblem) next.autoApply = autoProblem;
    if (Object.keys(next).length) {
      setErrors(next);
      return;
    }
    setBusy("save");
    setErrors({});
    try {
      const saved = search
        ? (await api.request(UpdateSearchDocument, { id: search.id, input: inputOf(draft) })).updateSearchConfig
        : (await api.request(CreateSearchDocument, { input: inputOf(draft) })).createSearchConfig;
      toast(search ? t("searches.saved") : t("searches.created"), "success");
      onSaved(saved);
    } catch (error) {
      setErrors({ [fieldOf(error, ERROR_FIELDS) ?? "form"]: errorText(error) });
    } finally {
      setBusy(null);
    }
  }

  const toggleSource = (name: string, on: boolean) => {
    const next = { ...draft.sources };
    if (on) next[name] = next[name] ?? {};
    else delete next[name];
    set("sources", next);
  };
  const setParam = (source: string, name: string, value: string) =>
    set("sources", { ...draft.sources, [source]: { ...draft.sources[source], [name]: value } });

  return (
    <form class="card" onSubmit={save} noValidate aria-labelledby="search-form-title">
      <h2 id="search-form-title">{search ? t("searches.settings") : t("searches.new")}</h2>
      {errors.form && <p class="field-error" role="alert">{errors.form}</p>}
      <Field label={t("searches.name")} error={errors.name} input={{ value: draft.name, onInput: (e) => set("name", e.currentTarget.value) }} />
      <div class="grid-2">
        <Field label={t("searches.jobTitles")} hint={t("searches.jobTitlesHint")} error={errors.jobTitles}
          textarea={{ value: draft.jobTitles, rows: 3, onInput: (e) => set("jobTitles", e.currentTarget.value) }} />
        <Field label={t("searches.keywords")} hint={t("searches.keywordsHint")} error={errors.keywords}
          textarea={{ value: draft.keywords, rows: 3, onInput: (e) => set("keywords", e.currentTarget.value) }} />
        <Field label={t("searches.locations")} hint={t("common.onePerLine")} error={errors.locations}
          textarea={{ value: draft.locations, rows: 2, onInput: (e) => set("locations", e.currentTarget.value) }} />
        <Field label={t("searches.redFlags")} hint={t("searches.redFlagsHint")} error={errors.redFlags}
          textarea={{ value: draft.redFlags, rows: 2, onInput: (e) => set("redFlags", e.currentTarget.value) }} />
      </div>
      <div class="grid-3">
        <Field label={t("searches.remote")} error={errors.remotePolicy}
          select={{ value: draft.remotePolicy, onChange: (v) => set("remotePolicy", v as RemotePolicy | ""),
            options: [{ value: "", label: t("remote.ANY") }, ...(["REMOTE", "HYBRID", "ON_SITE"] as const).map((v) => ({ value: v, label: t(`remote.${v}` as MessageKey) }))] }} />
        <Field label={t("searches.salaryMin")} error={errors.salaryMin} hint={t("searches.salaryHint")}
          input={{ type: "number", min: 0, step: 1000, value: draft.salaryMin, onInput: (e) => set("salaryMin", e.currentTarget.value) }} />
        <Field label={t("searches.salaryCurrency")} error={errors.salaryCurrency}
          input={{ value: draft.salaryCurrency, maxLength: 3, onInput: (e) => set("salaryCurrency", e.currentTarget.value.toUpperCase()) }} />
      </div>
      <div class="grid-2">
        <Field label={t("searches.interval")} error={errors.runIntervalMinutes}
          select={{ value: String(draft.runIntervalMinutes), onChange: (v) => set("runIntervalMinutes", Number(v)),
            options: INTERVALS.map((m) => ({ value: String(m), label: t("searches.every", { interval: intervalLabel(m) }) })) }} />
        <label class="checkbox checkbox--field">
          <input type="checkbox" checked={draft.active} onChange={(e) => set("active", e.currentTarget.checked)} />
          {t("searches.active")}
        </label>
      </div>

      <fieldset class="sources" aria-describedby={errors.sources ? "sources-error" : undefined}>
        <legend>{t("searches.boards")}</legend>
        <p class="muted">{t("searches.boardsHint")}</p>
        {boards.loading && !boards.data && <Loading />}
        {boards.error && <ErrorNote error={boards.error} onRetry={() => void boards.reload()} />}
        {errors.sources && <p class="field-error" role="alert" id="sources-error">{errors.sources}</p>}
        <ul class="plain-list source-list">
          {sources.map((source) => {
            const on = source.name in draft.sources;
            return (
              <li class={`source${on ? " source--on" : ""}`}>
                <label class="checkbox">
                  <input type="checkbox" checked={on} onChange={(e) => toggleSource(source.name, e.currentTarget.checked)} />
                  {/* One run of text, so on a phone the blurb wraps under the name instead of squeezing
                      "Remote OK" and the blurb into two narrow columns. */}
                  <span><strong>{sourceLabel(source.name)}</strong><span class="muted"> — {sourceBlurb(source.name)}</span></span>
                </label>
                {on && source.params.length > 0 && (
                  <div class="source-params">
                    {source.params.map((spec) => (
                      <SourceParamField board={source.name} spec={spec} value={draft.sources[source.name]?.[spec.name] ?? ""}
                        onChange={(value) => setParam(source.name, spec.name, value)} />
                    ))}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>

      <Field label={t("searches.coverLetter")} hint={t("searches.coverLetterHint")} error={errors.coverLetterTemplate}
        textarea={{ value: draft.coverLetterTemplate, rows: 4, onInput: (e) => set("coverLetterTemplate", e.currentTarget.value) }} />

      <fieldset class="auto-apply" data-testid="auto-apply" aria-describedby={errors.autoApply ? "auto-apply-error" : undefined}>
        <legend>{t("searches.autoApply")}</legend>
        <p class="muted">{t("searches.autoApplyHint")}</p>
        {errors.autoApply && <p class="field-error" role="alert" id="auto-apply-error">{errors.autoApply}</p>}
        <label class="checkbox">
          <input type="checkbox" checked={draft.autoApply} onChange={(e) => set("autoApply", e.currentTarget.checked)} />
          {t("searches.autoApplyOn")}
        </label>
        {draft.autoApply && (
          <>
            <div class="grid-2">
              <Field label={t("searches.autoApplyThreshold")}
                input={{ type: "number", min: 0, max: 100, step: 1, value: draft.autoApplyThreshold,
                  onInput: (e) => set("autoApplyThreshold", e.currentTarget.value) }} />
              <Field label={t("searches.autoApplyCap")}
                input={{ type: "number", min: 1, max: 200, step: 1, value: draft.autoApplyCap,
                  onInput: (e) => set("autoApplyCap", e.currentTarget.value) }} />
            </div>
            <label class="checkbox">
              <input type="checkbox" checked={draft.autoApplyDryRun} onChange={(e) => set("autoApplyDryRun", e.currentTarget.checked)} />
              {t("searches.autoApplyDryRun")}
            </label>
          </>
        )}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={busy !== null}>
          {busy === "save" ? t("common.saving") : search ? t("common.save") : t("searches.create")}
        </button>
      </div>
    </form>
  );
}

function sourceBlurb(name: string): string {
  const key = `source.${name}` as MessageKey;
  const text = t(key);
  return text === key ? name : text;
}

function SourceParamField({ board, spec, value, onChange }: {
  board: string;
  spec: Source["params"][number];
  value: string;
  onChange: (value: string) => void;
}) {
  const label = `${paramLabel(spec.name)}${spec.required ? " *" : ""}`;
  const hint = [spec.description, spec.defaultValue ? t("searches.default", { value: spec.defaultValue }) : "",
    spec.kind === "list" ? t("searches.listParam") : "", spec.secret ? t("searches.secretParam") : ""].filter(Boolean).join(" · ");
  if (spec.choices.length || spec.kind === "boolean") {
    const options = spec.kind === "boolean" ? ["true", "false"] : spec.choices;
    return (
      <Field label={label} hint={hint}
        select={{ value, onChange, options: [{ value: "", label: t("searches.notSet") }, ...options.map((o) => ({ value: o, label: o }))] }} />
    );
  }
  return (
    <Field label={label} hint={hint}
      input={{ value, type: spec.secret ? "password" : spec.kind === "integer" ? "number" : "text",
        min: spec.minValue ?? undefined, max: spec.maxValue ?? undefined, autocomplete: "off",
        "aria-required": spec.required, name: `${board}.${spec.name}`,
        onInput: (e) => onChange(e.currentTarget.value) }} />
  );
}

// --- run history -------------------------------------------------------------------------------------
interface LiveProgress {
  sourcesDone: number;
  sourcesTotal: number;
  fetched: number;
}

function RunHistory({ search }: { search: Search }) {
  const isMine = (event: LiveEvent) => event.type === "DISCOVERY_RUN_PROGRESS" && event.searchConfigId === search.id;
  const runs = useQuery(RunsDocument, { searchConfigId: search.id, first: 20 }, { refetchOn: isMine });
  const [progress, setProgress] = useState<Record<string, LiveProgress>>({});

  useLiveEvents((event) => {
    if (!isMine(event)) return;
    const runId = String(event.runId);
    setProgress((current) => ({ ...current, [runId]: {
      sourcesDone: Number(event.sourcesDone ?? 0), sourcesTotal: Number(event.sourcesTotal ?? 0), fetched: Number(event.fetched ?? 0),
    } }));
  });

  const nodes = runs.data?.discoveryRuns?.nodes ?? [];
  return (
    <section class="card" aria-labelledby="runs-title">
      <h2 id="runs-title">{t("runs.title")}</h2>
      {runs.loading && !runs.data && <Loading />}
      {runs.error && <ErrorNote error={runs.error} onRetry={() => void runs.reload()} />}
      {runs.data && nodes.length === 0 && (
        <Empty title={t("runs.emptyTitle")}><p>{search.active ? t("runs.emptyHint") : t("searches.pausedHint")}</p></Empty>
      )}
      <ol class="plain-list runs" aria-live="polite">
        {nodes.map((run) => <RunRow run={run} live={progress[run.id]} />)}
      </ol>
    </section>
  );
}

function RunRow({ run, live }: { run: RunFieldsFragment; live: LiveProgress | undefined }) {
  const running = run.status === "RUNNING";
  const fetched = running && live ? live.fetched : run.fetched;
  const reasons = useMemo(() => run.filteredByReason.map((r) => `${filterReason(r.reason)}: ${r.count}`).join(", "), [run.filteredByReason]);
  return (
    <li class="run" data-testid="run">
      <div class="run-head">
        <span class={`badge badge--run-${(run.status ?? "RUNNING").toLowerCase()}`}>{t(`runStatus.${run.status ?? "RUNNING"}` as MessageKey)}</span>
        <span>{formatDate(run.startedAt, true)}</span>
        <span class="muted">{run.trigger === "manual" ? t("runs.manual") : t("runs.scheduled")}</span>
        {!running && <span class="muted">{t("runs.duration", { seconds: formatNumber(run.durationMs / 1000, { maximumFractionDigits: 1 }) })}</span>}
      </div>
      {running && (
        <Progress value={live && live.sourcesTotal ? live.sourcesDone / live.sourcesTotal : null}
          label={live && live.sourcesTotal ? t("runs.progress", { done: live.sourcesDone, total: live.sourcesTotal }) : t("runs.starting")} />
      )}
      <dl class="run-counts">
        <div><dt>{t("runs.fetched")}</dt><dd>{fetched}</dd></div>
        <div><dt>{t("runs.kept")}</dt><dd>{run.newCount}</dd></div>
        <div><dt>{t("runs.merged")}</dt><dd>{run.duplicates}</dd></div>
        <div><dt>{t("runs.filtered")}</dt><dd>{run.filtered}</dd></div>
      </dl>
      {reasons && <p class="muted small">{t("runs.filteredBecause", { reasons })}</p>}
      {run.errors.map((e) => <p class="field-error small">{e.source ? `${sourceLabel(e.source)}: ` : ""}{e.reason}</p>)}
      {run.skipped.map((e) => <p class="muted small">{t("runs.skipped", { source: e.source, reason: e.reason })}</p>)}
    </li>
  );
}

export function filterReason(reason: string): string {
  if (reason.startsWith("red_flag:")) return t("filter.redFlag", { flag: reason.slice(9) });
  const key = `filter.${reason}` as MessageKey;
  const text = t(key);
  return text === key ? reason : text;
}
