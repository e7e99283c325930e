import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  expertReputation,
  expertReputations,
  organisationReputation,
} from "~/modules/reviews/reputation.server";
import { luoyangToday } from "~/utils/dates";
import { useTestDatabase } from "../support/database";
import { createExpert, createVillage } from "../support/needs-factories";
import { agreementBetween, conversationWith, milestoneOf, reviewRow } from "../support/reviews-factories";

useTestDatabase();

const MIN = 60 * 1000;
const DAY = 24 * 60 * MIN;
const now = new Date();
const at = (iso: string) => new Date(iso);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each figure recomputed in plain TypeScript from rows read with Prisma, following the stated definitions. */
async function expertStraightFromRows(userId: string) {
  const completedAgreements = await db.agreement.count({
    where: { payeeUserId: userId, status: "COMPLETED" },
  });
  const milestones = await db.milestone.findMany({
    where: {
      agreement: { payeeUserId: userId },
      dueDate: { not: null },
      status: { in: ["RELEASED", "RESOLVED"] },
    },
    select: { dueDate: true, submissions: { select: { createdAt: true } } },
  });
  const onTime = milestones.filter((m) => {
    const first = m.submissions.map((s) => s.createdAt.getTime()).sort((a, b) => a - b)[0];
    return first !== undefined && luoyangToday(new Date(first)) <= luoyangToday(m.dueDate!);
  }).length;
  const reviews = (
    await db.review.findMany({
      where: { subjectUserId: userId, hiddenAt: null },
      select: { rating: true, publishedAt: true, agreement: { select: { completedAt: true } } },
    })
  ).filter(
    (r) =>
      r.publishedAt !== null ||
      (r.agreement.completedAt !== null && r.agreement.completedAt.getTime() + 14 * DAY <= now.getTime()),
  );
  const since = now.getTime() - 365 * DAY;
  const responses: number[] = [];
  for (const { conversationId } of await db.conversationMember.findMany({
    where: { userId },
    select: { conversationId: true },
  })) {
    const messages = (
      await db.message.findMany({
        where: { conversationId },
        orderBy: { seq: "asc" },
        select: { seq: true, senderId: true, createdAt: true },
      })
    ).filter((m) => m.createdAt.getTime() >= since);
    messages.forEach((m, index) => {
      const previous = messages[index - 1];
      if (m.senderId === userId || (previous && previous.senderId !== userId)) return;
      const answer = messages.find((o) => o.seq > m.seq && o.senderId === userId);
      if (answer) responses.push((answer.createdAt.getTime() - m.createdAt.getTime()) / MIN);
    });
  }
  const invitations = await db.needInvitation.findMany({
    where: { expertId: userId, respondedAt: { not: null } },
    select: { createdAt: true, respondedAt: true },
  });
  const triage = await db.triageAssignment.findMany({
    where: { assigneeId: userId, respondedAt: { not: null } },
    select: { createdAt: true, respondedAt: true },
  });
  const logs = await db.serviceLog.findMany({
    where: { assignment: { userId } },
    select: { farmersReached: true },
  });
  return {
    completedAgreements,
    onTimeMilestones: { onTime, total: milestones.length },
    rating: {
      average: reviews.length ? reviews.reduce((sum, r) => sum + r.rating, 0) / reviews.length : null,
      count: reviews.length,
    },
    messageResponseMinutes: median(responses),
    invitationResponseMinutes: median(
      [...invitations, ...triage].map((r) => (r.respondedAt!.getTime() - r.createdAt.getTime()) / MIN),
    ),
    service: { logs: logs.length, farmersReached: logs.reduce((sum, l) => sum + l.farmersReached, 0) },
  };
}

