import { db } from "~/db.server";
import type { ProgrammeApplicationStatus } from "~/generated/prisma/enums";
import {
  CLEARING,
  balanceOf,
  ensureAccount,
  ensureWallet,
  programmeAccountId,
  transfer,
  walletId,
} from "~/modules/ledger/ledger.server";
import { createBureau, createVillage } from "./needs-factories";

/**
 * A cooperative with a programme application the bureau approved and paid: the programme account
 * gets its budget from clearing, `disbursedFen` goes to the cooperative's wallet, and the
 * cooperative then spends `spentFen` of it (a withdrawal), leaving the rest in the wallet.
 */
export async function createDisbursedApplication({
  budgetFen = 1_000_000,
  disbursedFen = 30_000,
  spentFen = 0,
  status = "DISBURSED",
}: {
  budgetFen?: number;
  disbursedFen?: number;
  spentFen?: number;
  status?: ProgrammeApplicationStatus;
} = {}) {
  const bureau = await createBureau();
  const { organisation, head } = await createVillage();
  const programme = await db.programme.create({
    data: {
      kind: "GRANT",
      year: 2026,
      title: "科技扶贫专项",
      description: "农村科技产业化项目资助",
      budgetFen,
      deadline: new Date("2026-12-31T16:00:00Z"),
      status: "OPEN",
      createdById: bureau.id,
    },
    select: { id: true },
  });
  const approved = status !== "SUBMITTED" && status !== "REJECTED" && status !== "WITHDRAWN";
  const application = await db.programmeApplication.create({
    data: {
      programmeId: programme.id,
      organisationId: organisation.id,
      applicantId: head.id,
      title: "香菇菌棒标准化生产",
      summary: "建设标准化菌棒生产线",
      countyCode: "410324",
      industry: "PLANTING",
      requestedFen: disbursedFen,
      status,
      approvedFen: approved ? disbursedFen : null,
      disbursedFen: approved ? disbursedFen : 0,
      decidedById: approved ? bureau.id : null,
      decidedAt: approved ? new Date() : null,
    },
    select: { id: true, title: true },
  });
  const programmeAccount = programmeAccountId(programme.id);
  const wallet = walletId({ organisationId: organisation.id });
  await db.$transaction(async (tx) => {
    await ensureAccount(tx, { id: programmeAccount, kind: "PROGRAMME" });
    await ensureWallet(tx, { organisationId: organisation.id });
    await transfer(tx, {
      from: CLEARING,
      to: programmeAccount,
      amountFen: budgetFen,
      reason: "PROGRAMME_BUDGET",
    });
    if (!approved) return;
    await transfer(tx, {
      from: programmeAccount,
      to: wallet,
      amountFen: disbursedFen,
      reason: "DISBURSEMENT",
      programmeApplicationId: application.id,
    });
    if (spentFen > 0)
      await transfer(tx, { from: wallet, to: CLEARING, amountFen: spentFen, reason: "WITHDRAWAL_PAID" });
  });
  return { bureau, organisation, head, programme, application, programmeAccount, wallet };
}

/** Money arriving later in an organisation's wallet (a deposit). */
export async function deposit(organisationId: string, amountFen: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const wallet = await ensureWallet(tx, { organisationId });
    await transfer(tx, { from: CLEARING, to: wallet, amountFen, reason: "DEPOSIT" });
  });
}

export { balanceOf };
