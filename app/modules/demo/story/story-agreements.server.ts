import type { Prisma } from "~/generated/prisma/client";
import type { MilestoneStatus } from "~/generated/prisma/enums";
import { nextContractNumber } from "~/modules/agreements/agreements.server";
import type { AgreementTerms, ComponentTerms, MilestoneTerms } from "~/modules/agreements/terms";
import { termsHash } from "~/modules/agreements/terms-hash.server";
import { payIntoEscrow } from "~/modules/escrow/escrow-funding.server";
import { atLedgerTime } from "~/modules/ledger/ledger-clock.server";
import { ensureWallet, escrowId, transfer, walletId } from "~/modules/ledger/ledger.server";
import { periodsOf, shareDue } from "~/modules/revenue/periods";
import { creditOfflineDeposit } from "~/modules/wallet/deposits.server";
import { addMonths, luoyangToday, startOfLuoyangDay } from "~/utils/dates";
import { DAY, HOUR } from "../demo-timeline";
import type { StoryContext } from "./story-context";
import type { MatchedNeed } from "./story-needs.server";
import { MILESTONE_PLANS, REVIEW_TEXTS } from "./story-text";

/** Where an agreement stands: drafted, proposed, in force at some milestone, disputed, ended. */
type Stage =
  "DRAFT" | "PROPOSED" | "COMPLETED" | "ACTIVE" | "DISPUTED" | "RESOLVED" | "TERMINATED" | "SIGNED_ONLY";
const MIXED_STAGES: Stage[] = [
  "DRAFT",
  "PROPOSED",
  "SIGNED_ONLY",
  "DISPUTED",
  "RESOLVED",
  "TERMINATED",
  "ACTIVE",
];

interface MilestonePlan {
  status: MilestoneStatus;
  fundedAt?: Date;
  submittedAt?: Date;
  releasedAt?: Date;
  disputedAt?: Date;
  resolvedAt?: Date;
  refundedAt?: Date;
  reviewDueAt?: Date;
}

const ESCROW_FUND = {
  code: "escrow.insufficient_funds",
  ledgerCodes: ["ledger.insufficient_funds"],
} as const;

function stageOf(match: MatchedNeed): Stage {
  if (match.fate === "COMPLETED") return "COMPLETED";
  if (match.fate === "ACTIVE") return "ACTIVE";
  return MIXED_STAGES[match.index % MIXED_STAGES.length]!;
}

function componentsFor(
  match: MatchedNeed,
  startDate: string,
  milestones: MilestoneTerms[],
): ComponentTerms[] {
  const fee = milestones.reduce((sum, milestone) => sum + milestone.amountFen, 0);
  switch (match.arrangement) {
    case "PAID_SERVICE":
      return [
        { type: "PAID_SERVICE", description: `${match.title}：现场指导与培训服务`, feeFen: fee, milestones },
      ];
    case "REVENUE_SHARE":
      return [
        { type: "PAID_SERVICE", description: "前期技术服务", feeFen: fee, milestones },
        {
          type: "REVENUE_SHARE",
          shareBp: 500,
          base: "REVENUE",
          period: "QUARTER",
          startDate,
          termMonths: 24,
        },
      ];
    case "TECH_EQUITY":
      return [
        {
          type: "TECH_EQUITY",
          enterpriseName: `${match.org.name.replace(/（.*）$/, "")}`,
          enterpriseOrganisationId: match.org.id,
          valuationFen: match.priceFen * 5,
          equityBp: 1000,
          vestingStart: startDate,
          vestingMonths: 36,
          cliffMonths: 12,
        },
      ];
    case "GRANT_FUNDED":
      return [{ type: "GRANT_FUNDED", programmeName: "科技特派员服务专项", amountFen: match.priceFen }];
    default:
      return [{ type: "TECH_CONTRACT", feeFen: fee, milestones }];
  }
}

/** Contract numbers in the order the agreements were drafted, continuing the demo's own. */
function contractNumbers(tx: StoryContext["tx"]) {
  const next = new Map<string, number>();
  return async (createdAt: Date) => {
    const prefix = `XK-${luoyangToday(createdAt).slice(0, 4)}-`;
    const number = next.get(prefix) ?? Number((await nextContractNumber(tx, createdAt)).slice(prefix.length));
    next.set(prefix, number + 1);
    return `${prefix}${String(number).padStart(6, "0")}`;
  };
}

