import type { Prisma } from "~/generated/prisma/client";
import type { ProgrammeApplicationStatus } from "~/generated/prisma/enums";
import {
  CLEARING,
  ensureAccount,
  ensureWallet,
  programmeAccountId,
  transfer,
} from "~/modules/ledger/ledger.server";
import { atLedgerTime } from "~/modules/ledger/ledger-clock.server";
import { banEndsAt } from "~/modules/sanctions/bans.server";
import { luoyangYear } from "~/utils/dates";
import { DAY, HOUR } from "../demo-timeline";
import type { StoryContext, StoryOrg, StoryPeople } from "./story-context";
import { storyCreditCode } from "./story-random";

/** How far each application of the story's closed call went, in order. */
const PATH: (ProgrammeApplicationStatus | "CLAWED_BACK")[] = [
  "EVALUATED",
  "EVALUATED",
  "EVALUATED",
  "DISBURSED",
  "DISBURSED",
  "DISBURSED",
  "APPROVED",
  "APPROVED",
  "REJECTED",
  "SUBMITTED",
  "SUBMITTED",
  "WITHDRAWN",
  "CLAWED_BACK",
];
const PROJECTS = [
  "山区特色果品提质增效示范",
  "道地中药材规范化种植示范",
  "肉牛标准化养殖技术推广",
  "农产品产地初加工能力提升",
  "村级光伏电站运维体系建设",
  "乡村旅游服务能力提升",
  "农村电商服务站运营示范",
  "特色农产品品牌培育",
];

/**
 * A funding call of earlier this year, closed, whose applications went every way a programme
 * application goes: pre-screened by the county, scored by two reviewers, approved or rejected,
 * paid on finance's signature through the ledger (programme budget → organisation wallet),
 * reported and evaluated with finance's co-signature — and one found to have faked its results:
 * its money clawed back through the ledger and the cooperative banned for three years.
 */
