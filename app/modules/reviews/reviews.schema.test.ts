import { describe, expect, it } from "vitest";
import { CRITERIA, reviewFormSchema } from "./reviews.schema";

describe("the review form", () => {
  it("asks each side for its own criteria", () => {
    const payer = reviewFormSchema("PAYER").safeParse({
      scores: { expertise: 5, communication: 4, timeliness: 3, results: 5 },
      rating: 4,
      text: "讲解清楚，效果明显，值得推荐。",
    });
    expect(payer.success).toBe(true);
    const wrongSide = reviewFormSchema("PAYEE").safeParse({
      scores: { expertise: 5, communication: 4, timeliness: 3, results: 5 },
      rating: 4,
      text: "讲解清楚，效果明显，值得推荐。",
    });
    expect(wrongSide.success).toBe(false);
    expect(CRITERIA.PAYEE).toEqual(["clarity", "cooperation", "payment", "communication"]);
  });

  it("refuses scores outside 1–5 and texts shorter than 10 characters", () => {
    const result = reviewFormSchema("PAYEE").safeParse({
      scores: { clarity: 0, cooperation: 6, payment: 2.5, communication: 3 },
      rating: 5,
      text: "太短了",
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(messages).toEqual(
      expect.arrayContaining([
        ["scores.clarity", "reviews.errors.score_required"],
        ["scores.cooperation", "reviews.errors.score_required"],
        ["scores.payment", "reviews.errors.score_required"],
        ["text", "reviews.errors.text_length"],
      ]),
    );
  });
});
