// The notice under a parsed CV: which fields the CV did not give (unread by the parser, or not in it),
// in words, kept to what the saved profile still lacks, in the user's language.
import { afterEach, describe, expect, it } from "vitest";
import type { VNode } from "preact";
import { locale } from "../src/i18n";
import { cvGaps, parsedEventGaps, type GapProfile } from "../src/state/cvgaps";
import { CvGapsNotice, cvParsedToast } from "../src/ui/cvgaps";

afterEach(() => {
  locale.value = "en";
});

function profile(cv: Partial<NonNullable<GapProfile["cv"]>> | null, fill: Partial<GapProfile> = {}): GapProfile {
  return {
    fullName: "Jane Roe", headline: "", summary: "", contact: { email: "jane@example.org", phone: "", location: "" },
    skills: [{ name: "Python" }], experience: [], education: [], languages: [], certifications: [], projects: [],
    cv: cv === null ? null : { parseStatus: "DONE", unreadFields: [], missingFields: [], ...cv },
    ...fill,
  };
}

/** What a person reads in a rendered element: its text, children in order. */
function text(node: unknown): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(text).join("");
  return text((node as VNode<{ children?: unknown }>).props.children);
}

function notice(p: GapProfile): VNode<Record<string, unknown>> | null {
  return CvGapsNotice({ profile: p }) as VNode<Record<string, unknown>> | null;
}

describe("the CV gaps notice", () => {
  it("names what the parser could not read and what the CV lacks, in the form's order", () => {
    const shown = notice(profile({ unreadFields: ["experience"], missingFields: ["contact.phone"] }));
    expect(shown).not.toBeNull();
    expect(text(shown)).toBe("We could not read your phone number or your work experience from this CV — add them below.");
    // A calm status, announced politely, not an alert.
    expect(shown!.props.role).toBe("status");
    expect(shown!.props.class).toBe("notice");
  });

  it("says 'it' for one field and lists three with commas", () => {
    expect(text(notice(profile({ missingFields: ["skills"] }, { skills: [] }))))
      .toBe("We could not read your skills from this CV — add it below.");
    const three = profile({ unreadFields: ["contact.email", "contact.phone", "contact.location", "contact.links"] },
      { contact: { email: "", phone: "", location: "" } });
    expect(text(notice(three)))
      .toBe("We could not read your email address, your phone number, or your location from this CV — add them below.");
  });

  it("leaves out what the profile already has, and a field the page has no place for", () => {
    // The phone was typed in before this CV; links cannot be added on this page.
    const p = profile({ missingFields: ["contact.phone", "experience"], unreadFields: ["contact.links"] },
      { contact: { email: "jane@example.org", phone: "+44 20 7946 0958", location: "" } });
    expect(cvGaps(p)).toEqual(["experience"]);
    expect(text(notice(p))).toBe("We could not read your work experience from this CV — add it below.");
  });

  it("shows nothing when the CV gave everything, while it is read, or when it could not be read at all", () => {
    expect(notice(profile({}))).toBeNull();
    expect(notice(profile({ parseStatus: "RUNNING", missingFields: ["contact.phone"] }))).toBeNull();
    expect(notice(profile({ parseStatus: "FAILED", missingFields: ["contact.phone"] }))).toBeNull();
    expect(notice(profile(null))).toBeNull();
    // Once the user saved the missing field, the notice goes.
    expect(notice(profile({ missingFields: ["contact.phone"] },
      { contact: { email: "jane@example.org", phone: "+33 6 12 34 56 78", location: "" } }))).toBeNull();
  });

  it("speaks French with the French catalogue", () => {
    locale.value = "fr";
    expect(text(notice(profile({ unreadFields: ["experience"], missingFields: ["contact.phone"] }))))
      .toBe("Nous n'avons pas pu lire votre numéro de téléphone ou votre expérience professionnelle dans ce CV — à compléter ci-dessous.");
  });
});

describe("the toast when a CV has been read", () => {
  it("names what the saved profile still lacks, in the form's order, so the user knows at once", () => {
    // The server names profile leaves as it stores them; the form's names are camel-cased.
    expect(parsedEventGaps(["experience"], ["contact.phone", "full_name", "contact.links"]))
      .toEqual(["fullName", "contact.phone", "experience"]);
    const shown = cvParsedToast({ type: "CV_PARSED", ok: true, fieldsFilled: ["full_name", "contact.email", "skills"],
      fieldsUnread: ["experience"], fieldsMissing: ["contact.phone"] });
    expect(shown).toEqual({ kind: "info",
      text: "Your CV has been read: 3 fields filled. Still to add on your profile: your phone number and your work experience." });
  });

  it("is a plain success when nothing is missing, and says why when the CV could not be read", () => {
    expect(cvParsedToast({ type: "CV_PARSED", ok: true, fieldsFilled: ["skills"], fieldsUnread: [], fieldsMissing: [] }))
      .toEqual({ kind: "success", text: "Your CV has been read: 1 field filled." });
    expect(cvParsedToast({ type: "CV_PARSED", ok: false, reason: "the PDF has no text layer" }).kind).toBe("error");
    expect(cvParsedToast({ type: "CV_PARSED", ok: false, reason: "the PDF has no text layer" }).text)
      .toContain("the PDF has no text layer");
  });

  it("speaks French with the French catalogue", () => {
    locale.value = "fr";
    expect(cvParsedToast({ type: "CV_PARSED", ok: true, fieldsFilled: ["skills", "full_name"], fieldsMissing: ["contact.phone"] }).text)
      .toBe("Votre CV a été lu : 2 champs remplis. À compléter dans votre profil : votre numéro de téléphone.");
  });
});
