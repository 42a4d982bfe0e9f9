// The inbox: pending postings with search, filters (board, work arrangement, pay, date) and paging;
// approve or reject with one key (j/k to move, a/r to act, x to select) or in bulk; a posting's
// detail with its description, every source URL after de-duplication and why it passed the
// filters, and how well it fits the profile; newest first or best fit first; add a posting by URL or
// by hand. New postings appear live (JOB_DISCOVERED), and so do their fit scores when discovery stores
// them (JOBS_SCORED); a profile change (PROFILE_UPDATED) refetches, since it rescores the postings.
import { Component } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, toast, useLiveEvents, useResync } from "../app";
import {
  AddByUrlDocument,
  AddManuallyDocument,
  ApproveDocument,
  FeedDocument,
  JobDocument,
  JobSourcesDocument,
  RejectDocument,
  type FeedQueryVariables,
  type JobQuery,
  type JobSummaryFieldsFragment,
  type RemoteType,
} from "../gql/graphql";
import { formatDate, formatSalary, t, tn, type MessageKey } from "../i18n";
import { sourceLabel } from "../i18n/labels";
import { navigate } from "../router";
import { placeParts } from "../state/place";
import { Empty, ErrorNote, errorText, Field, Loading, PageHeader, Progress } from "../ui/kit";
import { useQuery } from "../ui/query";
import { ApiError } from "../api/graphql";
import {
  appendPage, confidencePercent, fitScore, fitTone, littleToJudge, mergeFirstPage, oneAtATime, scoredJobIds, scoresConcernList, type FeedOrder,
} from "../state/fit";

type Job = JobSummaryFieldsFragment;
const PAGE = 50;

interface Filters {
  query: string;
  source: string;
  remote: RemoteType | "";
  salary: string;
  since: "" | "1" | "7" | "30";
  sort: FeedOrder; // an order, not a filter: "Clear" and "no match" ignore it
}
// Best fit first by default: the inbox is there to triage the postings that fit the CV before the rest
// (postings not scored yet, or every posting while no CV is uploaded, follow newest first).
const NO_FILTERS: Filters = { query: "", source: "", remote: "", salary: "", since: "", sort: "FIT" };

function variablesOf(filters: Filters, after: string | null): FeedQueryVariables {
  const days = Number(filters.since);
  return {
    status: "PENDING",
    first: PAGE,
    after,
    query: filters.query.trim() || null,
    sources: filters.source ? [filters.source] : null,
    remoteTypes: filters.remote ? [filters.remote] : null,
    salaryAtLeast: filters.salary ? Number(filters.salary) : null,
    discoveredAfter: days ? new Date(Date.now() - days * 86_400_000).toISOString() : null,
    sort: filters.sort,
  };
}

interface Feed {
  jobs: Job[];
  endCursor: string | null;
  hasNext: boolean;
  total: number;
  order: FeedOrder; // the order the list was loaded in (the menu may have changed since)
}

