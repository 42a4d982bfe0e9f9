// Identifiers the services send, as a person reads them: board names, board parameters, score
// components and the analysis engine (the screens showed "greenhouse", "board_token", "Lexical", "heuristic").
import { afterEach, describe, expect, it } from "vitest";
import { locale, t } from "../src/i18n";
import { en } from "../src/i18n/en";
import { fr } from "../src/i18n/fr";
import { criterionLabel, engineLabel, humanise, paramLabel, sourceLabel } from "../src/i18n/labels";

afterEach(() => {
  locale.value = "en";
});

describe("board names", () => {
  it("are spelt as the boards spell them, not as ids", () => {
    expect(sourceLabel("greenhouse")).toBe("Greenhouse");
    expect(sourceLabel("hh")).toBe("HH.ru");
    expect(sourceLabel("remoteok")).toBe("Remote OK");
    expect(sourceLabel("smartrecruiters")).toBe("SmartRecruiters");
    expect(sourceLabel("manual")).toBe("Added by hand");
  });
  it("say where a posting came from in the user's language", () => {
    locale.value = "fr";
    expect(sourceLabel("url")).toBe("Ajoutée depuis un lien");
    expect(t("inbox.foundOn", { source: sourceLabel("greenhouse"), date: "6 déc. 2026" })).toBe("Trouvée sur Greenhouse, le 6 déc. 2026");
  });
  it("fall back to words for a board the catalogue does not know", () => {
    expect(sourceLabel("new_board")).toBe("New board");
    expect(sourceLabel("spreadsheet")).toBe("Spreadsheet");
  });
  it("keep an import's own words as written", () => {
    expect(sourceLabel("LinkedIn")).toBe("LinkedIn");
    expect(sourceLabel("Job fair in Lyon")).toBe("Job fair in Lyon");
  });
});

describe("board parameters", () => {
  it("read as words", () => {
    expect(paramLabel("board_token")).toBe("Board token");
    expect(paramLabel("companySlug")).toBe("Company slug");
    expect(humanise("area")).toBe("Area");
  });
});

describe("the score's parts and engine", () => {
  it("name the fit score's components in plain words", () => {
    expect(["occupation", "skills", "semantic", "lexical"].map(criterionLabel))
      .toEqual(["Occupation", "Skills", "Overall similarity", "Shared words"]);
    locale.value = "fr";
    expect(criterionLabel("lexical")).toBe("Mots en commun");
  });
  it("say which engine wrote the analysis without its internal name", () => {
    expect(engineLabel("heuristic")).toBe("rule-based score");
    expect(engineLabel("llm", "qwen2.5")).toBe("AI review (qwen2.5)");
    locale.value = "fr";
    expect(engineLabel("heuristic")).toBe("score à règles");
  });
  it("date a fit score without the scorer's version id", () => {
    expect(t("inbox.fitScored", { date: "Dec 6, 2026" })).toBe("Scored on Dec 6, 2026.");
    expect(en["inbox.fitScored"]).not.toContain("{model}");
    expect(fr["inbox.fitScored"]).not.toContain("{model}");
  });
  it("label a board card's number as the fit score", () => {
    expect(t("application.scoreShort", { score: 58 })).toBe("Fit 58/100");
  });
});

describe("the catalogues", () => {
  it("keep both languages in step for the new names", () => {
    const added = Object.keys(en).filter((k) => /^(sourceName|engine|criterion)\./.test(k));
    for (const key of added) expect(fr, key).toHaveProperty(key);
  });
});