async function organisationStraightFromRows(organisationId: string) {
  const completedAgreements = await db.agreement.count({
    where: { payerOrganisationId: organisationId, status: "COMPLETED" },
  });
  const funded = await db.milestone.findMany({
    where: {
      agreement: { payerOrganisationId: organisationId },
      dueDate: { not: null },
      fundedAt: { not: null },
    },
    select: { dueDate: true, fundedAt: true },
  });
  const reviews = (
    await db.review.findMany({
      where: { subjectOrganisationId: organisationId, hiddenAt: null },
      select: { rating: true, publishedAt: true, agreement: { select: { completedAt: true } } },
    })
  ).filter(
    (r) =>
      r.publishedAt !== null ||
      (r.agreement.completedAt !== null && r.agreement.completedAt.getTime() + 14 * DAY <= now.getTime()),
  );
  const members = new Set(
    (await db.membership.findMany({ where: { organisationId }, select: { userId: true } })).map(
      (m) => m.userId,
    ),
  );
  const applications = await db.application.findMany({
    where: { need: { organisationId } },
    select: {
      createdAt: true,
      status: true,
      decidedAt: true,
      conversation: { select: { messages: { select: { senderId: true, createdAt: true } } } },
    },
  });
  const responses = applications.flatMap((a) => {
    const times = [
      ...(a.decidedAt && (a.status === "ACCEPTED" || a.status === "DECLINED") ? [a.decidedAt.getTime()] : []),
      ...(a.conversation?.messages.filter((m) => members.has(m.senderId)).map((m) => m.createdAt.getTime()) ??
        []),
    ];
    return times.length ? [(Math.min(...times) - a.createdAt.getTime()) / MIN] : [];
  });
  return {
    completedAgreements,
    onTimeFunding: {
      onTime: funded.filter((m) => luoyangToday(m.fundedAt!) <= luoyangToday(m.dueDate!)).length,
      total: funded.length,
    },
    rating: {
      average: reviews.length ? reviews.reduce((sum, r) => sum + r.rating, 0) / reviews.length : null,
      count: reviews.length,
    },
    applicationResponseMinutes: median(responses),
  };
}

let expertId: string;
let otherExpertId: string;
let organisationId: string;

