import { describe, expect, it } from "vitest";
import { wellFormedText, wellFormedValues } from "./well-formed-text";

describe("wellFormedText", () => {
  it("removes NUL characters", () => {
    expect(wellFormedText("香菇\u0000控温\u0000")).toBe("香菇控温");
  });

  it("replaces lone surrogates and keeps surrogate pairs", () => {
    expect(wellFormedText("abc\ud800def")).toBe("abc\ufffddef");
    expect(wellFormedText("\udc00x")).toBe("\ufffdx");
    expect(wellFormedText("鸡😀")).toBe("鸡😀");
  });

  it("cleans strings inside plain objects and arrays, and leaves other objects alone", () => {
    const date = new Date(0);
    expect(wellFormedValues({ a: ["x\u0000", { b: "\ud800" }], date, n: 1 })).toEqual({
      a: ["x", { b: "\ufffd" }],
      date,
      n: 1,
    });
  });

  it("returns a value with nothing to change as it is, without copying", () => {
    const args = { where: { id: "abc" }, data: { title: ["鸡😀", "番茄"] } };
    expect(wellFormedValues(args)).toBe(args);
  });
});
