import { db } from "~/db.server";
import { grantSensitiveConsent } from "~/modules/privacy/consents.server";
import { appointInformant, postForFarmer } from "~/modules/reach/informants.server";
import { actorOf, createBureau, createVillage, meta, needFields } from "./needs-factories";
import { createUser, uniquePhone } from "./factories";

/** A farmer account appointed as informant for Luanchuan (410324). */
export async function createInformant() {
  const bureau = await createBureau();
  const user = await createUser({ role: "FARMER", displayName: "信息员老李" });
  await appointInformant(
    bureau,
    { identifier: { kind: "phone", value: user.phone! }, countyCode: "410324", villages: ["庙子村"] },
    meta,
  );
  // An informant records farmers' consent by voice: they have agreed to voice notes themselves.
  await grantSensitiveConsent({ userId: user.id, purpose: "VOICE" });
  return { bureau, informant: await actorOf(user.id) };
}

/** A need an informant posted for a farmer, with the code shown to the informant. */
export async function createProxyNeed(options: { farmerPhone?: string } = {}) {
  const { informant, bureau } = await createInformant();
  const farmerPhone = options.farmerPhone ?? uniquePhone();
  const posted = await postForFarmer(informant, {
    fields: needFields(),
    photos: [],
    farmerName: "张大娘",
    farmerPhone,
    consentMethod: "IN_PERSON",
    consentNote: "见证人 村会计王某",
    meta,
  });
  return { ...posted, informant, bureau, farmerPhone };
}

/** Sets when a need was published (queue and response-time tests move time back). */
export async function publishedHoursAgo(needId: string, hours: number, now = new Date()) {
  await db.need.update({
    where: { id: needId },
    data: { publishedAt: new Date(now.getTime() - hours * 3_600_000) },
  });
}

/** A verified village organisation's open need, published `hours` ago. */
export async function createOpenNeed({
  hours = 72,
  county = "410324",
  urgency = "NORMAL",
  poverty = false,
}: { hours?: number; county?: string; urgency?: string; poverty?: boolean } = {}) {
  const { organisation, head } = await createVillage();
  if (poverty)
    await db.organisation.update({ where: { id: organisation.id }, data: { povertyVillageAt: new Date() } });
  const need = await db.need.create({
    data: { ...dbNeed(county, urgency), organisationId: organisation.id, postedById: head.id },
    select: { id: true },
  });
  await publishedHoursAgo(need.id, hours);
  return { need, organisation, head };
}

function dbNeed(countyCode: string, urgency: string) {
  return {
    title: "核桃树腐烂病防治",
    description: "村里三百亩核桃树出现腐烂病，想请专家来看看怎么治。",
    industry: "PLANTING",
    countyCode,
    arrangements: ["PAID_SERVICE" as const],
    urgency: urgency as "NORMAL",
    status: "OPEN" as const,
  };
}

/** An application to a need, created `hoursAfter` its publishing. */
export async function applyAfter(needId: string, hoursAfter: number) {
  const need = await db.need.findUniqueOrThrow({ where: { id: needId }, select: { publishedAt: true } });
  const expert = await createUser({ role: "EXPERT" });
  await db.application.create({
    data: {
      needId,
      expertId: expert.id,
      approach: "现场诊断后给出防治方案",
      timeline: "两周",
      arrangement: "PAID_SERVICE",
      priceFen: 300_000,
      createdAt: new Date(need.publishedAt!.getTime() + hoursAfter * 3_600_000),
    },
  });
}
