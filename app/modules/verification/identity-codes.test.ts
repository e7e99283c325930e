import { describe, expect, it } from "vitest";
import { isValidCreditCode, isValidIdNumber, normaliseCode } from "./identity-codes";

describe("unified social credit codes", () => {
  it("accepts real codes, however they were typed", () => {
    expect(isValidCreditCode("91330100716105852F")).toBe(true);
    expect(isValidCreditCode("9144030071526726XG")).toBe(true);
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
    expect(isValidCreditCode("9144 0300 7152 6726 xg")).toBe(true);
  });

  it("refuses a wrong check character, a wrong length and letters outside the standard set", () => {
    expect(isValidCreditCode("91330100716105852E")).toBe(false);
    expect(isValidCreditCode("9133010071610585")).toBe(false);
    expect(isValidCreditCode("913301007161058520F")).toBe(false);
    // I, O, S, V and Z are not in the GB 32100 character set, even with a matching check digit.
    expect(isValidCreditCode("9O330100716105852F")).toBe(false);
    // Positions 3–8 are the administrative division code: digits only.
    expect(isValidCreditCode("91A30100716105852F")).toBe(false);
  });
});

describe("resident ID numbers", () => {
  it("checks the ISO 7064 check character, X included", () => {
    expect(isValidIdNumber("11010519491231002X")).toBe(true);
    expect(isValidIdNumber("11010519491231002x")).toBe(true);
    expect(isValidIdNumber("110105194912310021")).toBe(false);
    expect(isValidIdNumber("1101051949123100")).toBe(false);
  });

  it("normalises spaces and case", () => {
    expect(normaliseCode(" 1101 0519 4912 3100 2x ")).toBe("11010519491231002X");
  });
});
