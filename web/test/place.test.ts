import { describe, expect, it } from "vitest";
import { placeParts } from "../src/state/place";

describe("where a posting is", () => {
  it("says company, locations and the remote type", () => {
    expect(placeParts({ company: "Acme", locations: ["Berlin", "Munich"], remoteType: "HYBRID" }, "Hybrid"))
      .toEqual(["Acme", "Berlin, Munich", "Hybrid"]);
  });

  it("does not repeat a remote type the location already says", () => {
    expect(placeParts({ company: "Acme", locations: ["Remote"], remoteType: "REMOTE" }, "Remote")).toEqual(["Acme", "Remote"]);
    expect(placeParts({ company: "Acme", locations: ["Remote - EU"], remoteType: "REMOTE" }, "Télétravail"))
      .toEqual(["Acme", "Remote - EU"]);
    expect(placeParts({ company: "Acme", locations: ["Paris (télétravail)"], remoteType: "REMOTE" }, "Télétravail"))
      .toEqual(["Acme", "Paris (télétravail)"]);
  });

  it("matches whole words only", () => {
    // "Remoteville" is a place, not the remote type.
    expect(placeParts({ company: "Acme", locations: ["Remoteville"], remoteType: "REMOTE" }, "Remote"))
      .toEqual(["Acme", "Remoteville", "Remote"]);
  });

  it("leaves out what is unknown", () => {
    expect(placeParts({ company: "Acme", locations: [], remoteType: null }, null)).toEqual(["Acme"]);
    expect(placeParts({ company: "Acme", locations: [], remoteType: "REMOTE" }, "Remote")).toEqual(["Acme", "Remote"]);
  });
});
