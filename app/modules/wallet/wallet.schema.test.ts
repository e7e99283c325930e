import { describe, expect, it } from "vitest";
import { parseYuanAmount } from "./wallet.schema";

describe("parseYuanAmount", () => {
  it("reads yuan as people type them into integer fen", () => {
    expect(parseYuanAmount("12")).toEqual({ fen: 1_200 });
    expect(parseYuanAmount(" ¥1,234.5 ")).toEqual({ fen: 123_450 });
    expect(parseYuanAmount("0.01")).toEqual({ fen: 1 });
    expect(parseYuanAmount("1.500")).toEqual({ fen: 150 });
    expect(parseYuanAmount("10000000")).toEqual({ fen: 1_000_000_000 });
  });

  it("names what is wrong", () => {
    expect(parseYuanAmount("-5")).toEqual({ error: "ledger.errors.amount_positive" });
    expect(parseYuanAmount("0")).toEqual({ error: "ledger.errors.amount_positive" });
    expect(parseYuanAmount("0.00")).toEqual({ error: "ledger.errors.amount_positive" });
    expect(parseYuanAmount("1.005")).toEqual({ error: "ledger.errors.amount_fraction" });
    expect(parseYuanAmount("10000000.01")).toEqual({ error: "ledger.errors.amount_too_large" });
    expect(parseYuanAmount("99999999999999999999")).toEqual({ error: "ledger.errors.amount_too_large" });
    expect(parseYuanAmount("一百")).toEqual({ error: "ledger.errors.amount_invalid" });
    expect(parseYuanAmount("")).toEqual({ error: "ledger.errors.amount_invalid" });
    expect(parseYuanAmount("1e5")).toEqual({ error: "ledger.errors.amount_invalid" });
  });

  it("takes zero and losses when signed", () => {
    expect(parseYuanAmount("0", { signed: true })).toEqual({ fen: 0 });
    expect(parseYuanAmount("-1,000.5", { signed: true })).toEqual({ fen: -100_050 });
    expect(parseYuanAmount("-1.001", { signed: true })).toEqual({ error: "ledger.errors.amount_fraction" });
  });
});
