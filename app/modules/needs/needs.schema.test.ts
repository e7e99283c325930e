import { describe, expect, it } from "vitest";
import { NeedFormSchema } from "./needs.schema";

const base = {
  title: "苹果树腐烂病防治",
  description: "果园 50 亩，近两年腐烂病发病严重，希望专家指导刮治和药剂防治。",
  industry: "PLANTING",
  countyCode: "410328",
  arrangements: "TECH_CONTRACT",
};

const issues = (input: Record<string, unknown>) =>
  Object.fromEntries(
    (NeedFormSchema.safeParse(input).error?.issues ?? []).map((issue) => [
      issue.path.join("."),
      issue.message,
    ]),
  );

describe("NeedFormSchema", () => {
  it("reads one checked box as a list and amounts in yuan as fen", () => {
    const parsed = NeedFormSchema.parse({ ...base, budgetMin: "1,000.5", budgetMax: "2000" });
    expect(parsed.arrangements).toEqual(["TECH_CONTRACT"]);
    expect([parsed.budgetMin, parsed.budgetMax]).toEqual([100_050, 200_000]);
  });

  it("refuses a seventh photo and a photo over 8 MB before anything is uploaded", () => {
    const photo = () => new File([new Uint8Array(10)], "p.jpg", { type: "image/jpeg" });
    expect(issues({ ...base, photos: Array.from({ length: 7 }, photo) })).toMatchObject({
      photos: "needs.errors.photos_too_many",
    });
    const big = new File([new Uint8Array(8 * 1024 * 1024 + 1)], "big.jpg", { type: "image/jpeg" });
    expect(issues({ ...base, photos: [big] })).toMatchObject({ photos: "needs.errors.photo_too_large" });
  });

  it("ignores an empty file input", () => {
    expect(NeedFormSchema.parse({ ...base, photos: new File([], "") }).photos).toEqual([]);
  });

  it("refuses a deadline in the past and a budget range upside down", () => {
    expect(issues({ ...base, deadline: "2020-01-01", budgetMin: "500", budgetMax: "100" })).toMatchObject({
      deadline: "needs.errors.deadline",
      budgetMax: "needs.errors.budget_order",
    });
  });
});
