// The calm notice under a parsed CV: which fields it did not give, in words, and where to add them.
import { locale, t, tn, type MessageKey } from "../i18n";
import type { LiveEvent } from "../api/events";
import type { Toast } from "../state/toasts";
import { cvGaps, parsedEventGaps, type GapProfile } from "../state/cvgaps";

/** "your phone number or your work experience" ("… and …" as a conjunction): the fields as the user reads
 * them, in their language. */
export function gapList(fields: readonly string[], type: "disjunction" | "conjunction" = "disjunction"): string {
  const words = fields.map((field) => t(`cv.gap.${field}` as MessageKey));
  return new Intl.ListFormat(locale.value, { type }).format(words);
}

export function CvGapsNotice({ profile }: { profile: GapProfile }) {
  const gaps = cvGaps(profile);
  if (!gaps.length) return null;
  return (
    <p class="notice" role="status" data-testid="cv-gaps">
      {tn("cv.gaps", gaps.length, { fields: gapList(gaps) })}
    </p>
  );
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The toast a live CV_PARSED event gives: how many fields were filled and, when the saved profile still
 * lacks some the CV did not give, which ones; or why the CV could not be read. */
export function cvParsedToast(event: LiveEvent): { text: string; kind: Toast["kind"] } {
  if (!event.ok) return { text: t("toast.cvFailed", { reason: String(event.reason ?? "") }), kind: "error" };
  const filled = strings(event.fieldsFilled).length;
  const gaps = parsedEventGaps(strings(event.fieldsUnread), strings(event.fieldsMissing));
  if (!gaps.length) return { text: tn("toast.cvParsed", filled), kind: "success" };
  return { text: tn("toast.cvParsedGaps", filled, { fields: gapList(gaps, "conjunction") }), kind: "info" };
}
