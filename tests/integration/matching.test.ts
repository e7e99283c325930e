import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { recommendForNeed, recommendNeedsForExpert, sharedTerms } from "~/modules/matching/matching.server";
import { createNeed } from "~/modules/needs/needs.server";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { rebuildIndexes } from "~/modules/search/indexer.server";
import { useTestDatabase } from "../support/database";
import { createExpert, createVillage, meta, needFields } from "../support/needs-factories";

useTestDatabase();

async function expertWithProfile(data: {
  specialties: string;
  fields: string[];
  counties: string[];
  commissioner?: boolean;
  verified?: boolean;
}) {
  const expert = await createExpert({ verified: data.verified ?? true });
  await db.expertProfile.create({
    data: {
      userId: expert.id,
      title: "研究员",
      specialties: data.specialties,
      fields: data.fields,
      countiesServed: data.counties,
      isCommissioner: data.commissioner ?? false,
    },
  });
  return expert;
}

let needId: string;
let mushroomExpert: string;
let fruitExpert: string;
let farAwayMushroomExpert: string;

beforeAll(async () => {
  const { organisation, head } = await createVillage();
  ({ id: needId } = await createNeed({
    actor: head,
    organisationId: organisation.id,
    fields: needFields({
      title: "香菇菌棒绿霉污染防治",
      countyCode: "410324",
      industry: "PLANTING",
      arrangements: ["TECH_CONTRACT"],
    }),
    photos: [],
    publish: true,
    meta,
  }));
  mushroomExpert = (
    await expertWithProfile({
      specialties: "香菇 木耳 菌棒 污染防治",
      fields: ["PLANTING"],
      counties: ["410324"],
      commissioner: true,
    })
  ).id;
  farAwayMushroomExpert = (
    await expertWithProfile({ specialties: "香菇 菌种选育", fields: ["PLANTING"], counties: ["410311"] })
  ).id;
  fruitExpert = (
    await expertWithProfile({ specialties: "苹果 修剪 病虫害", fields: ["PLANTING"], counties: ["410328"] })
  ).id;
  await rebuildIndexes(getSearchEngine());
});

describe("recommendations for a need", () => {
  it("puts the expert who knows the topic and serves the county first, and says why", async () => {
    const { experts } = await recommendForNeed(needId);
    expect(experts[0].id).toBe(mushroomExpert);
    expect(experts[0].reasons.map((reason) => reason.kind)).toEqual(
      expect.arrayContaining(["terms", "industry", "county", "verified", "commissioner"]),
    );
    expect(experts[0].reasons.find((reason) => reason.kind === "terms")).toMatchObject({
      terms: expect.arrayContaining(["香菇"]),
    });
    const ranked = experts.map((expert) => expert.id);
    expect(ranked.indexOf(mushroomExpert)).toBeLessThan(ranked.indexOf(farAwayMushroomExpert));
    if (ranked.includes(fruitExpert))
      expect(ranked.indexOf(farAwayMushroomExpert)).toBeLessThan(ranked.indexOf(fruitExpert));
  });
});

describe("recommendations for an expert", () => {
  it("suggests open needs in the expert's field and counties, not ones already applied to", async () => {
    const needs = await recommendNeedsForExpert(mushroomExpert);
    expect(needs[0]).toMatchObject({ id: needId });
    expect(needs[0].reasons.map((reason) => reason.kind)).toEqual(
      expect.arrayContaining(["terms", "industry", "county"]),
    );
    await db.application.create({
      data: {
        needId,
        expertId: mushroomExpert,
        approach: "现场诊断并调整灭菌流程",
        timeline: "两周",
        arrangement: "TECH_CONTRACT",
        priceFen: 100_000,
      },
    });
    expect((await recommendNeedsForExpert(mushroomExpert)).map((need) => need.id)).not.toContain(needId);
  });

  it("names the words two texts share, a dictionary term whole rather than its parts", () => {
    // 菌棒污染 is one term of the search dictionary, so it is named once, not as 菌棒 and 污染.
    expect(sharedTerms("香菇菌棒污染防治", "菌棒污染与香菇栽培").sort()).toEqual(["菌棒污染", "香菇"].sort());
    // Words that say nothing of the subject are never given as a reason.
    expect(sharedTerms("可以提供技术指导服务", "专家可以提供技术服务")).toEqual([]);
  });
});
