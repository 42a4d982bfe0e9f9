// The toast list without a DOM: three at most, and a toast about a topic (one search's run) replaces the
// one before it, so "The search is running", "4 new postings in your inbox" and "Search finished: 4 new
// postings" end as one message instead of three stacked over half a phone's screen.

export interface Toast {
  id: number;
  text: string;
  kind: "info" | "success" | "error";
  href?: string;
  topic?: string;
}

export const MAX_TOASTS = 3;

/** The toasts shown once `next` is added to `shown`. */
export function withToast(shown: readonly Toast[], next: Toast): Toast[] {
  const kept = next.topic ? shown.filter((item) => item.topic !== next.topic) : [...shown];
  return [...kept.slice(-(MAX_TOASTS - 1)), next];
}

/** The topic of toasts about one saved search's runs. */
export const runTopic = (searchConfigId: string) => `run:${searchConfigId}`;