interface MoneyPlan {
  agreementId: string;
  number: string;
  match: MatchedNeed;
  milestones: ({
    id: string;
    amountFen: number;
    resolutionPayeeFen: number | null;
  } & MilestonePlan)[];
}

/**
 * One agreement per matched need, at a stage that fits how long ago it was matched, written in a
 * few statements; then the money, moved through the ledger as the services move it: platform
 * finance records each village's bank transfer (creditOfflineDeposit), the village pays each
 * funded milestone into escrow (payIntoEscrow), and escrow is released, split or refunded with the
 * matching ledger reasons. Completed ones get reviews; revenue shares get quarterly reports,
 * settled payer → payee; technology equity its register row.
 */
export async function seedStoryAgreements(ctx: StoryContext, matched: MatchedNeed[]) {
  const { tx, rand, time } = ctx;
  const numberFor = contractNumbers(tx);
  const agreements: Prisma.AgreementCreateManyInput[] = [];
  const versions: Prisma.AgreementVersionCreateManyInput[] = [];
  const signatures: Prisma.AgreementSignatureCreateManyInput[] = [];
  const milestoneRows: Prisma.MilestoneCreateManyInput[] = [];
  const reviews: Prisma.ReviewCreateManyInput[] = [];
  const money: MoneyPlan[] = [];
  const extras: {
    match: MatchedNeed;
    agreementId: string;
    versionId: string;
    terms: AgreementTerms;
    signedAt: Date;
  }[] = [];
  const ordered = [...matched].sort((a, b) => a.acceptedAt.getTime() - b.acceptedAt.getTime());
  for (const match of ordered) {
    const stage = stageOf(match);
    const createdAt = new Date(match.acceptedAt.getTime() + rand.int(2, 20) * HOUR);
    const proposedAt = new Date(createdAt.getTime() + rand.int(10, 30) * HOUR);
    const signedAt = new Date(proposedAt.getTime() + rand.int(10, 40) * HOUR);
    const startDate = luoyangToday(new Date(signedAt.getTime() + DAY));
    const plan = MILESTONE_PLANS[match.index % MILESTONE_PLANS.length]!;
    const amounts = splitAmount(match.priceFen, plan.length);
    const milestones: MilestoneTerms[] = plan.map((step, position) => ({
      ...step,
      amountFen: amounts[position]!,
    }));
    const terms: AgreementTerms = {
      title: match.title.slice(0, 70),
      startDate,
      endDate: addMonths(startDate, 12),
      reviewWindowDays: 14,
      components: componentsFor(match, startDate, milestones),
    };
    const hash = termsHash(terms);
    const hasMilestones = terms.components.some(
      (c) => c.type === "TECH_CONTRACT" || c.type === "PAID_SERVICE",
    );
    const signed = stage !== "DRAFT" && stage !== "PROPOSED";
    const states =
      signed && hasMilestones ? milestoneStates(stage, signedAt, time.now, milestones.length, rand.int) : [];
    const completedAt =
      stage === "COMPLETED"
        ? new Date(
            Math.max(signedAt.getTime() + 30 * DAY, ...states.map((s) => s.releasedAt?.getTime() ?? 0)) +
              HOUR,
          )
        : null;
    const terminatedAt = stage === "TERMINATED" ? new Date(states[0]!.refundedAt!.getTime() + HOUR) : null;
    const status =
      stage === "DRAFT"
        ? "DRAFT"
        : stage === "PROPOSED"
          ? "PROPOSED"
          : stage === "COMPLETED"
            ? "COMPLETED"
            : stage === "DISPUTED"
              ? "DISPUTED"
              : stage === "TERMINATED"
                ? "TERMINATED"
                : "ACTIVE";
    const agreementId = rand.id();
    const versionId = rand.id();
    const number = await numberFor(createdAt);
    agreements.push({
      id: agreementId,
      number,
      title: terms.title,
      status,
      applicationId: match.applicationId,
      needId: match.needId,
      payerOrganisationId: match.org.id,
      payerUserId: match.org.headId,
      payeeUserId: match.expert.id,
      createdById: match.org.headId,
      reviewWindowDays: 14,
      createdAt,
      activatedAt: signed ? signedAt : null,
      completedAt,
      terminatedAt,
      terminationReason: terminatedAt ? "连续阴雨误了农时，双方协商解除，托管款退回村里。" : null,
    });
    versions.push({
      id: versionId,
      agreementId,
      version: 1,
      terms,
      termsHash: hash,
      status: signed ? "SIGNED" : stage === "PROPOSED" ? "PROPOSED" : "DRAFT",
      createdById: match.org.headId,
      createdAt,
      proposedAt: stage === "DRAFT" ? null : proposedAt,
      signedAt: signed ? signedAt : null,
    });
    if (signed || stage === "PROPOSED")
      signatures.push({
        id: rand.id(),
        versionId,
        userId: match.org.headId,
        party: "PAYER",
        termsHash: hash,
        signedAt: signed ? new Date(signedAt.getTime() - 2 * HOUR) : new Date(proposedAt.getTime() + HOUR),
      });
    if (signed)
      signatures.push({
        id: rand.id(),
        versionId,
        userId: match.expert.id,
        party: "PAYEE",
        termsHash: hash,
        signedAt,
      });
    const plans: MoneyPlan["milestones"] = [];
    if (hasMilestones)
      milestones.forEach((milestone, position) => {
        const state = states[position] ?? { status: "PLANNED" as const };
        const resolutionPayeeFen = state.status === "RESOLVED" ? Math.floor(milestone.amountFen * 0.6) : null;
        const id = rand.id();
        plans.push({ ...state, id, amountFen: milestone.amountFen, resolutionPayeeFen });
        milestoneRows.push({
          id,
          agreementId,
          position: position + 1,
          title: milestone.title,
          deliverables: milestone.deliverables,
          acceptanceCriteria: milestone.acceptanceCriteria,
          amountFen: milestone.amountFen,
          createdAt,
          ...state,
          ...(state.status === "DISPUTED" || state.status === "RESOLVED"
            ? { disputeReason: "村里认为示范点没达到方案约定的指标，专家认为是天气原因。" }
            : {}),
          ...(state.status === "RESOLVED"
            ? {
                resolvedById: ctx.bureauUserId,
                resolutionPayeeFen,
                resolutionNote: "经现场核查，按完成量六成支付，其余退回。",
              }
            : {}),
          ...(state.status === "REJECTED" ? { rejectionReason: "培训签到表缺了一页，请补齐后再提交。" } : {}),
        });
      });
    money.push({ agreementId, number, match, milestones: plans });
    ctx.seeded.push({ subjectType: "Agreement", subjectId: agreementId });
    if (signed) extras.push({ match, agreementId, versionId, terms, signedAt });
    if (completedAt) {
      const written = new Date(completedAt.getTime() + rand.int(1, 4) * DAY);
      reviews.push(
        {
          id: rand.id(),
          agreementId,
          authorSide: "PAYER",
          authorId: match.org.headId,
          subjectUserId: match.expert.id,
          rating: rand.int(4, 5),
          scores: {
            expertise: rand.int(4, 5),
            communication: rand.int(3, 5),
            timeliness: rand.int(4, 5),
            results: rand.int(4, 5),
          },
          text: rand.pick(REVIEW_TEXTS.slice(0, 3)),
          createdAt: written,
          publishedAt: written,
        },
        {
          id: rand.id(),
          agreementId,
          authorSide: "PAYEE",
          authorId: match.expert.id,
          subjectOrganisationId: match.org.id,
          rating: rand.int(4, 5),
          scores: {
            clarity: rand.int(3, 5),
            cooperation: rand.int(4, 5),
            payment: 5,
            communication: rand.int(4, 5),
          },
          text: REVIEW_TEXTS[3]!,
          createdAt: new Date(written.getTime() + 5 * HOUR),
          publishedAt: new Date(written.getTime() + 5 * HOUR),
        },
      );
    }
  }
  await tx.agreement.createMany({ data: agreements });
  await tx.agreementVersion.createMany({ data: versions });
  await tx.agreementSignature.createMany({ data: signatures });
  await tx.milestone.createMany({ data: milestoneRows });
  await tx.review.createMany({ data: reviews });

  await seedEquity(ctx, extras);
  const revenue = planRevenue(ctx, extras);
  await depositWhatEachVillagePays(ctx, money, revenue);
  await moveEscrow(ctx, money);
  await settleRevenue(ctx, revenue);
  return { agreements: agreements.length, milestones: milestoneRows.length };
}

