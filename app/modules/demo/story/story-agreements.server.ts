import type { Prisma } from "~/generated/prisma/client";
import type { MilestoneStatus } from "~/generated/prisma/enums";
import { nextContractNumber } from "~/modules/agreements/agreements.server";
import type { AgreementTerms, ComponentTerms, MilestoneTerms } from "~/modules/agreements/terms";
import { termsHash } from "~/modules/agreements/terms-hash.server";
import { payIntoEscrow } from "~/modules/escrow/escrow-funding.server";
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

/**
 * One agreement per matched need, at a stage that fits how long ago it was matched, with money
 * moved through the ledger as the services move it: platform finance records the village's bank
 * transfer (creditOfflineDeposit), the village pays each funded milestone into escrow
 * (payIntoEscrow), and escrow is released, split or refunded with the matching ledger reasons.
 * Completed ones get reviews; revenue shares get quarterly reports; equity its register row.
 */
export async function seedStoryAgreements(ctx: StoryContext, matched: MatchedNeed[]) {
  const { tx, rand, time } = ctx;
  const reviews: Prisma.ReviewCreateManyInput[] = [];
  const summary = { agreements: 0, funded: 0 };
  for (const match of matched) {
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
      title: match.title.length >= 4 ? match.title.slice(0, 70) : `${match.title}技术协议`,
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
    const agreement = await tx.agreement.create({
      data: {
        number: await nextContractNumber(tx, createdAt),
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
        versions: {
          create: {
            version: 1,
            terms,
            termsHash: hash,
            status: signed ? "SIGNED" : stage === "PROPOSED" ? "PROPOSED" : "DRAFT",
            createdById: match.org.headId,
            createdAt,
            proposedAt: stage === "DRAFT" ? null : proposedAt,
            signedAt: signed ? signedAt : null,
            signatures: signed
              ? {
                  create: [
                    {
                      userId: match.org.headId,
                      party: "PAYER",
                      termsHash: hash,
                      signedAt: new Date(signedAt.getTime() - 2 * HOUR),
                    },
                    { userId: match.expert.id, party: "PAYEE", termsHash: hash, signedAt },
                  ],
                }
              : stage === "PROPOSED"
                ? {
                    create: [
                      {
                        userId: match.org.headId,
                        party: "PAYER",
                        termsHash: hash,
                        signedAt: new Date(proposedAt.getTime() + HOUR),
                      },
                    ],
                  }
                : undefined,
          },
        },
        milestones: hasMilestones
          ? {
              create: milestones.map((milestone, position) => {
                const state = states[position] ?? { status: "PLANNED" as const };
                const resolvedPayeeFen =
                  state.status === "RESOLVED" ? Math.floor(milestone.amountFen * 0.6) : null;
                return {
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
                        resolutionPayeeFen: resolvedPayeeFen,
                        resolutionNote: "经现场核查，按完成量六成支付，其余退回。",
                      }
                    : {}),
                  ...(state.status === "REJECTED"
                    ? { rejectionReason: "培训签到表缺了一页，请补齐后再提交。" }
                    : {}),
                };
              }),
            }
          : undefined,
      },
      select: {
        id: true,
        number: true,
        milestones: {
          orderBy: { position: "asc" },
          select: { id: true, status: true, amountFen: true, resolutionPayeeFen: true },
        },
      },
    });
    summary.agreements++;
    ctx.seeded.push({ subjectType: "Agreement", subjectId: agreement.id });

    // Money: what was ever funded came in by bank transfer first, then into escrow.
    const funded = agreement.milestones.filter((m) => m.status !== "PLANNED");
    const payerWallet = walletId({ organisationId: match.org.id });
    if (funded.length > 0) {
      await creditOfflineDeposit(tx, ctx.platformFinanceUserId, {
        accountId: payerWallet,
        amountFen: funded.reduce((sum, m) => sum + m.amountFen, 0),
        bankReference: `STORY-${agreement.number}`,
        payerName: match.org.name,
        note: "",
      });
      const payee = await ensureWallet(tx, { userId: match.expert.id });
      for (const milestone of funded) {
        summary.funded++;
        const ref = { agreementId: agreement.id, milestoneId: milestone.id, actorId: match.org.headId };
        await payIntoEscrow(tx, { ...ref, from: payerWallet, amountFen: milestone.amountFen }, ESCROW_FUND);
        const from = escrowId(milestone.id);
        if (milestone.status === "RELEASED")
          await transfer(tx, {
            ...ref,
            from,
            to: payee,
            amountFen: milestone.amountFen,
            reason: "MILESTONE_RELEASE",
          });
        if (milestone.status === "REFUNDED")
          await transfer(tx, {
            ...ref,
            from,
            to: payerWallet,
            amountFen: milestone.amountFen,
            reason: "MILESTONE_REFUND",
            actorId: ctx.bureauUserId,
          });
        if (milestone.status === "RESOLVED") {
          const toPayee = milestone.resolutionPayeeFen!;
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
        }
      }
    }

    if (signed) await seedAgreementExtras(ctx, match, agreement.id, terms, signedAt);
    if (completedAt) {
      const written = new Date(completedAt.getTime() + rand.int(1, 4) * DAY);
      reviews.push(
        {
          id: rand.id(),
          agreementId: agreement.id,
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
          agreementId: agreement.id,
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
  await tx.review.createMany({ data: reviews });
  return summary;
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

/** The register for technology equity and quarterly revenue reports for revenue shares. */
async function seedAgreementExtras(
  ctx: StoryContext,
  match: MatchedNeed,
  agreementId: string,
  terms: AgreementTerms,
  signedAt: Date,
) {
  const { tx, rand, time } = ctx;
  const version = await tx.agreementVersion.findFirstOrThrow({
    where: { agreementId, version: 1 },
    select: { id: true },
  });
  for (const [index, component] of terms.components.entries()) {
    if (component.type === "TECH_EQUITY") {
      await tx.equityHolding.create({
        data: {
          agreementId,
          versionId: version.id,
          enterpriseName: component.enterpriseName,
          enterpriseOrganisationId: component.enterpriseOrganisationId,
          holderUserId: match.expert.id,
          percentBp: component.equityBp,
          valuationFen: BigInt(component.valuationFen),
          vestingStart: startOfLuoyangDay(component.vestingStart),
          vestingMonths: component.vestingMonths,
          cliffMonths: component.cliffMonths,
          createdAt: signedAt,
        },
      });
    }
    if (component.type === "REVENUE_SHARE") {
      const ended = periodsOf(component, time.now).filter((slot) => slot.timing !== "upcoming");
      for (const [position, slot] of ended.entries()) {
        const baseFen = rand.int(80, 260) * 100_000;
        const due = shareDue(baseFen, component);
        const reportedAt = new Date(startOfLuoyangDay(slot.end).getTime() + rand.int(2, 10) * DAY);
        if (reportedAt > time.now) continue;
        const settle = position < ended.length - 1;
        const payer = walletId({ organisationId: match.org.id });
        let transferId: string | null = null;
        if (settle) {
          await creditOfflineDeposit(tx, ctx.platformFinanceUserId, {
            accountId: payer,
            amountFen: due,
            bankReference: `STORY-RS-${agreementId.slice(-8)}-${position + 1}`,
            payerName: match.org.name,
            note: "",
          });
          const to = await ensureWallet(tx, { userId: match.expert.id });
          transferId = (
            await transfer(tx, {
              from: payer,
              to,
              amountFen: due,
              reason: "REVENUE_SHARE",
              agreementId,
              actorId: match.org.headId,
              memo: `${slot.start}–${slot.end}`,
            })
          ).id;
        }
        await tx.revenueReport.create({
          data: {
            agreementId,
            component: index,
            periodStart: startOfLuoyangDay(slot.start),
            periodEnd: startOfLuoyangDay(slot.end),
            baseFen,
            shareDueFen: due,
            note: "本季度销售收入，附销售台账。",
            reportedById: match.org.headId,
            status: settle ? "SETTLED" : "REPORTED",
            settledAt: settle
              ? new Date(Math.min(reportedAt.getTime() + 3 * DAY, time.now.getTime() - HOUR))
              : null,
            transferId,
            createdAt: reportedAt,
          },
        });
      }
    }
  }
}
