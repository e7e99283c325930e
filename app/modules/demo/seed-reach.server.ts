import { createHash } from "node:crypto";
import type { Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** The demo informant's printed login (password: the demo password) and the demo claim code. */
export const DEMO_INFORMANT_LOGIN = "informant@demo.xiangke.cn";
export const DEMO_CLAIM_CODE = "246810";

/**
 * Demo rows for informants, triage and poverty villages: one informant (a farmer account), one
 * need they posted for a farmer (claim with 13800000099 and DEMO_CLAIM_CODE), the cooperative
 * marked as a poverty village, one of its needs sitting unanswered in the triage queue for three
 * days, and a triage setting for Luanchuan. Call inside the demo seed's transaction.
 */
export async function seedReach(
  tx: Tx,
  ids: { passwordHash: string; bureauUserId: string; villageUserId: string; cooperativeId: string },
  now = new Date(),
) {
  const informant = await tx.user.create({
    data: {
      email: DEMO_INFORMANT_LOGIN,
      displayName: "赵红梅（信息员）",
      passwordHash: ids.passwordHash,
      primaryRole: "FARMER",
      countyCode: "410324",
      createdAt: new Date(now.getTime() - 100 * DAY_MS),
      passwordChangedAt: new Date(now.getTime() - 100 * DAY_MS),
      verifiedAt: new Date(now.getTime() - 99 * DAY_MS),
    },
    select: { id: true },
  });
  await tx.informant.create({
    data: {
      appointedAt: new Date(now.getTime() - 90 * DAY_MS),
      userId: informant.id,
      countyCode: "410324",
      villages: ["陶湾镇协心村", "庙子镇庙子村"],
      appointedById: ids.bureauUserId,
    },
  });

  const proxyNeed = await tx.need.create({
    data: {
      title: "土鸡养殖鸡瘟预防",
      description: "刘大爷家散养土鸡三百只，去年秋天死了一批，想请兽医专家讲讲怎么打疫苗、怎么消毒鸡舍。",
      industry: "BREEDING",
      countyCode: "410324",
      village: "庙子镇庙子村",
      budgetMaxFen: 200_000,
      urgency: "HIGH",
      arrangements: ["PAID_SERVICE"],
      status: "OPEN",
      createdAt: new Date(now.getTime() - 21 * HOUR_MS),
      publishedAt: new Date(now.getTime() - 20 * HOUR_MS),
      postedById: informant.id,
    },
    select: { id: true },
  });
  await tx.proxyPosting.create({
    data: {
      needId: proxyNeed.id,
      informantId: informant.id,
      farmerName: "刘大爷",
      farmerPhone: "+8613800000099",
      consentMethod: "IN_PERSON",
      consentNote: "见证人：村会计 王秀兰",
      // The farmer agreed in person before the informant posted for him.
      consentAt: new Date(now.getTime() - 22 * HOUR_MS),
      createdAt: new Date(now.getTime() - 21 * HOUR_MS),
      claimCodeHash: createHash("sha256").update(`${proxyNeed.id}:${DEMO_CLAIM_CODE}`).digest("hex"),
    },
  });

  await tx.organisation.update({
    where: { id: ids.cooperativeId },
    data: { povertyVillageAt: now, povertyVillageById: ids.bureauUserId },
  });
  await tx.need.create({
    data: {
      title: "香菇烘干房温度控制改造",
      description: "合作社的两间烘干房温度忽高忽低，香菇烘出来颜色不匀，想找人帮忙改成自动控温。",
      industry: "AGRI_PROCESSING",
      countyCode: "410324",
      village: "陶湾镇协心村",
      budgetMinFen: 1_000_000,
      budgetMaxFen: 3_000_000,
      arrangements: ["TECH_CONTRACT", "PAID_SERVICE"],
      status: "OPEN",
      createdAt: new Date(now.getTime() - 74 * HOUR_MS),
      publishedAt: new Date(now.getTime() - 72 * HOUR_MS),
      organisationId: ids.cooperativeId,
      postedById: ids.villageUserId,
    },
  });
  await tx.triageSetting.create({
    data: { countyCode: "410324", afterHours: 48, targetHours: 72, updatedById: ids.bureauUserId },
  });
  await recordAudit(tx, {
    actorId: null,
    action: "demo.seeded",
    subjectType: "User",
    subjectId: informant.id,
  });
  return { informantId: informant.id, proxyNeedId: proxyNeed.id };
}