/**
 * Each village's bank transfers, one deposit per village recorded by platform finance: what its
 * funded milestones and settled revenue shares need.
 */
async function depositWhatEachVillagePays(ctx: StoryContext, money: MoneyPlan[], revenue: RevenuePlan[]) {
  const owed = new Map<string, { name: string; fen: number }>();
  const add = (org: MatchedNeed["org"], fen: number) =>
    owed.set(org.id, { name: org.name, fen: (owed.get(org.id)?.fen ?? 0) + fen });
  for (const plan of money)
    for (const milestone of plan.milestones)
      if (milestone.status !== "PLANNED") add(plan.match.org, milestone.amountFen);
  for (const report of revenue)
    if (report.settle && report.shareDueFen > 0) add(report.match.org, report.shareDueFen);
  // The bank transfer arrives the day before the village first pays out of its wallet.
  const firstPaid = new Map<string, number>();
  const paidAt = (organisationId: string, at: Date) =>
    firstPaid.set(organisationId, Math.min(firstPaid.get(organisationId) ?? Infinity, at.getTime()));
  for (const plan of money)
    for (const milestone of plan.milestones)
      if (milestone.fundedAt) paidAt(plan.match.org.id, milestone.fundedAt);
  for (const report of revenue)
    if (report.settle && report.shareDueFen > 0) paidAt(report.match.org.id, settledAt(ctx, report));
  let serial = 0;
  for (const [organisationId, { name, fen }] of owed)
    await atLedgerTime(ctx.tx, new Date(firstPaid.get(organisationId)! - DAY), () =>
      creditOfflineDeposit(ctx.tx, ctx.platformFinanceUserId, {
        accountId: walletId({ organisationId }),
        amountFen: fen,
        bankReference: `STORY-${String(++serial).padStart(4, "0")}`,
        payerName: name,
        note: "",
      }),
    );
}

