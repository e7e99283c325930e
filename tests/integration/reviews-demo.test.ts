import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { AgreementTerms } from "~/modules/agreements/terms";
import { seedReviewsDemo } from "~/modules/demo/seed-reviews.server";
import { reviewsFor } from "~/modules/reviews/reviews.queries.server";
import { useTestDatabase } from "../support/database";
import { createExpert, createVillage } from "../support/needs-factories";

useTestDatabase();

describe("the reviews demo", () => {
  it("leaves a completed agreement with valid terms and two published reviews, one replied to", async () => {
    const { organisation, head } = await createVillage();
    const expert = await createExpert();
    const { agreementId } = await db.$transaction((tx) =>
      seedReviewsDemo(
        tx,
        { coopOrganisationId: organisation.id, villageHeadId: head.id, expertId: expert.id },
        new Date(),
      ),
    );
    const version = await db.agreementVersion.findFirstOrThrow({
      where: { agreementId },
      select: { terms: true },
    });
    expect(AgreementTerms.safeParse(version.terms).success).toBe(true);
    expect((await reviewsFor({ userId: expert.id })).items).toMatchObject([
      { rating: 5, reply: expect.stringContaining("感谢") },
    ]);
    expect((await reviewsFor({ organisationId: organisation.id })).total).toBe(1);
  });
});
