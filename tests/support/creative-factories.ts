import { db } from "~/db.server";
import type { DemoSiteFields } from "~/modules/creative/creative.schema";
import { createOrganisation } from "./factories";
import { actorOf, createExpert, createVillage } from "./needs-factories";

/** An open branding request of a cooperative, posted by its head. */
export async function createBrandingNeed({ kind = "BRANDING" as "BRANDING" | "TECHNICAL" } = {}) {
  const { organisation, head } = await createVillage();
  const need = await db.need.create({
    data: {
      kind,
      organisationId: organisation.id,
      postedById: head.id,
      title: "嵩县香菇品牌打造",
      description: "为合作社的香菇设计品牌、申请商标并上架电商。",
      industry: "PLANTING",
      countyCode: "410325",
      status: "OPEN",
      publishedAt: new Date(),
      productName: "嵩县香菇",
      origin: "嵩县白河镇",
      story: "深山段木香菇，三代人的手艺。",
      brandServices: ["BRAND_DESIGN", "TRADEMARK"],
    },
    select: { id: true, countyCode: true },
  });
  return { need, organisation, head };
}

/** A verified expert affiliated with a university, whose application to the need was accepted. */
export async function acceptExpert(needId: string) {
  const university = await createOrganisation("UNIVERSITY");
  const expert = await createExpert();
  await db.expertProfile.create({
    data: { userId: expert.id, affiliationId: university.id },
    select: { userId: true },
  });
  await db.application.create({
    data: {
      needId,
      expertId: expert.id,
      approach: "调研后设计品牌",
      timeline: "三个月",
      arrangement: "PAID_SERVICE",
      priceFen: 2_000_000,
      status: "ACCEPTED",
      decidedAt: new Date(),
    },
    select: { id: true },
  });
  return { expert: await actorOf(expert.id), university };
}

export function demoFields(overrides: Partial<DemoSiteFields> = {}): DemoSiteFields {
  return {
    name: "重渡沟采摘园",
    type: "PICKING_GARDEN",
    countyCode: "410325",
    village: "重渡村",
    organisationId: null,
    description: "集采摘、研学和农家乐于一体的创意农业园区。",
    areaMu: 320,
    ...overrides,
  };
}