export async function seedStoryProgrammes(ctx: StoryContext, people: StoryPeople) {
  const { tx, rand, time } = ctx;
  const openedAt = time.ago(300);
  const year = luoyangYear(openedAt);
  const budgetFen = 300_000_000;
  const programme = await tx.programme.create({
    data: {
      kind: "GRANT",
      year,
      title: `${year} 年第一批农业科技成果转化项目资助`,
      description:
        "支持农民专业合作社、家庭农场和村集体与高校、科研院所、科技特派员合作，转化应用农业科技成果。立项后按进度拨付，项目完成后绩效评价。",
      budgetFen,
      maxAwardFen: 30_000_000,
      eligibleOrgTypes: ["COOPERATIVE", "FAMILY_FARM", "VILLAGE_COMMITTEE", "LARGE_GROWER"],
      deadline: time.ago(250),
      status: "CLOSED",
      createdAt: new Date(openedAt.getTime() - 5 * DAY),
      publishedAt: openedAt,
      closedAt: time.ago(250),
      createdById: ctx.bureauUserId,
    },
    select: { id: true, title: true },
  });
  const account = await ensureAccount(tx, { id: programmeAccountId(programme.id), kind: "PROGRAMME" });
  await atLedgerTime(tx, openedAt, () =>
    transfer(tx, {
      from: CLEARING,
      to: account,
      amountFen: budgetFen,
      reason: "PROGRAMME_BUDGET",
      actorId: ctx.bureauUserId,
      memo: programme.title,
    }),
  );
  ctx.seeded.push({ subjectType: "Programme", subjectId: programme.id });

  const applicants = [
    ...people.orgs.filter((_, index) => index % 2 === 0).slice(0, PATH.length - 1),
    await bannedCooperative(ctx),
  ];
  const officerOf = new Map(people.countyOfficers.map((officer) => [officer.countyCode, officer.id]));
  const reviews: Prisma.ProgrammeReviewCreateManyInput[] = [];
  for (const [index, path] of PATH.entries()) {
    const org = applicants[index]!;
    const createdAt = new Date(openedAt.getTime() + rand.int(3, 45) * DAY);
    const requestedFen = rand.int(10, 30) * 1_000_000;
    const decided = path !== "SUBMITTED" && path !== "WITHDRAWN";
    const approved = decided && path !== "REJECTED";
    const decidedAt = new Date(createdAt.getTime() + rand.int(50, 60) * DAY);
    const approvedFen = approved ? requestedFen - rand.int(0, 4) * 500_000 : null;
    const status: ProgrammeApplicationStatus = path === "CLAWED_BACK" ? "EVALUATED" : path;
    const application = await tx.programmeApplication.create({
      data: {
        programmeId: programme.id,
        organisationId: org.id,
        applicantId: org.headId,
        title: `${org.village}${PROJECTS[index % PROJECTS.length]}`,
        summary: `依托${org.name}，联合科技特派员开展${PROJECTS[index % PROJECTS.length]}，带动周边农户增收。`,
        countyCode: org.countyCode,
        industry: "PLANTING",
        requestedFen,
        approvedFen,
        status,
        decidedById: decided ? ctx.bureauUserId : null,
        decidedAt: decided ? decidedAt : null,
        decisionNote:
          path === "REJECTED" ? "技术路线不够清晰，预算测算依据不足。" : decided ? "同意立项。" : null,
        createdAt,
      },
      select: { id: true },
    });
    ctx.seeded.push({ subjectType: "ProgrammeApplication", subjectId: application.id });
    const officerId = officerOf.get(org.countyCode);
    if (officerId && path !== "WITHDRAWN" && index !== 10)
      await tx.countyOpinion.create({
        data: {
          applicationId: application.id,
          countyCode: org.countyCode,
          officerId,
          recommend: path !== "REJECTED",
          note: path === "REJECTED" ? "建议补充预算依据。" : "情况属实，同意推荐。",
          createdAt: new Date(createdAt.getTime() + rand.int(3, 10) * DAY),
        },
      });
    if (decided)
      for (const reviewerId of [ctx.bureauUserId, ctx.reviewerUserId])
        reviews.push({
          applicationId: application.id,
          reviewerId,
          score: path === "REJECTED" ? rand.int(45, 58) : rand.int(72, 92),
          comment: path === "REJECTED" ? "预算偏高，技术支撑不足。" : "技术路线可行，带动效果明确。",
          createdAt: new Date(decidedAt.getTime() - rand.int(3, 10) * DAY),
        });
    if (!approved || path === "APPROVED") continue;

    // Paid in full on finance's signature, some weeks after approval.
    const proposedAt = new Date(decidedAt.getTime() + rand.int(10, 20) * DAY);
    const paidAt = new Date(proposedAt.getTime() + rand.int(2, 5) * DAY);
    const wallet = await ensureWallet(tx, { organisationId: org.id });
    const paid = await atLedgerTime(tx, paidAt, () =>
      transfer(tx, {
        from: account,
        to: wallet,
        amountFen: approvedFen!,
        reason: "DISBURSEMENT",
        programmeApplicationId: application.id,
        actorId: ctx.financeOfficerUserId,
      }),
    );
    await tx.disbursementProposal.create({
      data: {
        applicationId: application.id,
        amountFen: approvedFen!,
        note: "按立项批复一次拨付。",
        status: "APPROVED",
        proposedById: ctx.bureauUserId,
        proposedAt,
        decidedById: ctx.financeOfficerUserId,
        decidedAt: paidAt,
        transferId: paid.id,
      },
    });
    await tx.programmeApplication.update({
      where: { id: application.id },
      data: { disbursedFen: approvedFen! },
      select: { id: true },
    });
    if (path === "DISBURSED") continue;

    const reportedAt = new Date(paidAt.getTime() + rand.int(90, 120) * DAY);
    const evaluatedAt = new Date(reportedAt.getTime() + rand.int(10, 20) * DAY);
    const faked = path === "CLAWED_BACK";
    const score = faked ? 38 : rand.int(78, 95);
    await tx.programmeOutcome.create({
      data: {
        applicationId: application.id,
        summary: faked
          ? "报告称示范面积 500 亩、培训 800 人次。"
          : "示范基地建成，培训农户，产量和收入明显提高。",
        farmersTrained: faked ? 800 : rand.int(60, 240),
        incomeChangeFen: rand.int(200, 900) * 10_000,
        areaMu: faked ? 500 : rand.int(50, 300),
        jobsCreated: rand.int(3, 20),
        salesFen: rand.int(50, 300) * 100_000,
        reportedById: org.headId,
        reportedAt,
        score,
        narrative: faked
          ? "现场核查示范面积不足 80 亩，培训签到表多处代签，绩效不合格。"
          : "完成立项目标，带动效果好。",
        commended: score >= 90,
        evaluatedById: ctx.bureauUserId,
        evaluatedAt,
      },
    });
    await tx.evaluationSignOff.create({
      data: {
        applicationId: application.id,
        score,
        narrative: faked ? "绩效不合格，建议追缴并禁止承担项目。" : "同意评价结论。",
        commended: score >= 90,
        evaluatedById: ctx.bureauUserId,
        evaluatedAt,
        financeOpinion: "AGREE",
        financeNote: "同意。",
        financeById: ctx.financeOfficerUserId,
        financeAt: new Date(evaluatedAt.getTime() + 2 * DAY),
      },
    });
    await tx.programmeApplication.update({
      where: { id: application.id },
      data: { completedAt: reportedAt },
      select: { id: true },
    });
    if (faked)
      await clawBackAndBan(ctx, {
        applicationId: application.id,
        org,
        programmeAccount: account,
        wallet,
        amountFen: approvedFen!,
        at: new Date(evaluatedAt.getTime() + 10 * DAY),
      });
  }
  await tx.programmeReview.createMany({ data: reviews });
}

