import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  recommendForNeed,
  recommendNeedsForExpert,
  reputationWeight,
} from "~/modules/matching/matching.server";
import { createNeed } from "~/modules/needs/needs.server";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { rebuildIndexes } from "~/modules/search/indexer.server";
import { useTestDatabase } from "../support/database";
import { createExpert, createVillage, meta, needFields } from "../support/needs-factories";
import { agreementBetween, reviewRow } from "../support/reviews-factories";

useTestDatabase();

async function expertWithProfile(specialties: string) {
  const expert = await createExpert();
  await db.expertProfile.create({
    data: {
      userId: expert.id,
      title: "研究员",
      specialties,
      fields: ["PLANTING"],
      countiesServed: ["410324"],
    },
  });
  return expert.id;
}

let needId: string;
let ratedExpert: string;
let unratedExpert: string;
let ordinaryNeed: string;
let povertyNeed: string;

beforeAll(async () => {
  const village = await createVillage();
  ({ id: needId } = await createNeed({
    actor: village.head,
    organisationId: village.organisation.id,
    fields: needFields({ title: "葡萄霜霉病防治", countyCode: "410324", industry: "PLANTING" }),
    photos: [],
    publish: true,
    meta,
  }));
  unratedExpert = await expertWithProfile("葡萄 霜霉病 防治");
  ratedExpert = await expertWithProfile("葡萄 霜霉病 防治");
  // Five published five-star reviews of completed work.
  for (let i = 0; i < 5; i += 1) {
    const agreement = await agreementBetween(
      { organisationId: village.organisation.id, headId: village.head.id },
      ratedExpert,
      "COMPLETED",
      new Date(Date.now() - 30 * 86_400_000),
    );
    await reviewRow(agreement.id, {
      authorSide: "PAYER",
      authorId: village.head.id,
      subjectUserId: ratedExpert,
      rating: 5,
      publishedAt: new Date(),
    });
  }

  // Two like needs for the unrated expert; one from a poverty village (建档立卡贫困村).
  const poor = await createVillage();
  await db.organisation.update({
    where: { id: poor.organisation.id },
    data: { povertyVillageAt: new Date() },
  });
  ({ id: ordinaryNeed } = await createNeed({
    actor: village.head,
    organisationId: village.organisation.id,
    fields: needFields({ title: "葡萄霜霉病防治指导", countyCode: "410324", industry: "PLANTING" }),
    photos: [],
    publish: true,
    meta,
  }));
  ({ id: povertyNeed } = await createNeed({
    actor: poor.head,
    organisationId: poor.organisation.id,
    fields: needFields({ title: "葡萄霜霉病防治指导", countyCode: "410324", industry: "PLANTING" }),
    photos: [],
    publish: true,
    meta,
  }));
  await rebuildIndexes(getSearchEngine());
});

describe("reputation in matching", () => {
  it("ranks a well-reviewed expert above an otherwise equal one and says why", async () => {
    const { experts } = await recommendForNeed(needId);
    const ids = experts.map((e) => e.id);
    expect(ids.indexOf(ratedExpert)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(ratedExpert)).toBeLessThan(ids.indexOf(unratedExpert));
    expect(experts.find((e) => e.id === ratedExpert)?.reasons).toContainEqual({
      kind: "reputation",
      average: 5,
      count: 5,
    });
    expect(experts.find((e) => e.id === unratedExpert)?.reasons.map((r) => r.kind)).not.toContain(
      "reputation",
    );
  });

  it("bounds the lift: nothing at three stars or without reviews, full weight only with five reviews", () => {
    expect(reputationWeight({ average: null, count: 0 })).toBe(0);
    expect(reputationWeight({ average: 3, count: 20 })).toBe(0);
    expect(reputationWeight({ average: 5, count: 1 })).toBeCloseTo(0.4);
    expect(reputationWeight({ average: 5, count: 50 })).toBe(2);
  });
});

describe("poverty village priority", () => {
  it("puts a poverty village's need above a like need and shows the reason", async () => {
    const needs = await recommendNeedsForExpert(unratedExpert);
    const ids = needs.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining([povertyNeed, ordinaryNeed]));
    expect(ids.indexOf(povertyNeed)).toBeLessThan(ids.indexOf(ordinaryNeed));
    expect(needs.find((n) => n.id === povertyNeed)?.reasons).toContainEqual({ kind: "poverty" });
    expect(needs.find((n) => n.id === ordinaryNeed)?.reasons.map((r) => r.kind) ?? []).not.toContain(
      "poverty",
    );
  });
});
