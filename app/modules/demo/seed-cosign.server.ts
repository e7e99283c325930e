import type { Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { DemoTimeline } from "./demo-timeline";

/**
 * The finance bureau's demo (issue 22): one approved Star Innovation Space grant whose first
 * instalment the science bureau has proposed and finance has yet to sign, and one finished
 * post-subsidy project whose evaluation waits for finance's opinion. Runs after the supervision
 * demo, which opened both calls.
 */
export async function seedCosignDemo(
  tx: Tx,
  ids: {
    bureauUserId: string;
    coopOrganisationId: string;
    villageHeadId: string;
    spaceOrganisationId: string;
    spaceUserId: string;
  },
  time: DemoTimeline,
) {
  // One query at a time: a transaction's queries share one connection.
  const grant = await tx.programme.findFirstOrThrow({
    where: { kind: "GRANT", status: "OPEN" },
    select: { id: true },
  });
  const postSubsidy = await tx.programme.findFirstOrThrow({
    where: { kind: "POST_SUBSIDY", status: "OPEN" },
    select: { id: true },
  });
  const reviewers = await tx.user.findMany({
    where: { primaryRole: "BUREAU" },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 2,
  });
  const decided = {
    status: "APPROVED" as const,
    decidedById: ids.bureauUserId,
    decidedAt: time.ago(20),
    decisionNote: "两位评审专家均认为方案可行，予以立项。",
    createdAt: time.ago(35),
  };

  const space = await tx.programmeApplication.create({
    data: {
      ...decided,
      programmeId: grant.id,
      organisationId: ids.spaceOrganisationId,
      applicantId: ids.spaceUserId,
      title: "嵩县星创天地农产品检测平台建设",
      summary: "购置农残快速检测设备，建设线上服务平台，为周边合作社提供检测和电商培训。",
      countyCode: "410325",
      // Testing farm produce for pesticide residues is quality work on the produce: 农产品加工,
      // not the e-commerce the platform's training also covers.
      industry: "AGRI_PROCESSING",
      requestedFen: 12_000_000,
      approvedFen: 10_000_000,
    },
    select: { id: true },
  });
  const coop = await tx.programmeApplication.create({
    data: {
      ...decided,
      programmeId: postSubsidy.id,
      organisationId: ids.coopOrganisationId,
      applicantId: ids.villageHeadId,
      title: "栾川县香菇标准化种植技术推广",
      summary: "与河南科技大学合作推广香菇菌棒标准化生产，带动 60 户农户种植。",
      countyCode: "410324",
      industry: "PLANTING",
      requestedFen: 5_000_000,
      approvedFen: 4_000_000,
      completedAt: time.ago(8),
    },
    select: { id: true },
  });
  for (const applicationId of [space.id, coop.id])
    await tx.programmeReview.createMany({
      data: reviewers.map((reviewer, index) => ({
        applicationId,
        reviewerId: reviewer.id,
        score: 82 + index * 4,
        comment: "技术路线清楚，带动农户明确。",
        createdAt: time.ago(25),
      })),
    });
  await tx.programmeOutcome.create({
    data: {
      applicationId: coop.id,
      summary: "建成标准化菌棒生产线一条，培训农户 63 户，菌棒污染率由 30% 降到 5%。",
      farmersTrained: 63,
      incomeChangeFen: 210_000,
      areaMu: 120,
      yieldKg: 180_000,
      jobsCreated: 9,
      salesFen: 96_000_000,
      reportedById: ids.villageHeadId,
      reportedAt: time.ago(8),
    },
  });
  await tx.evaluationSignOff.create({
    data: {
      applicationId: coop.id,
      score: 86,
      narrative: "完成全部考核指标，带动增收明显，建议列入表彰推广名单。",
      commended: true,
      evaluatedById: ids.bureauUserId,
      evaluatedAt: time.ago(2),
    },
  });
  await tx.disbursementProposal.create({
    data: {
      applicationId: space.id,
      amountFen: 4_000_000,
      note: "首期拨付，用于购置检测设备。",
      proposedById: ids.bureauUserId,
      proposedAt: time.ago(1),
    },
  });
  for (const subjectId of [space.id, coop.id])
    await recordAudit(tx, {
      actorId: null,
      action: "demo.seeded",
      subjectType: "ProgrammeApplication",
      subjectId,
    });
}
