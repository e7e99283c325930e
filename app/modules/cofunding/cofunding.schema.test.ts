import { describe, expect, it } from "vitest";
import { FundersActionSchema } from "./cofunding.schema";

const messagesOf = (input: unknown) => {
  const result = FundersActionSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("the payers form", () => {
  it("asks for a payer when no row is filled in", () => {
    expect(messagesOf({ intent: "set", unit: "yuan", payers: [{ account: "", amount: "" }] })).toEqual([
      "payers: cofunding.errors.payers_required",
    ]);
  });

  it("refuses a payer's share by itself, without also saying that no payer was filled in", () => {
    expect(
      messagesOf({ intent: "set", unit: "yuan", payers: [{ account: "wallet:org:a", amount: "一万" }] }),
    ).toEqual(["payers.0.amount: cofunding.errors.yuan_invalid"]);
  });

  it("takes shares typed in yuan as fen", () => {
    expect(
      FundersActionSchema.parse({
        intent: "set",
        unit: "yuan",
        payers: [{ account: "wallet:org:a", amount: "10000" }],
      }),
    ).toEqual({ intent: "set", unit: "yuan", payers: [{ accountId: "wallet:org:a", amount: 1_000_000 }] });
  });
});
