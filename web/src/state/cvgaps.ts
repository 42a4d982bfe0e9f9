// What a parsed CV did not give: the fields its parser failed to read (CvInfo.unreadFields) and the
// expected ones it found nothing for (CvInfo.missingFields), kept to those the saved profile still lacks,
// so the profile page can say "add them below" and mean it (a phone typed in earlier is no gap).

export interface GapProfile {
  fullName: string;
  headline: string;
  summary: string;
  contact: { email: string; phone: string; location: string };
  skills: readonly unknown[];
  experience: readonly unknown[];
  education: readonly unknown[];
  languages: readonly unknown[];
  certifications: readonly unknown[];
  projects: readonly unknown[];
  cv?: { parseStatus?: string | null; unreadFields: readonly string[]; missingFields: readonly string[] } | null;
}

// The fields the profile form has an input for, in the form's order, so the notice lists them as the
// page shows them. contact.links is left out: the page has no place to add links, so "add them below"
// would point at nothing.
export const GAP_FIELDS = [
  "fullName", "headline", "summary", "contact.email", "contact.phone", "contact.location",
  "skills", "experience", "education", "languages", "certifications", "projects",
] as const;
export type GapField = (typeof GAP_FIELDS)[number];

function isEmpty(profile: GapProfile, field: GapField): boolean {
  const value = field.startsWith("contact.")
    ? profile.contact[field.slice("contact.".length) as keyof GapProfile["contact"]]
    : profile[field as Exclude<GapField, `contact.${string}`>];
  return typeof value === "string" ? value.trim() === "" : value.length === 0;
}

/** The fields to ask for after a parse, in the form's order; empty while the CV is unread or failed. */
export function cvGaps(profile: GapProfile): GapField[] {
  const cv = profile.cv;
  if (!cv || cv.parseStatus !== "DONE") return [];
  const named = new Set([...cv.unreadFields, ...cv.missingFields]);
  return GAP_FIELDS.filter((field) => named.has(field) && isEmpty(profile, field));
}

/** A profile leaf as the server names it ("full_name", "contact.phone") in the form's terms ("fullName"). */
function formField(leaf: string): string {
  return leaf.split(".").map((part) => part.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())).join(".");
}

/** The gaps a live CV_PARSED event names (already kept by the server to what the saved profile lacks), in
 * the form's order; fields the form has no input for are left out, as on the profile page. */
export function parsedEventGaps(unread: readonly string[], missing: readonly string[]): GapField[] {
  const named = new Set([...unread, ...missing].map(formField));
  return GAP_FIELDS.filter((field) => named.has(field));
}
