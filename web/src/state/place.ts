// Where a posting is, as one line: "Acme · Berlin, Munich · Hybrid". Boards often put the remote type in the
// location too ("Remote", "Remote - EU", "Hybrid (Paris)"); saying it twice ("Acme · Remote · Remote")
// reads like a glitch, so the remote label is left out when a location already says it.

export type RemoteType = "REMOTE" | "HYBRID" | "ON_SITE";

export interface Placed {
  company: string;
  locations: readonly string[];
  remoteType?: RemoteType | string | null;
}

// The English words boards use, whatever the interface language is, besides the translated label.
const BOARD_WORDS: Record<string, readonly string[]> = {
  REMOTE: ["remote", "anywhere", "worldwide"],
  HYBRID: ["hybrid"],
  ON_SITE: ["on-site", "on site", "onsite"],
};

function says(location: string, words: readonly string[]): boolean {
  const text = location.toLocaleLowerCase();
  return words.some((word) => word && new RegExp(`(^|[^\\p{L}])${escape(word)}($|[^\\p{L}])`, "u").test(text));
}

function escape(word: string): string {
  return word.toLocaleLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The parts of the line, in order; `remoteLabel` is the translated remote type ("Remote", "Télétravail"). */
export function placeParts(job: Placed, remoteLabel: string | null): string[] {
  const parts = [job.company];
  if (job.locations.length) parts.push(job.locations.join(", "));
  if (job.remoteType && remoteLabel) {
    const words = [...(BOARD_WORDS[job.remoteType] ?? []), remoteLabel];
    if (!job.locations.some((location) => says(location, words))) parts.push(remoteLabel);
  }
  return parts.filter(Boolean);
}