/** When a settled revenue report's share was paid: three days after the report, before the seed. */
function settledAt(ctx: StoryContext, report: RevenuePlan): Date {
  return new Date(Math.min(report.reportedAt.getTime() + 3 * DAY, ctx.time.now.getTime() - HOUR));
}

async function moveEscrow(ctx: StoryContext, money: MoneyPlan[]) {
  const { tx } = ctx;
  for (const { agreementId, match, milestones } of money) {
    const funded = milestones.filter((m) => m.status !== "PLANNED");
    if (funded.length === 0) continue;
    const payerWallet = walletId({ organisationId: match.org.id });
    const payee = await ensureWallet(tx, { userId: match.expert.id });
    for (const milestone of funded) {
      const ref = { agreementId, milestoneId: milestone.id, actorId: match.org.headId };
      // Each movement is dated by the milestone's own event (decision 041, addendum).
      await atLedgerTime(tx, milestone.fundedAt!, () =>
        payIntoEscrow(tx, { ...ref, from: payerWallet, amountFen: milestone.amountFen }, ESCROW_FUND),
      );
      const from = escrowId(milestone.id);
      if (milestone.status === "RELEASED")
        await atLedgerTime(tx, milestone.releasedAt!, () =>
          transfer(tx, {
            ...ref,
            from,
            to: payee,
            amountFen: milestone.amountFen,
            reason: "MILESTONE_RELEASE",
          }),
        );
      if (milestone.status === "REFUNDED")
        await atLedgerTime(tx, milestone.refundedAt!, () =>
          transfer(tx, {
            ...ref,
            from,
            to: payerWallet,
            amountFen: milestone.amountFen,
            reason: "MILESTONE_REFUND",
            actorId: ctx.bureauUserId,
          }),
        );
      if (milestone.status === "RESOLVED") {
        const toPayee = milestone.resolutionPayeeFen!;
        await atLedgerTime(tx, milestone.resolvedAt!, async () => {
          await transfer(tx, {
            ...ref,
            from,
            to: payee,
            amountFen: toPayee,
            reason: "DISPUTE_RELEASE",
            actorId: ctx.bureauUserId,
          });
          await transfer(tx, {
            ...ref,
            from,
            to: payerWallet,
            amountFen: milestone.amountFen - toPayee,
            reason: "DISPUTE_REFUND",
            actorId: ctx.bureauUserId,
          });
        });
      }
    }
  }
}

/** Integer fen split into `parts` amounts that add up, rounded to whole yuan but the last. */
function splitAmount(total: number, parts: number): number[] {
  const each = Math.floor(total / parts / 100) * 100;
  return Array.from({ length: parts }, (_, index) =>
    index === parts - 1 ? total - each * (parts - 1) : each,
  );
}

/**
 * Dates of each milestone for an agreement signed at `signedAt`, spaced over the time up to `now`
 * so every event is in the past and after the one it depends on.
 */
