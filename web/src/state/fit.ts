// The inbox's fit score on the client: how a score reads (its tone), and how a refetched first page
// joins the postings already shown, for either order (newest first, or best fit first).

export type FeedOrder = "NEWEST" | "FIT";
export type FitTone = "high" | "medium" | "low" | "none";

export interface HasFit {
  fit?: { score: number; confidence?: number; reasons?: readonly string[] } | null;
}

/**
 * Below this confidence the scorer had little to judge (ai_coach/engines/fit/confidence.py, LOW_CONFIDENCE):
 * its score is pulled toward 50 and its first reason says what is missing.
 */
export const LOW_CONFIDENCE = 0.5;

/** The scorer's "Little to judge: no description, no skills listed …" sentence; null for a score it could judge. */
export function littleToJudge(job: HasFit): string | null {
  const fit = job.fit;
  if (!fit || typeof fit.confidence !== "number" || fit.confidence >= LOW_CONFIDENCE) return null;
  return fit.reasons?.[0] ?? "";
}

/** 0-100, rounded; null while the posting is not scored yet. */
export function fitScore(job: HasFit): number | null {
  const score = job.fit?.score;
  return typeof score === "number" && Number.isFinite(score) ? Math.round(Math.min(100, Math.max(0, score))) : null;
}

/** The badge's tone: thresholds chosen so a third of a typical inbox is not "high". */
export function fitTone(job: HasFit): FitTone {
  const score = fitScore(job);
  if (score === null) return "none";
  if (score >= 70) return "high";
  if (score >= 40) return "medium";
  return "low";
}

/** 0-1 confidence as a whole percentage, for "confidence 80%". */
export function confidencePercent(confidence: number): number {
  return Math.round(Math.min(1, Math.max(0, confidence)) * 100);
}

/**
 * A refetched first page joined with the postings shown. Newest first: those not shown yet go on top and
 * the user's place further down is kept. Best fit first: the page's order leads (scores may have arrived
 * and reordered it), then the shown postings it no longer holds. Either way a shown posting takes the
 * page's copy, so a score that arrived since shows without a reload.
 *
 * `decided` holds the postings the user approved or rejected here: a refetch that left before the decision
 * reached the server still lists them, and must not bring them back into the inbox.
 */
export function mergeFirstPage<J extends { id: string }>(
  shown: readonly J[], page: readonly J[], order: FeedOrder, decided: ReadonlySet<string> = NO_IDS,
): J[] {
  const kept = page.filter((job) => !decided.has(job.id));
  const fresh = new Map(kept.map((job) => [job.id, job]));
  const shownIds = new Set(shown.map((job) => job.id));
  if (order === "FIT") return [...kept, ...shown.filter((job) => !fresh.has(job.id))];
  return [...kept.filter((job) => !shownIds.has(job.id)), ...shown.map((job) => fresh.get(job.id) ?? job)];
}

/** The next page appended to the postings shown: those not shown yet and not decided here (see mergeFirstPage). */
export function appendPage<J extends { id: string }>(
  shown: readonly J[], page: readonly J[], decided: ReadonlySet<string> = NO_IDS,
): J[] {
  const shownIds = new Set(shown.map((job) => job.id));
  return [...shown, ...page.filter((job) => !shownIds.has(job.id) && !decided.has(job.id))];
}

const NO_IDS: ReadonlySet<string> = new Set();

/** The postings a live JOBS_SCORED event names (discovery stored their scores); [] for any other event. */
export function scoredJobIds(event: { type: string; jobIds?: unknown }): string[] {
  if (event.type !== "JOBS_SCORED" || !Array.isArray(event.jobIds)) return [];
  return event.jobIds.filter((id): id is string => typeof id === "string");
}

/**
 * Whether new scores change what the inbox shows: best fit first, any score may move a posting into the
 * first page; newest first, only the postings shown change (their badges).
 */
export function scoresConcernList(scored: readonly string[], shown: readonly { id: string }[], order: FeedOrder): boolean {
  if (!scored.length) return false;
  if (order === "FIT") return true;
  const ids = new Set(scored);
  return shown.some((job) => ids.has(job.id));
}

/**
 * `run` at most once at a time: a call while it runs asks for one more run after it, however many calls
 * came meanwhile. A rescore after a profile change stores a large inbox in batches of 200, each with its
 * event; the inbox refetches its first page once per burst, not once per batch.
 */
export function oneAtATime(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const loop = async () => {
    do {
      again = false;
      try {
        await run();
      } catch {
        // the caller's run reports its own failures; the next call tries again
      }
    } while (again);
    running = null;
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = loop();
    return running;
  };
}