beforeAll(async () => {
  const { organisation, head } = await createVillage();
  organisationId = organisation.id;
  const payer = { organisationId, headId: head.id };
  const expert = await createExpert();
  expertId = expert.id;
  otherExpertId = (await createExpert()).id;

  // Agreements: three completed, one active, for the expert; one completed for another expert.
  const a1 = await agreementBetween(payer, expertId, "COMPLETED", new Date(now.getTime() - 60 * DAY));
  const a2 = await agreementBetween(payer, expertId, "COMPLETED", new Date(now.getTime() - 30 * DAY));
  const a3 = await agreementBetween(payer, expertId, "ACTIVE");
  const a4 = await agreementBetween(payer, expertId, "COMPLETED", new Date(now.getTime() - DAY));
  const b1 = await agreementBetween(payer, otherExpertId, "COMPLETED", new Date(now.getTime() - 20 * DAY));

  // Milestones: submitted 23:30 on the due day (on time, Luoyang), 00:30 the day after (late),
  // one without a due date, one not yet paid, one ruled on without any submission (late).
  const by = expertId;
  await milestoneOf(a1.id, 1, {
    status: "RELEASED",
    dueDate: at("2026-03-10T00:00:00+08:00"),
    fundedAt: at("2026-03-01T10:00:00+08:00"),
    submittedAt: [at("2026-03-10T23:30:00+08:00"), at("2026-03-12T09:00:00+08:00")],
    submittedById: by,
  });
  await milestoneOf(a1.id, 2, {
    status: "RELEASED",
    dueDate: at("2026-03-20T00:00:00+08:00"),
    fundedAt: at("2026-03-21T08:00:00+08:00"),
    submittedAt: [at("2026-03-21T00:30:00+08:00")],
    submittedById: by,
  });
  await milestoneOf(a1.id, 3, {
    status: "RELEASED",
    dueDate: null,
    fundedAt: at("2026-03-01T10:00:00+08:00"),
    submittedAt: [at("2026-04-30T10:00:00+08:00")],
    submittedById: by,
  });
  await milestoneOf(a1.id, 4, {
    status: "FUNDED",
    dueDate: at("2026-04-01T00:00:00+08:00"),
    fundedAt: at("2026-03-25T10:00:00+08:00"),
    submittedById: by,
  });
  await milestoneOf(a2.id, 1, {
    status: "RESOLVED",
    dueDate: at("2026-05-01T00:00:00+08:00"),
    submittedById: by,
  });
  await milestoneOf(b1.id, 1, {
    status: "RELEASED",
    dueDate: at("2026-05-01T00:00:00+08:00"),
    fundedAt: at("2026-04-01T00:00:00+08:00"),
    submittedAt: [at("2026-04-20T10:00:00+08:00")],
    submittedById: otherExpertId,
  });

  // Reviews about the expert: 5 and 3 published; a hidden 1 and a still-blind 1 do not count.
  await reviewRow(a1.id, {
    authorSide: "PAYER",
    authorId: head.id,
    subjectUserId: expertId,
    rating: 5,
    publishedAt: new Date(now.getTime() - 50 * DAY),
  });
  await reviewRow(a2.id, {
    authorSide: "PAYER",
    authorId: head.id,
    subjectUserId: expertId,
    rating: 3,
    publishedAt: null,
  }); // window closed 16 days ago
  await reviewRow(a3.id, {
    authorSide: "PAYER",
    authorId: head.id,
    subjectUserId: expertId,
    rating: 1,
    publishedAt: new Date(),
    hiddenAt: new Date(),
  });
  await reviewRow(a4.id, {
    authorSide: "PAYER",
    authorId: head.id,
    subjectUserId: expertId,
    rating: 1,
    publishedAt: null,
  });
  await reviewRow(b1.id, {
    authorSide: "PAYER",
    authorId: head.id,
    subjectUserId: otherExpertId,
    rating: 2,
    publishedAt: new Date(),
  });
  // About the cooperative: one published 4.
  await reviewRow(a1.id, {
    authorSide: "PAYEE",
    authorId: expertId,
    subjectOrganisationId: organisationId,
    rating: 4,
    publishedAt: new Date(now.getTime() - 50 * DAY),
  });

  // Messages: asked at t0 (and again at +5 min), answered at +30; asked at +60, answered at +150;
  // asked at +200, never answered. A year-old exchange is outside the window.
  const t0 = now.getTime() - 10 * DAY;
  const m = (minutes: number) => new Date(t0 + minutes * MIN);
  await conversationWith(
    "DIRECT",
    [expertId, head.id],
    [
      [head.id, m(0)],
      [head.id, m(5)],
      [expertId, m(30)],
      [head.id, m(60)],
      [expertId, m(150)],
      [head.id, m(200)],
    ],
  );
  await conversationWith(
    "DIRECT",
    [expertId, otherExpertId],
    [
      [otherExpertId, new Date(now.getTime() - 400 * DAY)],
      [expertId, new Date(now.getTime() - 400 * DAY + 10 * MIN)],
      [expertId, m(10)],
      [otherExpertId, m(20)],
      [expertId, m(26)],
    ],
  );

  // Invitations and triage: answered after 120 and 60 minutes; one still pending.
  const need = await db.need.create({
    data: {
      organisationId,
      postedById: head.id,
      title: "苹果园郁闭改造",
      description: "老果园郁闭严重，需要改造方案。",
      industry: "PLANTING",
      countyCode: "410324",
      arrangements: ["TECH_CONTRACT"],
      status: "OPEN",
      publishedAt: m(0),
    },
    select: { id: true },
  });
  const need2 = await db.need.create({
    data: {
      organisationId,
      postedById: head.id,
      title: "苹果套袋",
      description: "套袋时间和方法需要指导。",
      industry: "PLANTING",
      countyCode: "410324",
      arrangements: ["PAID_SERVICE"],
      status: "OPEN",
      publishedAt: m(0),
    },
    select: { id: true },
  });
  await db.needInvitation.create({
    data: {
      needId: need.id,
      expertId,
      invitedById: head.id,
      status: "APPLIED",
      createdAt: m(0),
      respondedAt: m(120),
    },
  });
  await db.needInvitation.create({
    data: { needId: need2.id, expertId, invitedById: head.id, createdAt: m(0) },
  });
  await db.triageAssignment.create({
    data: {
      needId: need2.id,
      assigneeId: expertId,
      assignedById: head.id,
      status: "APPLIED",
      createdAt: m(0),
      respondedAt: m(60),
    },
  });

  // Commissioner service: two logs, 12 and 30 farmers.
  const cohort = await db.commissionerCohort.create({
    data: { year: 2026, name: "2026 年度科技特派员", createdById: head.id },
    select: { id: true },
  });
  const assignment = await db.commissionerAssignment.create({
    data: {
      cohortId: cohort.id,
      userId: expertId,
      countyCode: "410324",
      startDate: at("2026-01-01T00:00:00+08:00"),
      endDate: at("2026-12-31T00:00:00+08:00"),
      createdById: head.id,
    },
    select: { id: true },
  });
  for (const farmersReached of [12, 30]) {
    await db.serviceLog.create({
      data: {
        assignmentId: assignment.id,
        date: m(0),
        countyCode: "410324",
        place: "三川镇",
        kind: "VISIT",
        farmersReached,
      },
    });
  }

  // Applications to the cooperative's needs: decided after 3 h; answered in chat after 1 h (an
  // expert's own message first does not count); never answered.
  await db.application.create({
    data: {
      needId: need.id,
      expertId,
      approach: "改造方案",
      timeline: "一个月",
      arrangement: "TECH_CONTRACT",
      priceFen: 100_000,
      status: "ACCEPTED",
      createdAt: m(0),
      decidedAt: m(180),
    },
  });
  const chatted = await db.application.create({
    data: {
      needId: need2.id,
      expertId,
      approach: "套袋指导",
      timeline: "一周",
      arrangement: "PAID_SERVICE",
      priceFen: 20_000,
      createdAt: m(0),
    },
    select: { id: true },
  });
  await conversationWith(
    "APPLICATION",
    [expertId, head.id],
    [
      [expertId, m(10)],
      [head.id, m(60)],
    ],
    chatted.id,
  );
  await db.application.create({
    data: {
      needId: need2.id,
      expertId: otherExpertId,
      approach: "另一方案",
      timeline: "两周",
      arrangement: "PAID_SERVICE",
      priceFen: 30_000,
      createdAt: m(0),
    },
  });
});