function milestoneStates(
  stage: Stage,
  signedAt: Date,
  now: Date,
  count: number,
  int: (a: number, b: number) => number,
): MilestonePlan[] {
  const span = now.getTime() - signedAt.getTime() - 4 * DAY;
  const slot = span / (count + 1);
  const at = (position: number, fraction: number) =>
    new Date(signedAt.getTime() + 2 * DAY + slot * (position + fraction));
  return Array.from({ length: count }, (_, position): MilestonePlan => {
    const fundedAt = at(position, 0.05);
    const submittedAt = at(position, 0.6);
    const releasedAt = new Date(submittedAt.getTime() + int(1, 5) * DAY);
    if (stage === "COMPLETED") return { status: "RELEASED", fundedAt, submittedAt, releasedAt };
    if (stage === "SIGNED_ONLY") return { status: "PLANNED" };
    if (stage === "TERMINATED")
      return position === 0
        ? { status: "REFUNDED", fundedAt, refundedAt: new Date(fundedAt.getTime() + 20 * DAY) }
        : { status: "PLANNED" };
    if (position === 0) {
      if (stage === "DISPUTED")
        return {
          status: "DISPUTED",
          fundedAt,
          submittedAt,
          disputedAt: new Date(submittedAt.getTime() + 2 * DAY),
        };
      if (stage === "RESOLVED")
        return {
          status: "RESOLVED",
          fundedAt,
          submittedAt,
          disputedAt: new Date(submittedAt.getTime() + 2 * DAY),
          resolvedAt: new Date(submittedAt.getTime() + 9 * DAY),
        };
      return { status: "RELEASED", fundedAt, submittedAt, releasedAt };
    }
    if (stage !== "ACTIVE") return { status: "PLANNED" };
    // The next milestone is delivered and waits for the village within its review window, or was
    // sent back once; the one after is funded or not yet.
    if (position === 1) {
      const lateSubmit = new Date(now.getTime() - int(1, 6) * DAY);
      return int(0, 3) === 0
        ? { status: "REJECTED", fundedAt, submittedAt: lateSubmit }
        : {
            status: "SUBMITTED",
            fundedAt,
            submittedAt: lateSubmit,
            reviewDueAt: new Date(lateSubmit.getTime() + 14 * DAY),
          };
    }
    return int(0, 1) === 0
      ? { status: "FUNDED", fundedAt: new Date(now.getTime() - int(8, 12) * DAY) }
      : { status: "PLANNED" };
  });
}

interface RevenuePlan {
  match: MatchedNeed;
  agreementId: string;
  component: number;
  start: string;
  end: string;
  baseFen: number;
  shareDueFen: number;
  reportedAt: Date;
  settle: boolean;
}

/**
 * The register row of each technology-equity agreement (written here), and the revenue reports
 * of each revenue share's ended quarters (returned): all but the latest settled.
 */
function planRevenue(
  ctx: StoryContext,
  signed: {
    match: MatchedNeed;
    agreementId: string;
    versionId: string;
    terms: AgreementTerms;
    signedAt: Date;
  }[],
): RevenuePlan[] {
  const { rand, time } = ctx;
  const reports: RevenuePlan[] = [];
  for (const { match, agreementId, terms } of signed)
    for (const [component, terms_] of terms.components.entries()) {
      if (terms_.type !== "REVENUE_SHARE") continue;
      const ended = periodsOf(terms_, time.now).filter((slot) => slot.timing !== "upcoming");
      ended.forEach((slot, position) => {
        const baseFen = rand.int(80, 260) * 100_000;
        const reportedAt = new Date(startOfLuoyangDay(slot.end).getTime() + rand.int(2, 10) * DAY);
        if (reportedAt >= time.now) return;
        reports.push({
          match,
          agreementId,
          component,
          start: slot.start,
          end: slot.end,
          baseFen,
          shareDueFen: shareDue(baseFen, terms_),
          reportedAt,
          settle: position < ended.length - 1,
        });
      });
    }
  return reports;
}

