import type { Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { CLEARING, ensureAccount, programmeAccountId, transfer } from "~/modules/ledger/ledger.server";
import { approveRequestedPlan, recordRequestedPlan } from "~/modules/monitoring/monitoring.server";
import { luoyangYear } from "~/utils/dates";
import type { DemoTimeline } from "./demo-timeline";

export const MONITORED_PROJECT_TITLE = "协心村香菇菌棒标准化生产示范";

/**
 * A funded project of the demo cooperative to monitor: a closed grant call it won a hundred days
 * ago, with its budget by line (asked 80,000 yuan, approved 60,000, scaled), so its first
 * quarterly report is due now and the plan, change request and report pages have something real.
 */
export async function seedMonitoringDemo(
  tx: Tx,
  ids: { bureauUserId: string; coopOrganisationId: string; villageHeadId: string },
  time: DemoTimeline,
) {
  const budgetFen = 20_000_000;
  const programme = await tx.programme.create({
    data: {
      kind: "GRANT",
      year: luoyangYear(time.now),
      title: `${luoyangYear(time.now)} 年科技特派员服务产业示范项目资助`,
      description: "资助科技特派员与合作社共同实施的产业示范项目，立项后按季度报送进度，接受实地核查。",
      budgetFen,
      maxAwardFen: 10_000_000,
      eligibleCounties: [],
      eligibleIndustries: [],
      eligibleOrgTypes: [],
      deadline: time.ago(160),
      status: "CLOSED",
      createdAt: time.ago(230),
      publishedAt: time.ago(226),
      createdById: ids.bureauUserId,
    },
    select: { id: true },
  });
  const account = await ensureAccount(tx, { id: programmeAccountId(programme.id), kind: "PROGRAMME" });
  await transfer(tx, {
    from: CLEARING,
    to: account,
    amountFen: budgetFen,
    reason: "PROGRAMME_BUDGET",
    actorId: ids.bureauUserId,
    memo: "科技特派员服务产业示范项目资助",
  });
  const summary = "建设香菇菌棒灭菌、接种标准化生产线，培训 40 户农户，菌棒污染率降到 5% 以下。";
  const application = await tx.programmeApplication.create({
    data: {
      programmeId: programme.id,
      organisationId: ids.coopOrganisationId,
      applicantId: ids.villageHeadId,
      title: MONITORED_PROJECT_TITLE,
      summary,
      countyCode: "410324",
      industry: "PLANTING",
      requestedFen: 8_000_000,
      approvedFen: 6_000_000,
      status: "APPROVED",
      decidedById: ids.bureauUserId,
      decidedAt: time.ago(100),
      decisionNote: "同意立项，按季度报送进度报告",
      createdAt: time.ago(180),
    },
    select: { id: true },
  });
  // Approval needs the programme's two valid scores, so the project carries the ones it was approved on.
  const reviewers = await tx.user.findMany({
    where: { primaryRole: "BUREAU" },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 2,
  });
  await tx.programmeReview.createMany({
    data: reviewers.map((reviewer, index) => ({
      applicationId: application.id,
      reviewerId: reviewer.id,
      score: 80 + index * 5,
      comment: "示范带动明确，预算偏高，建议核减设备费。",
      createdAt: time.ago(120),
    })),
  });
  await recordRequestedPlan(tx, application.id, {
    budgetLines: [
      { category: "EQUIPMENT", amountFen: 5_000_000 },
      { category: "MATERIALS", amountFen: 2_000_000 },
      { category: "MEETINGS", amountFen: 1_000_000 },
    ],
    team: ["赵建国", "王秀英"],
    suppliers: ["栾川县丰收农资店", "洛阳食用菌机械厂"],
    scope: summary,
    requestedFen: 8_000_000,
  });
  await approveRequestedPlan(tx, application.id, 6_000_000);
  // Version 0 was asked for with the application, version 1 approved with it.
  for (const [version, at] of [
    [0, time.ago(180)],
    [1, time.ago(100)],
  ] as const)
    await tx.projectPlanVersion.update({
      where: { applicationId_version: { applicationId: application.id, version } },
      data: { createdAt: at },
      select: { id: true },
    });
  await recordAudit(tx, {
    actorId: null,
    action: "demo.seeded",
    subjectType: "ProgrammeApplication",
    subjectId: application.id,
  });
}
