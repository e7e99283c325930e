import type { Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import {
  collectDebts,
  ensureAccount,
  ensureWallet,
  openDebt,
  programmeAccountId,
  transfer,
} from "~/modules/ledger/ledger.server";
import { partyWallet } from "~/modules/ledger/party-wallet";
import { seizeHeldWithdrawals } from "~/modules/wallet/withdrawals.server";
import { moneyParam } from "~/i18n/format";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import {
  assertBureau,
  commitAndDeliver,
  lockApplication,
  notifyAll,
  lockSanction,
} from "./sanction-steps.server";
import type { RequestMeta } from "~/utils/request.server";

/**
 * 追缴: demands `amountFen` back (at most what was disbursed less earlier demands). What the
 * organisation's wallet holds now, and then its held (requested, unpaid) withdrawals, go back to
 * the programme at once; the rest is a debt of the wallet (ledger `openDebt`): nothing leaves the
 * wallet while it is owed, and money arriving there pays it first.
 */
export async function clawBack(
  actor: Actor,
  applicationId: string,
  input: { amountFen: number; reason: string },
  meta: RequestMeta = {},
) {
  assertBureau(actor);
  return commitAndDeliver(async (tx) => {
    const application = await lockApplication(tx, applicationId);
    const earlier = await tx.sanction.aggregate({
      where: { programmeApplicationId: applicationId, kind: "CLAWBACK" },
      _sum: { amountFen: true },
    });
    const claimable = application.disbursedFen - (earlier._sum.amountFen ?? 0);
    if (input.amountFen > claimable)
      throw new DomainError("sanction.clawback_exceeds", { max: moneyParam(Math.max(claimable, 0)) });
    const recovery = {
      party: { userId: application.applicantId, organisationId: application.organisationId },
      programmeId: application.programmeId,
      applicationId,
      actorId: actor.id,
      memo: input.reason,
    };
    const { wallet, programme } = await lockAccounts(tx, recovery);
    const balance = await walletBalance(tx, wallet);
    if (balance < input.amountFen)
      await seizeHeldWithdrawals(tx, wallet, input.amountFen - balance, actor.id, input.reason);
    const recoveredFen = await recoverFromWallet(tx, { ...recovery, wantedFen: input.amountFen });
    const owedFen = input.amountFen - recoveredFen;
    const sanction = await tx.sanction.create({
      data: {
        kind: "CLAWBACK",
        programmeApplicationId: applicationId,
        organisationId: application.organisationId,
        reason: input.reason,
        amountFen: input.amountFen,
        recoveredFen,
        owedFen,
        createdById: actor.id,
      },
      select: { id: true, amountFen: true, recoveredFen: true, owedFen: true },
    });
    if (owedFen > 0)
      await openDebt(tx, {
        debtor: wallet,
        creditor: programme,
        amountFen: owedFen,
        sanctionId: sanction.id,
        programmeApplicationId: applicationId,
        memo: input.reason,
      });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "sanction.clawback",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      before: { claimableFen: claimable },
      after: {
        sanctionId: sanction.id,
        amountFen: input.amountFen,
        recoveredFen,
        owedFen,
        reason: input.reason,
      },
      ip: meta.ip,
    });
    const rows = await notifyAll(
      tx,
      { organisationId: application.organisationId },
      {
        type: "sanction.clawback",
        params: {
          programme: application.title,
          demanded: moneyParam(input.amountFen),
          collected: moneyParam(recoveredFen),
          owed: moneyParam(owedFen),
          reason: input.reason,
        },
      },
    );
    return { result: sanction, rows };
  });
}

/**
 * 追缴 follow-up: pays the organisation wallet's debts, oldest first, from what it holds now.
 * Money arriving pays them by itself; this is for money that arrived before the debt was recorded.
 */
export async function collectOwed(actor: Actor, sanctionId: string, meta: RequestMeta = {}) {
  assertBureau(actor);
  return commitAndDeliver(async (tx) => {
    const sanction = await lockSanction(tx, sanctionId);
    if (
      sanction.kind !== "CLAWBACK" ||
      !sanction.application ||
      !sanction.programmeApplicationId ||
      !sanction.organisationId
    )
      throw new DomainError("sanction.not_clawback");
    const owed = sanction.owedFen ?? 0;
    if (owed <= 0) throw new DomainError("sanction.nothing_owed");
    const { wallet } = await lockAccounts(tx, {
      party: { userId: sanction.application.applicantId, organisationId: sanction.organisationId },
      programmeId: sanction.application.programmeId,
    });
    await collectDebts(tx, wallet, actor.id);
    // The debt's trigger (prisma/rules.sql) has carried what was paid onto the sanction.
    const after = await tx.sanction.findUniqueOrThrow({
      where: { id: sanctionId },
      select: { owedFen: true, recoveredFen: true },
    });
    const collected = owed - (after.owedFen ?? 0);
    if (collected === 0) throw new DomainError("sanction.wallet_empty");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "sanction.collected",
      subjectType: "Sanction",
      subjectId: sanctionId,
      before: { owedFen: owed, recoveredFen: sanction.recoveredFen },
      after,
      ip: meta.ip,
    });
    const rows = await notifyAll(
      tx,
      { organisationId: sanction.organisationId },
      {
        type: "sanction.collected",
        params: {
          programme: sanction.application.title,
          collected: moneyParam(collected),
          owed: moneyParam(after.owedFen ?? 0),
        },
      },
    );
    return { result: { collectedFen: collected, ...after }, rows };
  });
}

interface Recovery {
  party: { userId: string; organisationId: string | null };
  programmeId: string;
}

/**
 * Locks the paid party's wallet (partyWallet: the organisation's) and the programme account in id
 * order — the order the ledger's triggers lock in — so balances read here cannot change before
 * the transfers and a concurrent disbursement cannot deadlock with us.
 */
async function lockAccounts(tx: Tx, recovery: Recovery) {
  const wallet = await ensureWallet(tx, partyWallet(recovery.party));
  const programme = await ensureAccount(tx, {
    id: programmeAccountId(recovery.programmeId),
    kind: "PROGRAMME",
  });
  await tx.$queryRaw`
    SELECT id FROM "LedgerAccount" WHERE id IN (${wallet}, ${programme}) ORDER BY id FOR UPDATE`;
  return { wallet, programme };
}

async function walletBalance(tx: Tx, wallet: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ balanceFen: bigint }[]>`
    SELECT "balanceFen" FROM "LedgerAccount" WHERE id = ${wallet}`;
  return Number(row?.balanceFen ?? 0n);
}

/** Moves min(wanted, wallet balance) from the wallet to the programme account (both locked). */
async function recoverFromWallet(
  tx: Tx,
  input: Recovery & { applicationId: string; wantedFen: number; actorId: string; memo: string },
): Promise<number> {
  const { wallet, programme } = await lockAccounts(tx, input);
  const amountFen = Math.min(input.wantedFen, Math.max(await walletBalance(tx, wallet), 0));
  if (amountFen > 0) {
    await transfer(tx, {
      from: wallet,
      to: programme,
      amountFen,
      reason: "CLAWBACK",
      programmeApplicationId: input.applicationId,
      actorId: input.actorId,
      memo: input.memo,
    });
  }
  return amountFen;
}
