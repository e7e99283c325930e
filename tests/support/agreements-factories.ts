import { db } from "~/db.server";
import type { ArrangementType } from "~/generated/prisma/enums";
import {
  createAgreementFromApplication,
  propose,
  sign,
  updateDraftTerms,
} from "~/modules/agreements/agreements.server";
import {
  addMonths,
  luoyangToday,
  type AgreementTerms,
  type ComponentTerms,
  type RevenueShareTerms,
  type TechEquityTerms,
} from "~/modules/agreements/terms";
import { CLEARING, ensureWallet, transfer } from "~/modules/ledger/ledger.server";
import { TEST_PASSWORD } from "./factories";
import { createExpert, createVillage } from "./needs-factories";

/**
 * A cooperative (its head acts as payer), a verified expert, a need in progress and the expert's
 * accepted application: everything an agreement is drafted from.
 */
export async function createAcceptedApplication({
  arrangement = "TECH_CONTRACT",
  priceFen = 1_200_000,
}: { arrangement?: ArrangementType; priceFen?: number } = {}) {
  const { organisation, head } = await createVillage();
  const expert = await createExpert();
  const need = await db.need.create({
    data: {
      organisationId: organisation.id,
      postedById: head.id,
      title: "香菇菌棒污染防治技术指导",
      description: "今年春季菌棒污染率超过三成，需要专家现场诊断并指导消毒和接种流程。",
      industry: "PLANTING",
      countyCode: "410324",
      arrangements: [arrangement],
      status: "IN_PROGRESS",
      publishedAt: new Date(),
    },
    select: { id: true, title: true },
  });
  const application = await db.application.create({
    data: {
      needId: need.id,
      expertId: expert.id,
      approach: "现场诊断菌棒污染原因，调整灭菌和接种流程，培训社员。",
      timeline: "三个月",
      arrangement,
      priceFen,
      status: "ACCEPTED",
      decidedAt: new Date(),
    },
    select: { id: true },
  });
  return { organisation, payer: head, payee: expert, need, application };
}

export interface SignedAgreementOptions {
  /** One TECH_CONTRACT milestone per amount, in fen; [] for none. Default [100_000]. */
  milestones?: number[];
  /** Adds a REVENUE_SHARE component (10 % of revenue, quarterly, 12 months from the start unless given). */
  revenueShare?: Partial<Omit<RevenueShareTerms, "type">>;
  /** Adds a TECH_EQUITY component (5 % of a ¥500,000 valuation, 36 months, 12-month cliff unless given). */
  equity?: Partial<Omit<TechEquityTerms, "type">>;
  /** The agreement's first day, YYYY-MM-DD; today in Luoyang by default. It runs 24 months. */
  startDate?: string;
  reviewWindowDays?: number;
  /** Credited to the payer's wallet by an offline deposit; default the milestones' sum (0 skips). */
  depositFen?: number;
}

/** The terms the factory signs, also handy for tests that build their own agreements. */
export function signedTermsFor(options: SignedAgreementOptions = {}): AgreementTerms {
  const startDate = options.startDate ?? luoyangToday();
  const amounts = options.milestones ?? [100_000];
  const components: ComponentTerms[] = [];
  if (amounts.length > 0) {
    components.push({
      type: "TECH_CONTRACT",
      feeFen: amounts.reduce((sum, amount) => sum + amount, 0),
      milestones: amounts.map((amountFen, index) => ({
        title: `里程碑 ${index + 1}`,
        deliverables: `第 ${index + 1} 阶段成果`,
        acceptanceCriteria: "经合作社确认",
        amountFen,
      })),
    });
  }
  if (options.revenueShare)
    components.push({
      type: "REVENUE_SHARE",
      shareBp: 1000,
      base: "REVENUE",
      period: "QUARTER",
      startDate,
      termMonths: 12,
      ...options.revenueShare,
    });
  if (options.equity)
    components.push({
      type: "TECH_EQUITY",
      enterpriseName: "栾川协心菌业有限公司",
      valuationFen: 50_000_000,
      equityBp: 500,
      vestingStart: startDate,
      vestingMonths: 36,
      cliffMonths: 12,
      ...options.equity,
    });
  return {
    title: "香菇菌棒污染防治技术承包",
    startDate,
    endDate: addMonths(startDate, 24),
    reviewWindowDays: options.reviewWindowDays ?? 14,
    components,
  };
}

/**
 * An ACTIVE agreement signed by both sides through the real services, with its milestone rows
 * and (by default) enough money in the payer's wallet to fund every milestone.
 * `payer` is the cooperative's head (a village-role member), `payee` the expert; both are actors
 * as a session gives them, and both log in with TEST_PASSWORD.
 */
export async function createSignedAgreement(options: SignedAgreementOptions = {}) {
  const { organisation, payer, payee, application } = await createAcceptedApplication();
  const { id } = await createAgreementFromApplication(payer, application.id);
  await updateDraftTerms(payer, id, signedTermsFor(options));
  await propose(payer, id);
  await sign(payer, id, TEST_PASSWORD, "10.5.0.1");
  await sign(payee, id, TEST_PASSWORD, "10.5.0.2");
  const agreement = await db.agreement.findUniqueOrThrow({
    where: { id },
    select: { id: true, number: true, title: true, status: true, reviewWindowDays: true },
  });
  const milestones = await db.milestone.findMany({
    where: { agreementId: id },
    select: { id: true, position: true, title: true, amountFen: true, status: true },
    orderBy: { position: "asc" },
  });
  const depositFen = options.depositFen ?? milestones.reduce((sum, m) => sum + m.amountFen, 0);
  const payerWallet = await db.$transaction(async (tx) => {
    const wallet = await ensureWallet(tx, { organisationId: organisation.id });
    if (depositFen > 0)
      await transfer(tx, {
        from: CLEARING,
        to: wallet,
        amountFen: depositFen,
        reason: "DEPOSIT",
        memo: "test deposit",
      });
    return wallet;
  });
  return { agreement, payer, payee, organisation, milestones, payerWallet };
}