describe("expert reputation", () => {
  it("matches the hand-checked figures of the fixture", async () => {
    expect(await expertReputation(expertId, now)).toEqual({
      completedAgreements: 3,
      onTimeMilestones: { onTime: 1, total: 3 },
      rating: { average: 4, count: 2 },
      // Prompts answered after 30 and 90 minutes in the first conversation, 6 in the second.
      messageResponseMinutes: 30,
      invitationResponseMinutes: 90,
      service: { logs: 2, farmersReached: 42 },
    });
  });

  it("equals the figures computed straight from the rows, for every expert in one batch", async () => {
    const batch = await expertReputations([expertId, otherExpertId], now);
    for (const id of [expertId, otherExpertId]) {
      expect(batch.get(id)).toEqual(await expertStraightFromRows(id));
    }
    expect(batch.get(otherExpertId)).toMatchObject({
      completedAgreements: 1,
      rating: { average: 2, count: 1 },
      onTimeMilestones: { onTime: 1, total: 1 },
    });
  });

  it("says nothing rather than zero for someone without a record", async () => {
    const newcomer = await createExpert();
    expect(await expertReputation(newcomer.id, now)).toEqual({
      completedAgreements: 0,
      onTimeMilestones: { onTime: 0, total: 0 },
      rating: { average: null, count: 0 },
      messageResponseMinutes: null,
      invitationResponseMinutes: null,
      service: { logs: 0, farmersReached: 0 },
    });
  });
});

describe("organisation reputation", () => {
  it("matches the hand-checked figures and the straight computation", async () => {
    const figures = await organisationReputation(organisationId, now);
    expect(figures).toEqual({
      completedAgreements: 4,
      // Funded 1 Mar (due 10 Mar), 21 Mar (due 20 Mar: late), 25 Mar (due 1 Apr), 1 Apr (due 1 May).
      onTimeFunding: { onTime: 3, total: 4 },
      rating: { average: 4, count: 1 },
      applicationResponseMinutes: 120,
    });
    expect(figures).toEqual(await organisationStraightFromRows(organisationId));
  });
});