/** The cooperative that will fake its results: registered like the others, never on the market. */
async function bannedCooperative(ctx: StoryContext): Promise<StoryOrg> {
  const { tx, rand, time } = ctx;
  const registeredAt = time.ago(340);
  const headId = rand.id();
  await tx.user.create({
    data: {
      id: headId,
      phone: "+8615799999901",
      displayName: "郑有福",
      passwordHash: ctx.passwordHash,
      primaryRole: "VILLAGE",
      countyCode: "410329",
      createdAt: registeredAt,
      passwordChangedAt: registeredAt,
    },
  });
  const org = await tx.organisation.create({
    data: {
      type: "COOPERATIVE",
      name: "伊川县示例杂粮专业合作社",
      countyCode: "410329",
      village: "白沙镇河东村",
      creditCode: storyCreditCode("93", "410329", 999),
      legalRepresentative: "郑有福",
      verifiedAt: new Date(registeredAt.getTime() + DAY),
      createdAt: registeredAt,
      memberships: {
        create: {
          userId: headId,
          role: "VILLAGE",
          administrator: true,
          financeGrantedAt: registeredAt,
          signingGrantedAt: registeredAt,
          createdAt: registeredAt,
        },
      },
    },
    select: { id: true, name: true },
  });
  return {
    id: org.id,
    name: org.name,
    countyCode: "410329",
    township: "白沙镇",
    village: "河东村",
    product: "小杂粮",
    headId,
    headName: "郑有福",
    registeredAt,
    poverty: false,
  };
}

/**
 * 追缴 then 3 年禁入: what the wallet holds goes back to the programme through the ledger
 * (CLAWBACK), then the ban starts, both recorded as the bureau's sanctions.
 */
async function clawBackAndBan(
  ctx: StoryContext,
  input: {
    applicationId: string;
    org: StoryOrg;
    programmeAccount: string;
    wallet: string;
    amountFen: number;
    at: Date;
  },
) {
  const { tx } = ctx;
  const reason = "虚报示范面积和培训人数，绩效评价不合格";
  await atLedgerTime(tx, input.at, () =>
    transfer(tx, {
      from: input.wallet,
      to: input.programmeAccount,
      amountFen: input.amountFen,
      reason: "CLAWBACK",
      programmeApplicationId: input.applicationId,
      actorId: ctx.bureauUserId,
      memo: reason,
    }),
  );
  const clawback = await tx.sanction.create({
    data: {
      kind: "CLAWBACK",
      programmeApplicationId: input.applicationId,
      organisationId: input.org.id,
      reason,
      amountFen: input.amountFen,
      recoveredFen: input.amountFen,
      owedFen: 0,
      startsAt: input.at,
      createdById: ctx.bureauUserId,
      createdAt: input.at,
    },
    select: { id: true },
  });
  const banAt = new Date(input.at.getTime() + 2 * HOUR);
  const ban = await tx.sanction.create({
    data: {
      kind: "BAN",
      programmeApplicationId: input.applicationId,
      organisationId: input.org.id,
      reason,
      startsAt: banAt,
      endsAt: banEndsAt(banAt),
      createdById: ctx.bureauUserId,
      createdAt: banAt,
    },
    select: { id: true },
  });
  ctx.seeded.push(
    { subjectType: "Sanction", subjectId: clawback.id },
    { subjectType: "Sanction", subjectId: ban.id },
  );
}