export function InboxScreen({ selected }: { selected?: string }) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [moreFilters, setMoreFilters] = useState(false);
  const [feed, setFeed] = useState<Feed | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [cursor, setCursor] = useState(0);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<{ done: number; total: number; action: "approve" | "reject" } | null>(null);
  const sequence = useRef(0);
  // Postings decided here (approved or rejected): a refetch that left before the decision reached the
  // server still lists them, and must not bring them back into the inbox.
  const decided = useRef(new Set<string>());
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const sources = useQuery(JobSourcesDocument, {}, { skip: feed === null }); // the filter's list can wait for the inbox

  const load = useCallback(async (which: Filters) => {
    const mine = ++sequence.current;
    setError(null);
    try {
      const page = (await api.request(FeedDocument, variablesOf(which, null))).jobFeed;
      if (mine !== sequence.current || !page) return;
      setFeed({ jobs: mergeFirstPage([], page.nodes, which.sort, decided.current), endCursor: page.pageInfo.endCursor, hasNext: page.pageInfo.hasNextPage, total: page.pageInfo.totalCount ?? 0, order: which.sort });
      setCursor(0);
      setChecked(new Set());
    } catch (caught) {
      if (mine === sequence.current) setError(caught);
    }
  }, []);

  useEffect(() => void load(applied), [applied]);

  /** New postings or new scores: the first page joins those shown, keeping the user's place further down. */
  const fetchFirstPage = useCallback(async () => {
    try {
      const page = (await api.request(FeedDocument, variablesOf(applied, null))).jobFeed;
      if (!page) return;
      setFeed((current) => {
        const jobs = mergeFirstPage(current?.jobs ?? [], page.nodes, applied.sort, decided.current);
        if (!current) return { jobs, endCursor: page.pageInfo.endCursor, hasNext: page.pageInfo.hasNextPage, total: page.pageInfo.totalCount ?? 0, order: applied.sort };
        return { ...current, jobs, total: page.pageInfo.totalCount ?? current.total };
      });
    } catch {
      // the next event or a reload will catch up
    }
  }, [applied]);
  // One refetch at a time (a rescored inbox sends an event per batch of 200), with the latest filters.
  const latestFetch = useRef(fetchFirstPage);
  latestFetch.current = fetchFirstPage;
  const [mergeNewest] = useState(() => oneAtATime(() => latestFetch.current()));

  useLiveEvents((event) => {
    if (event.type === "JOB_DISCOVERED" || event.type === "PROFILE_UPDATED") void mergeNewest();
    // Scores stored for postings (JOBS_SCORED): the shown ones take their new badges, and best fit first
    // the first page takes its new order; decided postings stay out (mergeFirstPage).
    else if (feed && scoresConcernList(scoredJobIds(event), feed.jobs, feed.order)) void mergeNewest();
  });
  useResync(() => void mergeNewest());

  async function loadMore() {
    if (!feed?.hasNext || loadingMore) return;
    setLoadingMore(true);
    const mine = sequence.current;
    try {
      const page = (await api.request(FeedDocument, variablesOf(applied, feed.endCursor))).jobFeed;
      if (mine !== sequence.current || !page) return;
      setFeed((current) => current && {
        jobs: appendPage(current.jobs, page.nodes, decided.current),
        endCursor: page.pageInfo.endCursor, hasNext: page.pageInfo.hasNextPage, total: page.pageInfo.totalCount ?? current.total, order: current.order,
      });
    } catch (caught) {
      toast(errorText(caught), "error");
    } finally {
      setLoadingMore(false);
    }
  }

  // Scrolling near the end loads the next page.
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = sentinel.current;
    if (!node || typeof IntersectionObserver !== "function") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void loadMore();
    }, { rootMargin: "600px" });
    observer.observe(node);
    return () => observer.disconnect();
  }, [feed?.endCursor, feed?.hasNext, loadingMore]);

  const remove = (ids: string[]) => setFeed((current) => current && {
    ...current, jobs: current.jobs.filter((j) => !ids.includes(j.id)), total: Math.max(0, current.total - ids.length),
  });

  async function act(job: Job, action: "approve" | "reject", quiet = false): Promise<boolean> {
    const index = feed?.jobs.findIndex((j) => j.id === job.id) ?? -1;
    remove([job.id]); // optimistic: the posting leaves the inbox at once
    decided.current.add(job.id);
    try {
      if (action === "approve") {
        const application = (await api.request(ApproveDocument, { id: job.id })).approveJob;
        if (!quiet) toast(t("inbox.approved", { title: job.title }), "success", `/applications/${application.id}`);
      } else {
        await api.request(RejectDocument, { id: job.id });
        if (!quiet) toast(t("inbox.rejected", { title: job.title }), "info");
      }
      if (selected === job.id) navigate("/inbox", { replace: true });
      return true;
    } catch (caught) {
      decided.current.delete(job.id);
      setFeed((current) => {
        if (!current || current.jobs.some((j) => j.id === job.id)) return current;
        const jobs = [...current.jobs];
        jobs.splice(Math.max(0, index), 0, job);
        return { ...current, jobs, total: current.total + 1 };
      });
      toast(errorText(caught), "error");
      return false;
    }
  }

  async function actOnChecked(action: "approve" | "reject") {
    const jobs = (feed?.jobs ?? []).filter((j) => checked.has(j.id));
    if (!jobs.length) return;
    setBulk({ done: 0, total: jobs.length, action });
    let ok = 0;
    for (const [i, job] of jobs.entries()) {
      if (await act(job, action, true)) ok += 1;
      setBulk({ done: i + 1, total: jobs.length, action });
    }
    setBulk(null);
    setChecked(new Set());
    toast(tn(action === "approve" ? "inbox.bulkApproved" : "inbox.bulkRejected", ok), ok === jobs.length ? "success" : "error");
  }

  const jobs = feed?.jobs ?? [];
  // Rows get the same handler object every render, so a row re-renders only when its own props change
  // (a 1,000-posting inbox would otherwise rebuild every row on each key press).
  const latest = useRef({ act, toggleCheck: (id: string) => toggleCheck(id), setCursor, jobs });
  latest.current = { act, toggleCheck: (id: string) => toggleCheck(id), setCursor, jobs };
  const handlers = useRef<RowHandlers>({
    act: (job, action) => void latest.current.act(job, action),
    toggle: (id) => latest.current.toggleCheck(id),
    focus: (id) => {
      const index = latest.current.jobs.findIndex((j) => j.id === id);
      if (index >= 0) {
        cursorRef.current = index;
        latest.current.setCursor(index);
      }
    },
  }).current;

  // Only the rows near the screen are in the page (every row has the same height), so a list of 1,000
  // postings costs the browser what a list of 30 does; spacers keep the scroll bar true.
  const [range, setRange] = useState<[number, number]>([0, 30]);
  const focusIndex = useRef<number | null>(null);
  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      const list = listRef.current;
      if (!list) return;
      const top = list.getBoundingClientRect().top; // relative to the viewport
      const first = Math.max(0, Math.floor(-top / ROW_STRIDE) - OVERSCAN);
      const last = Math.ceil((window.innerHeight - top) / ROW_STRIDE) + OVERSCAN;
      setRange((now) => (now[0] === first && now[1] === last ? now : [first, last]));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    return () => {
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [feed !== null]);

  // The keyboard cursor stays on screen, and takes focus once its row is rendered.
  useEffect(() => {
    const index = focusIndex.current;
    if (index === null) return;
    const list = listRef.current;
    if (!list) return;
    const rowTop = list.getBoundingClientRect().top + index * ROW_STRIDE;
    // The sticky header covers the top of the window; its height depends on the width and the language
    // (the phone's navigation wraps), so it is measured, not assumed.
    const covered = document.querySelector(".app-header")?.getBoundingClientRect().bottom ?? 0;
    if (rowTop < covered || rowTop + ROW_STRIDE > window.innerHeight) {
      const before = window.scrollY;
      window.scrollBy({ top: rowTop - covered - (window.innerHeight - covered) / 3 });
      // The scroll re-renders the window and this effect runs again then; a page that cannot scroll
      // further (its end, a window shorter than a row) focuses the row where it is.
      if (window.scrollY !== before) return;
    }
    const row = list.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (row) {
      focusIndex.current = null;
      row.focus({ preventScroll: true });
    }
  });

  // One-key triage. Keys typed into a field are the field's. The listener is added once and reads the
  // current state through `keys`, and the cursor through a ref updated at once: two keys pressed faster
  // than a render ("j" then "x") act on the row the first one moved to.
  const cursorRef = useRef(cursor);
  cursorRef.current = cursor;
  const keys = useRef({ jobs, act, toggleCheck: (id: string) => toggleCheck(id), loadMore });
  keys.current = { jobs, act, toggleCheck: (id: string) => toggleCheck(id), loadMore };
  useEffect(() => {
    const moveCursor = (index: number) => {
      cursorRef.current = index;
      setCursor(index);
      focusIndex.current = index; // focused once its row is rendered (the list renders a window of rows)
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.ctrlKey || event.metaKey || event.altKey || target.closest("input, textarea, select, [contenteditable]")) return;
      if (event.key === "/") {
        event.preventDefault();
        searchRef.current?.focus();
        return;
      }
      const { jobs: list, act: triage, toggleCheck: toggle, loadMore: more } = keys.current;
      if (!list.length) return;
      const at = Math.min(cursorRef.current, list.length - 1);
      const job = list[at]!;
      if (event.key === "j" || event.key === "ArrowDown") {
        event.preventDefault();
        moveCursor(Math.min(at + 1, list.length - 1));
        if (at + 5 >= list.length) void more();
      } else if (event.key === "k" || event.key === "ArrowUp") {
        event.preventDefault();
        moveCursor(Math.max(at - 1, 0));
      } else if (event.key === "a" || event.key === "r") {
        event.preventDefault();
        // The next posting takes the place of the one triaged, and the focus with it.
        focusIndex.current = Math.max(0, Math.min(at, list.length - 2));
        void triage(job, event.key === "a" ? "approve" : "reject");
      } else if (event.key === "x") {
        event.preventDefault();
        toggle(job.id);
      } else if (event.key === "Enter" && target.matches("[data-row]")) {
        event.preventDefault();
        navigate(`/inbox/${job.id}`);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const toggleCheck = (id: string) => setChecked((now) => {
    const next = new Set(now);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  const filtered = JSON.stringify({ ...applied, sort: NO_FILTERS.sort }) !== JSON.stringify(NO_FILTERS);
  // How many of the filters a phone folds away are in force, so a folded filter is never forgotten.
  const folded = [applied.source, applied.remote, applied.salary, applied.since].filter(Boolean).length;
  const choose = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    setApplied(next); // a menu choice filters at once; typed fields wait for "Filter" (or Enter)
  };
  const sourceNames = [...(sources.data?.jobSources ?? []).map((s) => s.name), "manual", "url"];

  return (
    <div class={`page inbox${selected ? " inbox--detail" : ""}`}>
      <PageHeader title={t("inbox.title")}>
        <AddPosting onAdded={(job) => { void mergeNewest(); navigate(`/inbox/${job.id}`); }} />
      </PageHeader>
      <form class="filters" role="search" onSubmit={(e) => { e.preventDefault(); setApplied(filters); }}>
        <Field label={t("inbox.search")} input={{ type: "search", value: filters.query, ref: searchRef,
          placeholder: t("inbox.searchPlaceholder"), onInput: (e) => setFilters({ ...filters, query: e.currentTarget.value }) }} />
        {/* On a phone the board, arrangement, pay and date filters fold behind a button, so the first
            postings are in sight; from 800 px they are always shown (CSS). */}
        <div id="inbox-more-filters" class={`filters-more${moreFilters ? " filters-more--open" : ""}`}>
          <Field label={t("inbox.source")} select={{ value: filters.source, onChange: (v) => choose({ source: v }),
            options: [{ value: "", label: t("inbox.allSources") }, ...sourceNames.map((n) => ({ value: n, label: sourceLabel(n) }))] }} />
          <Field label={t("inbox.remote")} select={{ value: filters.remote, onChange: (v) => choose({ remote: v as RemoteType | "" }),
            options: [{ value: "", label: t("inbox.anyRemote") }, ...(["REMOTE", "HYBRID", "ON_SITE"] as const).map((v) => ({ value: v, label: t(`remote.${v}` as MessageKey) }))] }} />
          <Field label={t("inbox.salary")} input={{ type: "number", min: 0, step: 5000, value: filters.salary, inputMode: "numeric",
            onInput: (e) => setFilters({ ...filters, salary: e.currentTarget.value }) }} />
          <Field label={t("inbox.since")} select={{ value: filters.since, onChange: (v) => choose({ since: v as Filters["since"] }),
            options: [{ value: "", label: t("inbox.anyDate") }, { value: "1", label: t("inbox.last24h") }, { value: "7", label: t("inbox.last7d") }, { value: "30", label: t("inbox.last30d") }] }} />
        </div>
        <Field label={t("inbox.sort")} select={{ value: filters.sort, onChange: (v) => choose({ sort: v as FeedOrder }),
          options: [{ value: "FIT", label: t("inbox.sortFit") }, { value: "NEWEST", label: t("inbox.sortNewest") }] }} />
        <div class="filters-actions">
          <button type="submit" class="btn">{t("inbox.apply")}</button>
          {filtered && <button type="button" class="btn btn--ghost" onClick={() => { const next = { ...NO_FILTERS, sort: filters.sort }; setFilters(next); setApplied(next); }}>{t("inbox.clear")}</button>}
          <button type="button" class="btn btn--ghost filters-toggle" aria-expanded={moreFilters} aria-controls="inbox-more-filters"
            onClick={() => setMoreFilters(!moreFilters)}>
            {moreFilters ? t("inbox.fewerFilters") : folded ? tn("inbox.moreFiltersSet", folded) : t("inbox.moreFilters")}
          </button>
        </div>
      </form>

      <div class="split">
        <section class="split-list" aria-labelledby="inbox-list-title">
          <div class="list-toolbar">
            <h2 id="inbox-list-title" class="small-title">
              {feed ? tn("inbox.count", feed.total) : t("common.loading")}
            </h2>
            <p class="muted small keys-hint">{t("inbox.keys")}</p>
          </div>
          {checked.size > 0 && (
            <div class="bulk-bar" role="region" aria-label={t("inbox.bulkLabel")}>
              <span>{tn("inbox.selected", checked.size)}</span>
              <button type="button" class="btn btn--primary btn--small" disabled={bulk !== null} onClick={() => void actOnChecked("approve")}>{t("inbox.approveSelected")}</button>
              <button type="button" class="btn btn--small" disabled={bulk !== null} onClick={() => void actOnChecked("reject")}>{t("inbox.rejectSelected")}</button>
              <button type="button" class="btn btn--ghost btn--small" onClick={() => setChecked(new Set())}>{t("inbox.clearSelection")}</button>
            </div>
          )}
          {bulk && <Progress value={bulk.done / bulk.total} label={t(bulk.action === "approve" ? "inbox.approving" : "inbox.rejecting", { done: bulk.done, total: bulk.total })} />}
          {error !== null && <ErrorNote error={error} onRetry={() => void load(applied)} />}
          {!feed && error === null && <Loading />}
          {feed && jobs.length === 0 && (
            filtered
              ? <Empty title={t("inbox.noMatchTitle")}><p>{t("inbox.noMatchHint")}</p></Empty>
              : <Empty title={t("inbox.emptyTitle")}><p>{t("inbox.emptyHint")}</p><a class="btn btn--primary" href="/searches">{t("inbox.goSearches")}</a></Empty>
          )}
          <div class="job-list" ref={listRef} data-testid="inbox-list" data-loaded={jobs.length} data-order={feed?.order} role="list"
            style={{ height: `${jobs.length * ROW_STRIDE}px` }}>
            {jobs.slice(range[0], range[1]).map((job, i) => (
              <JobRow key={job.id} job={job} index={range[0] + i} total={feed?.total ?? jobs.length}
                cursor={range[0] + i === cursor} checked={checked.has(job.id)} open={job.id === selected} handlers={handlers} />
            ))}
          </div>
          <div ref={sentinel} />
          {feed?.hasNext && (
            <button type="button" class="btn btn--block" onClick={() => void loadMore()} disabled={loadingMore}>
              {loadingMore ? t("common.loading") : t("inbox.more")}
            </button>
          )}
        </section>
        {selected && (
          <section class="split-detail" aria-label={t("inbox.detail")}>
            <JobDetail id={selected} onAct={(job, action) => void act(job, action)} />
          </section>
        )}
        {/* On a desktop the half beside the list says what it is for until a posting is opened. */}
        {!selected && jobs.length > 0 && (
          <p class="split-detail split-detail--hint muted" data-testid="detail-hint">{t("inbox.detailHint")}</p>
        )}
      </div>
    </div>
  );
}

interface RowHandlers {
  act: (job: Job, action: "approve" | "reject") => void;
  toggle: (id: string) => void;
  focus: (id: string) => void;
}

// Every row has the same height (CSS: .job-row), so a row's place is its index times the stride.
const ROW_STRIDE = 150;
const OVERSCAN = 6;

interface RowProps {
  job: Job;
  index: number;
  total: number;
  cursor: boolean;
  checked: boolean;
  open: boolean;
  handlers: RowHandlers;
}

class JobRow extends Component<RowProps> {
  shouldComponentUpdate(next: RowProps): boolean {
    const p = this.props;
    return next.job !== p.job || next.index !== p.index || next.total !== p.total || next.cursor !== p.cursor
      || next.checked !== p.checked || next.open !== p.open;
  }

  render({ job, index, total, cursor, checked, open, handlers }: RowProps) {
    return (
      <div class={`job-row${cursor ? " job-row--cursor" : ""}${open ? " job-row--open" : ""}`} role="listitem"
        aria-posinset={index + 1} aria-setsize={total} style={{ transform: `translateY(${index * ROW_STRIDE}px)` }}
        data-row data-index={index} tabIndex={cursor ? 0 : -1} data-testid="job-row"
        aria-label={`${job.title}, ${job.company}`} onFocus={() => handlers.focus(job.id)}>
        <input type="checkbox" aria-label={t("inbox.select", { title: job.title })} checked={checked}
          onChange={() => handlers.toggle(job.id)} tabIndex={-1} />
        <a class="job-row-main" href={`/inbox/${job.id}`} tabIndex={-1}>
          <span class="job-title-line"><FitBadge job={job} /><span class="job-title">{job.title}</span></span>
          <span class="job-meta">
            {placeLine(job)}
          </span>
          <span class="job-meta muted">
            {sourceLabel(job.source)} · {formatDate(job.discoveredAt)}{job.salary ? ` · ${formatSalary(job.salary)}` : ""}
            {job.redFlags.length ? <span class="badge badge--error"> {t("inbox.redFlags", { flags: job.redFlags.join(", ") })}</span> : null}
          </span>
        </a>
        <div class="job-row-actions">
          <button type="button" class="btn btn--small btn--primary" tabIndex={-1} onClick={() => handlers.act(job, "approve")}
            aria-label={t("inbox.approveOne", { title: job.title })}>{t("inbox.approve")}</button>
          <button type="button" class="btn btn--small" tabIndex={-1} onClick={() => handlers.act(job, "reject")}
            aria-label={t("inbox.rejectOne", { title: job.title })}>{t("inbox.reject")}</button>
        </div>
      </div>
    );
  }
}

const REASON_KEYS: Record<string, MessageKey> = {
  title: "why.title", keyword: "why.keyword", remote: "why.remote", location: "why.location",
};

/** "Acme · Berlin · Hybrid": company, locations and remote type, the remote type said once. */
function placeLine(job: Pick<Job, "company" | "locations" | "remoteType">): string {
  return placeParts(job, job.remoteType ? t(`remote.${job.remoteType}` as MessageKey) : null).join(" · ");
}

export function matchReason(code: string): string {
  const [kind, ...rest] = code.split(":");
  const value = rest.join(":");
  if (value && REASON_KEYS[kind!]) {
    const shown = kind === "remote" ? t(`remote.${value}` as MessageKey) : value;
    return t(REASON_KEYS[kind!]!, { value: shown });
  }
  const key = `why.${code}` as MessageKey;
  const text = t(key);
  return text === key ? code : text;
}

function FitBadge({ job }: { job: Job }) {
  const score = fitScore(job);
  if (score === null) return <span class="fit-badge fit-badge--none" data-testid="fit-badge">{t("inbox.notScored")}</span>;
  // Too little to judge: the badge says so, and its tooltip says what is missing (the scorer's first reason).
  const unsure = littleToJudge(job);
  return (
    <span class={`fit-badge fit-badge--${fitTone(job)}${unsure === null ? "" : " fit-badge--unsure"}`} data-testid="fit-badge"
      title={unsure || t("inbox.fitAria", { score })}>
      {t("inbox.fitBadge", { score })}
      {/* On a phone the row is too narrow for the words and the title: the dashed border says it alone there. */}
      {unsure !== null && <span class="fit-badge-more">{` · ${t("inbox.littleToJudge")}`}</span>}
    </span>
  );
}

type Fit = NonNullable<JobQuery["job"]>["fit"];

function FitDetail({ fit }: { fit: Fit }) {
  if (!fit) {
    return (
      <section class="fit-detail" data-testid="fit-detail" aria-labelledby="fit-title">
        <h3 id="fit-title">{t("inbox.fitTitle")}</h3>
        <p><span class="fit-badge fit-badge--none">{t("inbox.notScored")}</span> <span class="muted small">{t("inbox.fitPending")}</span></p>
      </section>
    );
  }
  const score = fitScore({ fit }) ?? 0;
  return (
    <section class="fit-detail" data-testid="fit-detail" aria-labelledby="fit-title">
      <h3 id="fit-title">{t("inbox.fitTitle")}</h3>
      <p>
        <strong class={`fit-score fit-badge--${fitTone({ fit })}`} data-testid="fit-score">{t("inbox.fitScore", { score })}</strong>
        {" · "}<span>{t("inbox.fitConfidence", { percent: confidencePercent(fit.confidence) })}</span>
      </p>
      {fit.reasons.length > 0 && (
        <>
          <h4>{t("inbox.fitReasons")}</h4>
          <ul class="why">{fit.reasons.map((reason) => <li>{reason}</li>)}</ul>
        </>
      )}
      {fit.missing.length > 0 && (
        <>
          <h4>{t("inbox.fitMissing")}</h4>
          <ul class="why">{fit.missing.map((gap) => <li>{gap}</li>)}</ul>
        </>
      )}
      {fit.scoredAt && <p class="muted small" data-testid="fit-scored" title={fit.model}>{t("inbox.fitScored", { date: formatDate(fit.scoredAt) })}</p>}
    </section>
  );
}

function JobDetail({ id, onAct }: { id: string; onAct: (job: Job, action: "approve" | "reject") => void }) {
  const query = useQuery(JobDocument, { id });
  useLiveEvents((event) => {
    // The posting is rescored from the new profile; its score is stored (JOBS_SCORED).
    if (event.type === "PROFILE_UPDATED" || scoredJobIds(event).includes(id)) void query.reload();
  });
  const job = query.data?.job;
  if (query.loading && !job) return <Loading />;
  if (query.error) return <ErrorNote error={query.error} onRetry={() => void query.reload()} />;
  if (!job) return null;
  return (
    <article class="card job-detail" data-testid="job-detail">
      <a class="back-link" href="/inbox">← {t("inbox.back")}</a>
      <h2>{job.title}</h2>
      <p class="job-meta">
        {placeLine(job)}
        {job.salary ? ` · ${formatSalary(job.salary)}` : ""}
      </p>
      <p class="muted small">
        {t("inbox.foundOn", { source: sourceLabel(job.source), date: formatDate(job.discoveredAt) })}
        {job.expiresAt ? ` · ${t("inbox.expires", { date: formatDate(job.expiresAt) })}` : ""}
      </p>
      {job.status === "PENDING" ? (
        <div class="button-row">
          <button type="button" class="btn btn--primary" onClick={() => onAct(job, "approve")}>{t("inbox.approve")}</button>
          <button type="button" class="btn" onClick={() => onAct(job, "reject")}>{t("inbox.reject")}</button>
        </div>
      ) : <p class="badge">{t(`jobStatus.${job.status ?? "PENDING"}` as MessageKey)}</p>}
      {job.redFlags.length > 0 && <p class="notice notice--warn">{t("inbox.redFlags", { flags: job.redFlags.join(", ") })}</p>}
      <FitDetail fit={job.fit ?? null} />
      <h3>{t("inbox.why")}</h3>
      {job.matchReasons.length
        ? <ul class="why">{job.matchReasons.map((code) => <li>{matchReason(code)}</li>)}</ul>
        : <p class="muted">{t("inbox.whyNone")}</p>}
      <h3>{t("inbox.sources")}</h3>
      <ul class="source-urls">
        {(job.sourceUrls.length ? job.sourceUrls : [job.url]).filter(Boolean).map((url) => (
          <li><a href={url} target="_blank" rel="noopener noreferrer">{url}</a></li>
        ))}
      </ul>
      {job.skills.length > 0 && <p><strong>{t("inbox.skills")}</strong> {job.skills.join(", ")}</p>}
      {job.whyUs && <p><strong>{t("inbox.whyUs")}</strong> {job.whyUs}</p>}
      <h3>{t("inbox.description")}</h3>
      <div class="description">{job.descriptionText || t("inbox.noDescription")}</div>
    </article>
  );
}

function AddPosting({ onAdded }: { onAdded: (job: Job) => void }) {
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<"url" | "manual">("url");
  const [url, setUrl] = useState("");
  const [manual, setManual] = useState({ company: "", title: "", location: "", url: "", description: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const job = mode === "url"
        ? (await api.request(AddByUrlDocument, { url: url.trim() })).addJobByUrl
        : (await api.request(AddManuallyDocument, { input: manual })).addJobManually;
      toast(t("inbox.added", { title: job.title }), "success");
      setOpen(false);
      setUrl("");
      setManual({ company: "", title: "", location: "", url: "", description: "" });
      onAdded(job);
    } catch (caught) {
      setError(caught instanceof ApiError ? errorText(caught) : t("error.internal"));
    } finally {
      setBusy(false);
    }
  }

  if (!open) return <button type="button" class="btn" onClick={() => setOpen(true)}>+ {t("inbox.add")}</button>;
  return (
    <div class="add-posting card" role="dialog" aria-label={t("inbox.add")}>
      <div class="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={mode === "url"} class="tab" onClick={() => setMode("url")}>{t("inbox.byUrl")}</button>
        <button type="button" role="tab" aria-selected={mode === "manual"} class="tab" onClick={() => setMode("manual")}>{t("inbox.byHand")}</button>
      </div>
      <form onSubmit={submit} noValidate>
        {mode === "url" ? (
          <Field label={t("inbox.url")} hint={t("inbox.urlHint")} input={{ type: "url", value: url, required: true, onInput: (e) => setUrl(e.currentTarget.value) }} />
        ) : (
          <>
            <div class="grid-2">
              <Field label={t("inbox.company")} input={{ value: manual.company, required: true, onInput: (e) => setManual({ ...manual, company: e.currentTarget.value }) }} />
              <Field label={t("inbox.jobTitle")} input={{ value: manual.title, required: true, onInput: (e) => setManual({ ...manual, title: e.currentTarget.value }) }} />
              <Field label={t("profile.location")} input={{ value: manual.location, onInput: (e) => setManual({ ...manual, location: e.currentTarget.value }) }} />
              <Field label={t("inbox.url")} input={{ type: "url", value: manual.url, onInput: (e) => setManual({ ...manual, url: e.currentTarget.value }) }} />
            </div>
            <Field label={t("inbox.description")} textarea={{ value: manual.description, rows: 4, onInput: (e) => setManual({ ...manual, description: e.currentTarget.value }) }} />
          </>
        )}
        {busy && mode === "url" && <Progress value={null} label={t("inbox.fetching")} />}
        {error && <p class="field-error" role="alert">{error}</p>}
        <div class="button-row">
          <button type="submit" class="btn btn--primary" disabled={busy}>{busy ? t("common.wait") : t("inbox.addIt")}</button>
          <button type="button" class="btn btn--ghost" onClick={() => setOpen(false)}>{t("common.cancel")}</button>
        </div>
      </form>
    </div>
  );
}
