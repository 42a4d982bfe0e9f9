// Names the services send as identifiers ("greenhouse", "board_token", "lexical", "heuristic"), shown
// to a person in words. No DOM: unit-tested in test/labels.test.ts.
import { t, type MessageKey } from "./index";

/** The catalogue's text for `key`, or null when the catalogue has none. */
function lookup(key: string): string | null {
  const text = t(key as MessageKey);
  return text === key ? null : text;
}

/** "snake_case_id" -> "Snake case id": the fallback for a name the catalogue does not know yet. */
export function humanise(name: string): string {
  const words = name.replace(/[_-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").trim().toLowerCase();
  return words.replace(/^./, (c) => c.toUpperCase());
}

// Job boards' own names, the same in every language (the catalogues hold only what is translated:
// "RSS feed", "Added by hand").
const BOARD_NAMES: Record<string, string> = {
  greenhouse: "Greenhouse", lever: "Lever", ashby: "Ashby", workable: "Workable", hh: "HH.ru",
  remotive: "Remotive", remoteok: "Remote OK", arbeitnow: "Arbeitnow", smartrecruiters: "SmartRecruiters",
};

/** A job board's own name, as the board spells it ("greenhouse" -> "Greenhouse", "hh" -> "HH.ru");
 *  postings added by hand or from a link say so. */
export function sourceLabel(name: string): string {
  const known = lookup(`sourceName.${name}`) ?? BOARD_NAMES[name];
  if (known) return known;
  // An import's own words ("LinkedIn", "Referral") are kept as written; only an id is put into words.
  return /[A-Z\s]/.test(name) ? name : humanise(name);
}

/** A board parameter's name in words ("board_token" -> "Board token"). */
export function paramLabel(name: string): string {
  return lookup(`param.${name}`) ?? humanise(name);
}

/** A score component's name in the user's language ("lexical" -> "Shared words"). */
export function criterionLabel(name: string): string {
  return lookup(`criterion.${name}`) ?? humanise(name);
}

/** Which engine wrote an analysis, in words ("heuristic" -> "rule-based score"), with the model when there is one. */
export function engineLabel(engine: string, model = ""): string {
  const name = lookup(`engine.${engine}`) ?? engine;
  return model ? `${name} (${model})` : name;
}
