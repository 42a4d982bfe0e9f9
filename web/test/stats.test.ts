// The stats screen's response figure read "0 of 1 applications heard back: 0%": a plural for one
// application, and a verb that did not say who answered what.
import { afterEach, describe, expect, it } from "vitest";
import { locale } from "../src/i18n";
import { responseLine } from "../src/state/stats";

afterEach(() => {
  locale.value = "en";
});

describe("the response figure", () => {
  it("says what it counts, singular for one application sent", () => {
    expect(responseLine({ applied: 1, responded: 0, rate: 0 })).toBe("0 of 1 sent application answered (0%).");
    expect(responseLine({ applied: 1, responded: 1, rate: 1 })).toBe("1 of 1 sent application answered (100%).");
  });
  it("is plural for several", () => {
    expect(responseLine({ applied: 3, responded: 1, rate: 1 / 3 })).toBe("1 of 3 sent applications answered (33%).");
  });
  it("agrees in French too (Intl puts a no-break space before %)", () => {
    locale.value = "fr";
    expect(responseLine({ applied: 1, responded: 0, rate: 0 })).toBe("Avec réponse : 0 sur 1 candidature envoyée (0\u00a0%).");
    expect(responseLine({ applied: 2, responded: 1, rate: 0.5 })).toBe("Avec réponse : 1 sur 2 candidatures envoyées (50\u00a0%).");
  });
});
