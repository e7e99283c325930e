import { getZodConstraint } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { InviteSchema, ProposeRevisionSchema, RevisionActionSchema } from "./negotiation.schema";

describe("the counter-offer form", () => {
  it("reads a price typed in yuan into fen and keeps the approach optional", () => {
    const parsed = ProposeRevisionSchema.parse({
      intent: "propose",
      timeline: "三周内完成",
      arrangement: "PAID_SERVICE",
      price: "8,800.5",
    });
    expect(parsed.price).toBe(880_050);
    expect(parsed.approach).toBeUndefined();
  });

  it("refuses a price that is not money and a note over 1000 characters", () => {
    const result = RevisionActionSchema.safeParse({
      intent: "propose",
      timeline: "三周内完成",
      arrangement: "PAID_SERVICE",
      price: "八千",
      note: "长".repeat(1001),
    });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["price", "needs.errors.money"],
      ["note", "negotiation.errors.note_length"],
    ]);
  });

  it("has constraints conform can read while the page renders", () => {
    expect(() => getZodConstraint(ProposeRevisionSchema)).not.toThrow();
  });
});

describe("the invite form", () => {
  it("takes one ticked box or several, and none is an error", () => {
    expect(InviteSchema.parse({ intent: "invite", expertIds: "a" }).expertIds).toEqual(["a"]);
    expect(InviteSchema.parse({ intent: "invite", expertIds: ["a", "b"] }).expertIds).toEqual(["a", "b"]);
    expect(InviteSchema.safeParse({ intent: "invite" }).error?.issues[0]?.message).toBe(
      "negotiation.errors.no_experts",
    );
  });
});
