import type { Tx } from "~/db.server";
import { luoyangYear } from "~/utils/dates";
import { recordAudit } from "~/modules/audit/audit.server";
import { CLEARING, ensureAccount, programmeAccountId, transfer } from "~/modules/ledger/ledger.server";
import { DAY, type DemoTimeline } from "./demo-timeline";

/**
 * The bureau's side of the demo: two open funding calls with their budgets in the ledger, the
 * demo space recognised as a Star Innovation Space, one designated creative-agriculture
 * demonstration, so the programme pages, the directory and the dashboard show something.
 */
export async function seedSupervisionDemo(
  tx: Tx,
  ids: { bureauUserId: string; spaceOrganisationId: string; coopOrganisationId: string },
  time: DemoTimeline,
) {
  const { now, callsOpenedAt } = time;
  const year = luoyangYear(now);
  const deadline = new Date(now.getTime() + 60 * DAY);
  const programmes = [
    {
      kind: "POST_SUBSIDY" as const,
      title: `${year} 年特色产业科技扶贫项目后补助`,
      description:
        "对已完成并通过绩效考评的农村科技产业化项目给予后补助。申报单位须为贫困县区的农民专业合作社、家庭农场或村集体，项目已与高校、科研院所或科技特派员签订技术协议。",
      budgetFen: 50_000_000,
      maxAwardFen: 10_000_000,
      eligibleCounties: ["410324", "410325", "410326", "410328", "410327", "410329", "410323"],
      eligibleIndustries: [],
      eligibleOrgTypes: ["COOPERATIVE", "FAMILY_FARM", "VILLAGE_COMMITTEE", "LARGE_GROWER"] as const,
    },
    {
      kind: "GRANT" as const,
      title: `${year} 年“星创天地”建设资助`,
      description: "资助星创天地建设创业实训基地、检测平台和线上服务平台，立项后一次拨付。",
      budgetFen: 30_000_000,
      maxAwardFen: 15_000_000,
      eligibleCounties: [],
      eligibleIndustries: [],
      eligibleOrgTypes: ["STAR_SPACE"] as const,
    },
  ];
  for (const { eligibleOrgTypes, ...programme } of programmes) {
    const created = await tx.programme.create({
      data: {
        ...programme,
        eligibleOrgTypes: [...eligibleOrgTypes],
        year,
        deadline,
        status: "OPEN",
        // Drafted a few days before the call opened.
        createdAt: new Date(callsOpenedAt.getTime() - 3 * DAY),
        publishedAt: callsOpenedAt,
        createdById: ids.bureauUserId,
      },
      select: { id: true },
    });
    const account = await ensureAccount(tx, { id: programmeAccountId(created.id), kind: "PROGRAMME" });
    await transfer(tx, {
      from: CLEARING,
      to: account,
      amountFen: programme.budgetFen,
      reason: "PROGRAMME_BUDGET",
      actorId: ids.bureauUserId,
      memo: programme.title,
    });
    await recordAudit(tx, {
      actorId: null,
      action: "demo.seeded",
      subjectType: "Programme",
      subjectId: created.id,
    });
  }
  await tx.spaceProfile.create({
    data: {
      organisationId: ids.spaceOrganisationId,
      level: "CITY",
      recognisedAt: time.ago(200),
      recognisedById: ids.bureauUserId,
      host: "嵩县伊河农业科技园区",
      areaSqm: 3200,
      latitude: 34.134,
      longitude: 112.085,
      openingHours: "周一至周六 8:30–17:30",
    },
  });
  const site = await tx.demoSite.create({
    data: {
      name: "栾川县协心村香菇文化创意农业示范园",
      type: "CULTURAL_CREATIVE",
      countyCode: "410324",
      village: "陶湾镇协心村",
      organisationId: ids.coopOrganisationId,
      description:
        "把香菇种植、菌棒制作体验、山地民宿和农产品品牌结合起来，游客可以参观菇棚、采摘、在合作社直播间选购。",
      areaMu: 120,
      status: "DESIGNATED",
      createdAt: time.ago(150),
      designatedAt: time.ago(120),
      createdById: ids.bureauUserId,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId: null,
    action: "demo.seeded",
    subjectType: "DemoSite",
    subjectId: site.id,
  });
}
