import { describe, expect, it } from "vitest";
import { DepositFormSchema, WithdrawalFormSchema, parseYuanAmount } from "./wallet.schema";

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

  it.each(["1,5", "1,50", "1.500,50"])(
    "refuses %s, which could mean two amounts, and shows the form",
    (raw) => {
      expect(parseYuanAmount(raw)).toEqual({ error: "errors.amount_format" });
    },
  );

  it("reads full-width digits and grouped thousands", () => {
    expect(parseYuanAmount("１５００")).toEqual({ fen: 150_000 });
    expect(parseYuanAmount("1 500")).toEqual({ fen: 150_000 });
    expect(parseYuanAmount("1,500.50")).toEqual({ fen: 150_050 });
  });

  it("never reads '1,5' in the withdrawal and deposit forms as 15 yuan", () => {
    const withdrawal = WithdrawalFormSchema.safeParse({
      accountId: "wallet:u1",
      amount: "1,5",
      bankName: "中国农业银行",
      accountName: "王社长",
      accountNumber: "6228480012345678",
      idempotencyKey: "0b7f1f8e-9b7a-4c1e-9f3a-2d5c6e7f8a9b",
    });
    const deposit = DepositFormSchema.safeParse({
      intent: "deposit",
      accountId: "wallet:u1",
      amount: "1,5",
      bankReference: "ABC12345",
      payerName: "王社长",
      idempotencyKey: "0b7f1f8e-9b7a-4c1e-9f3a-2d5c6e7f8a9b",
    });
    for (const result of [withdrawal, deposit]) {
      expect(result.success).toBe(false);
      expect(result.error?.issues.find((issue) => issue.path[0] === "amount")?.message).toBe(
        "errors.amount_format",
      );
    }
  });

  it("takes zero and losses when signed", () => {
    expect(parseYuanAmount("0", { signed: true })).toEqual({ fen: 0 });
    expect(parseYuanAmount("-1,000.5", { signed: true })).toEqual({ fen: -100_050 });
    expect(parseYuanAmount("-1.001", { signed: true })).toEqual({ error: "ledger.errors.amount_fraction" });
  });
});
