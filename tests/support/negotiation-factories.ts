import { ApplySchema } from "~/modules/applications/applications.schema";
import { applyToNeed } from "~/modules/applications/applications.server";
import { ProposeRevisionSchema, type RevisionInput } from "~/modules/negotiation/negotiation.schema";
import { createNeed } from "~/modules/needs/needs.server";
import { createExpert, createVillage, meta, needFields } from "./needs-factories";

/** A published need of a fresh cooperative (TECH_CONTRACT or PAID_SERVICE, ¥5,000–20,000). */
export async function openNeed(fields: Record<string, unknown> = {}, { publish = true } = {}) {
  const village = await createVillage();
  const { id } = await createNeed({
    actor: village.head,
    organisationId: village.organisation.id,
    fields: needFields(fields),
    photos: [],
    publish,
    meta,
  });
  return { ...village, needId: id };
}

export const proposal = (overrides: Record<string, string> = {}) =>
  ApplySchema.parse({
    intent: "apply",
    approach: "先到现场取样检测杂菌种类，再调整灭菌温度和接种室的消毒流程，并培训两名技术员。",
    timeline: "两周内到现场，一个月内完成",
    arrangement: "TECH_CONTRACT",
    price: "12000",
    ...overrides,
  });

/** A counter-offer as the form would send it, parsed by the real schema. */
export function counterOffer(overrides: Record<string, string> = {}): RevisionInput {
  const { intent: _intent, ...terms } = ProposeRevisionSchema.parse({
    intent: "propose",
    timeline: "三周内完成",
    arrangement: "PAID_SERVICE",
    price: "9000",
    ...overrides,
  });
  return terms;
}

/** An open need with one expert's submitted application. */
export async function applicationOnOpenNeed() {
  const need = await openNeed();
  const expert = await createExpert();
  const application = await applyToNeed({
    actor: expert,
    needId: need.needId,
    application: proposal(),
    meta,
  });
  return { ...need, expert, applicationId: application.id };
}
