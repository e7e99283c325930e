import { describe, expect, it } from "vitest";
import { countyScopeOf, countyWhere, coversCounty } from "./county-scope";

const person = (
  primaryRole: "BUREAU" | "COUNTY" | "FINANCE" | "ADMIN" | "FARMER",
  countyCode: string | null,
) => ({
  primaryRole,
  countyCode,
  memberships: [],
});

describe("county scope", () => {
  it("gives city staff every county and a county officer only theirs", () => {
    expect(countyScopeOf(person("BUREAU", "410311"))).toEqual({ kind: "city" });
    expect(countyScopeOf(person("FINANCE", null))).toEqual({ kind: "city" });
    expect(countyScopeOf(person("ADMIN", null))).toEqual({ kind: "city" });
    const county = countyScopeOf(person("COUNTY", "410324"));
    expect(county).toEqual({ kind: "county", countyCode: "410324" });
    expect(coversCounty(county, "410324")).toBe(true);
    expect(coversCounty(county, "410325")).toBe(false);
    expect(coversCounty(county, null)).toBe(false);
    expect(countyWhere(county!)).toEqual({ countyCode: "410324" });
    expect(countyWhere({ kind: "city" })).toEqual({});
  });

  it("gives nobody else, nor a county officer without a county, any oversight", () => {
    expect(countyScopeOf(person("FARMER", "410324"))).toBeNull();
    expect(countyScopeOf(person("COUNTY", null))).toBeNull();
    expect(countyScopeOf(null)).toBeNull();
    expect(coversCounty(null, "410324")).toBe(false);
  });

  it("counts a bureau membership as city staff", () => {
    expect(
      countyScopeOf({ primaryRole: "FARMER", countyCode: null, memberships: [{ role: "BUREAU" }] }),
    ).toEqual({
      kind: "city",
    });
  });
});
