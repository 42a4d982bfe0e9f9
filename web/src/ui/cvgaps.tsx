// The calm notice under a parsed CV: which fields it did not give, in words, and where to add them.
import { locale, t, tn, type MessageKey } from "../i18n";
import { cvGaps, type GapProfile } from "../state/cvgaps";

/** "your phone number or your work experience": the fields as the user reads them, in their language. */
export function gapList(fields: readonly string[]): string {
  const words = fields.map((field) => t(`cv.gap.${field}` as MessageKey));
  return new Intl.ListFormat(locale.value, { type: "disjunction" }).format(words);
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
