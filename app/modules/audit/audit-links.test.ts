import { describe, expect, it } from "vitest";
import { subjectHref } from "./audit-links";

describe("subjectHref", () => {
  it("links subject types that have a page", () => {
    expect(subjectHref("Need", "n1")).toBe("/needs/n1");
    expect(subjectHref("Offer", "o1")).toBe("/offers/o1");
    expect(subjectHref("Agreement", "a1")).toBe("/agreements/a1");
    expect(subjectHref("SpaceService", "s1")).toBe("/services/s1");
    expect(subjectHref("Organisation", "g1")).toBe("/orgs/g1");
  });

  it("gives no link for other types and escapes the id", () => {
    expect(subjectHref("User", "u1")).toBeNull();
    expect(subjectHref("toString", "x")).toBeNull();
    expect(subjectHref("Need", "a/b?c")).toBe("/needs/a%2Fb%3Fc");
  });
});