async function seedEquity(
  ctx: StoryContext,
  signed: {
    match: MatchedNeed;
    agreementId: string;
    versionId: string;
    terms: AgreementTerms;
    signedAt: Date;
  }[],
) {
  const rows: Prisma.EquityHoldingCreateManyInput[] = [];
  for (const { match, agreementId, versionId, terms, signedAt } of signed)
    for (const component of terms.components)
      if (component.type === "TECH_EQUITY")
        rows.push({
          id: ctx.rand.id(),
          agreementId,
          versionId,
          enterpriseName: component.enterpriseName,
          enterpriseOrganisationId: component.enterpriseOrganisationId,
          holderUserId: match.expert.id,
          percentBp: component.equityBp,
          valuationFen: BigInt(component.valuationFen),
          vestingStart: startOfLuoyangDay(component.vestingStart),
          vestingMonths: component.vestingMonths,
          cliffMonths: component.cliffMonths,
          createdAt: signedAt,
        });
  await ctx.tx.equityHolding.createMany({ data: rows });
  await seedVentures(ctx, signed, rows);
}

/**
 * 创办/联办: a commissioner who took technology equity in a village's enterprise records it as a
 * venture, verified by the county officer where there is one, with last year's figures.
 */
async function seedVentures(
  ctx: StoryContext,
  signed: { match: MatchedNeed; agreementId: string; signedAt: Date }[],
  holdings: Prisma.EquityHoldingCreateManyInput[],
) {
  const { tx, rand, time } = ctx;
  const ventures: Prisma.CommissionerVentureCreateManyInput[] = [];
  const outcomes: Prisma.CommissionerVentureOutcomeCreateManyInput[] = [];
  for (const holding of holdings) {
    const deal = signed.find((entry) => entry.agreementId === holding.agreementId)!;
    if (!deal.match.expert.commissioner) continue;
    const id = rand.id();
    const createdAt = new Date(deal.signedAt.getTime() + rand.int(3, 10) * DAY);
    ventures.push({
      id,
      commissionerId: deal.match.expert.id,
      role: ventures.length % 2 === 0 ? "FOUNDED" : "JOINT",
      title: `${deal.match.org.name}技术入股`,
      organisationId: deal.match.org.id,
      agreementId: deal.agreementId,
      equityHoldingId: holding.id,
      stakeBp: holding.percentBp,
      startDate: startOfLuoyangDay(luoyangToday(deal.signedAt)),
      countyCode: deal.match.org.countyCode,
      recordedById: deal.match.expert.id,
      createdAt,
      verifiedAt: new Date(createdAt.getTime() + 3 * DAY),
      verifiedById: ctx.bureauUserId,
    });
    const quarter = time.ago(20);
    if (quarter > createdAt)
      outcomes.push({
        id: rand.id(),
        ventureId: id,
        period: luoyangToday(quarter).slice(0, 7),
        revenueFen: BigInt(rand.int(20, 120) * 1_000_000),
        jobs: rand.int(2, 15),
        householdsReached: rand.int(5, 40),
        note: "按合作社账目填报。",
        recordedById: deal.match.expert.id,
        createdAt: quarter,
      });
  }
  await tx.commissionerVenture.createMany({ data: ventures });
  await tx.commissionerVentureOutcome.createMany({ data: outcomes });
}

/** Settled reports are paid payer → payee through the ledger (REVENUE_SHARE), then all are written. */
async function settleRevenue(ctx: StoryContext, reports: RevenuePlan[]) {
  const { tx } = ctx;
  const rows: Prisma.RevenueReportCreateManyInput[] = [];
  for (const report of reports) {
    let transferId: string | null = null;
    if (report.settle && report.shareDueFen > 0) {
      const to = await ensureWallet(tx, { userId: report.match.expert.id });
      transferId = (
        await atLedgerTime(tx, settledAt(ctx, report), () =>
          transfer(tx, {
            from: walletId({ organisationId: report.match.org.id }),
            to,
            amountFen: report.shareDueFen,
            reason: "REVENUE_SHARE",
            agreementId: report.agreementId,
            actorId: report.match.org.headId,
            memo: `${report.start}–${report.end}`,
          }),
        )
      ).id;
    }
    rows.push({
      id: ctx.rand.id(),
      agreementId: report.agreementId,
      component: report.component,
      periodStart: startOfLuoyangDay(report.start),
      periodEnd: startOfLuoyangDay(report.end),
      baseFen: report.baseFen,
      shareDueFen: report.shareDueFen,
      note: "本季度销售收入，附销售台账。",
      reportedById: report.match.org.headId,
      status: report.settle ? "SETTLED" : "REPORTED",
      settledAt: report.settle ? settledAt(ctx, report) : null,
      transferId,
      createdAt: report.reportedAt,
    });
  }
  await tx.revenueReport.createMany({ data: rows });
}
