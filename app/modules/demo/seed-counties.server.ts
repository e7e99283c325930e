import { createHash } from "node:crypto";
import type { Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";

const HOUR_MS = 60 * 60 * 1000;
/** The titles the county officer's demo (and its browser test) look for. */
export const DEMO_PRESCREEN_TITLE = "协心村香菇菌渣循环利用示范";
export const DEMO_COUNTY_TRIAGE_TITLE = "核桃树黑斑病防治";
/** The claim code of the demo proxy need below (claim with 13800000098). */
const DEMO_COUNTY_CLAIM_CODE = "135790";

/**
 * Demo rows for the county officer of 栾川县 (county@demo.xiangke.cn): an application of the demo
 * cooperative to the open post-subsidy programme, waiting for the county's pre-screening, and a
 * need the demo informant posted for a farmer, unanswered for sixty hours so it sits in the
 * county's triage queue. Call inside the demo seed's transaction, after the programmes and the
 * informant exist.
 */
export async function seedCountyOfficerDemo(
  tx: Tx,
  ids: { coopOrganisationId: string; villageHeadId: string; informantId: string },
  now = new Date(),
) {
  const programme = await tx.programme.findFirst({
    where: { kind: "POST_SUBSIDY", status: "OPEN" },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  if (programme) {
    const application = await tx.programmeApplication.create({
      data: {
        programmeId: programme.id,
        organisationId: ids.coopOrganisationId,
        applicantId: ids.villageHeadId,
        title: DEMO_PRESCREEN_TITLE,
        summary:
          "把香菇菌棒出菇后的菌渣加工成有机肥，用在合作社的核桃园和蔬菜地，减少菌渣随意堆放，带动 30 户社员增收。",
        countyCode: "410324",
        industry: "PLANTING",
        requestedFen: 6_000_000,
        createdAt: new Date(now.getTime() - 5 * 24 * HOUR_MS),
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "demo.seeded",
      subjectType: "ProgrammeApplication",
      subjectId: application.id,
    });
  }

  const need = await tx.need.create({
    data: {
      title: DEMO_COUNTY_TRIAGE_TITLE,
      description: "孙大娘家二十亩核桃树叶子和青皮上长黑斑，果子早落，想请专家来看看怎么打药、怎么修剪。",
      industry: "PLANTING",
      countyCode: "410324",
      village: "陶湾镇协心村",
      budgetMaxFen: 300_000,
      urgency: "NORMAL",
      arrangements: ["PAID_SERVICE"],
      status: "OPEN",
      createdAt: new Date(now.getTime() - 61 * HOUR_MS),
      publishedAt: new Date(now.getTime() - 60 * HOUR_MS),
      postedById: ids.informantId,
    },
    select: { id: true },
  });
  await tx.proxyPosting.create({
    data: {
      needId: need.id,
      informantId: ids.informantId,
      farmerName: "孙大娘",
      farmerPhone: "+8613800000098",
      consentMethod: "IN_PERSON",
      consentNote: "见证人：村会计 王秀兰",
      consentAt: new Date(now.getTime() - 62 * HOUR_MS),
      createdAt: new Date(now.getTime() - 61 * HOUR_MS),
      claimCodeHash: createHash("sha256").update(`${need.id}:${DEMO_COUNTY_CLAIM_CODE}`).digest("hex"),
    },
  });
  await recordAudit(tx, { actorId: null, action: "demo.seeded", subjectType: "Need", subjectId: need.id });
}
