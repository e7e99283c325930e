import { describe, expect, it } from "vitest";
import { compactJson, diffKeys, sameJson } from "./diff";

describe("diffKeys", () => {
  it("lists only the keys whose values changed, in before's order then after's new keys", () => {
    const before = { status: "OPEN", title: "苹果套袋", budgetFen: 100_000, county: "410324" };
    const after = { title: "苹果套袋", status: "CLOSED", county: "410324", closedAt: "2026-03-01" };
    expect(diffKeys(before, after)).toEqual([
      { key: "status", before: "OPEN", after: "CLOSED" },
      { key: "budgetFen", before: 100_000, after: undefined },
      { key: "closedAt", before: undefined, after: "2026-03-01" },
    ]);
  });

  it("compares nested values by content, not by key order or identity", () => {
    expect(diffKeys({ terms: { a: 1, b: [1, { c: 2 }] } }, { terms: { b: [1, { c: 2 }], a: 1 } })).toEqual(
      [],
    );
    expect(diffKeys({ terms: { a: 1, b: [1, 2] } }, { terms: { a: 1, b: [2, 1] } })).toEqual([
      { key: "terms", before: { a: 1, b: [1, 2] }, after: { a: 1, b: [2, 1] } },
    ]);
  });

  it("tells a null value from an absent key", () => {
    expect(diffKeys({ note: null }, {})).toEqual([{ key: "note", before: null, after: undefined }]);
    expect(diffKeys({ note: null }, { note: null })).toEqual([]);
  });

  it("treats a missing side as empty, so a creation lists every key and a no-op nothing", () => {
    expect(diffKeys(null, { status: "DRAFT" })).toEqual([
      { key: "status", before: undefined, after: "DRAFT" },
    ]);
    expect(diffKeys({ status: "DRAFT" }, undefined)).toEqual([
      { key: "status", before: "DRAFT", after: undefined },
    ]);
    expect(diffKeys(null, null)).toEqual([]);
  });

  it('compares values that are not both objects whole, under the key ""', () => {
    expect(diffKeys("OPEN", "CLOSED")).toEqual([{ key: "", before: "OPEN", after: "CLOSED" }]);
    expect(diffKeys([1], { a: 1 })).toEqual([{ key: "", before: [1], after: { a: 1 } }]);
    expect(diffKeys(null, 5)).toEqual([{ key: "", before: undefined, after: 5 }]);
    expect(diffKeys([1, 2], [1, 2])).toEqual([]);
  });
});

describe("sameJson", () => {
  it("is false for values of different shapes", () => {
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson("1", 1)).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});

describe("compactJson", () => {
  it("writes JSON without spaces and an absent value as an empty string", () => {
    expect(compactJson({ a: [1, "二"], b: null })).toBe('{"a":[1,"二"],"b":null}');
    expect(compactJson(null)).toBe("null");
    expect(compactJson(undefined)).toBe("");
  });
});
