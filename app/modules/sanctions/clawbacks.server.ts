import type { Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { ensureAccount, ensureWallet, programmeAccountId, transfer } from "~/modules/ledger/ledger.server";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { fenToYuanText } from "~/utils/money";
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
 * organisation's wallet holds now goes back to the programme at once; the rest is recorded as owed
 * and collected later with `collectOwed`.
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
      throw new DomainError("sanction.clawback_exceeds", { max: fenToYuanText(Math.max(claimable, 0)) });
    const recoveredFen = await recoverFromWallet(tx, {
      organisationId: application.organisationId,
      programmeId: application.programmeId,
      applicationId,
      wantedFen: input.amountFen,
      actorId: actor.id,
      memo: input.reason,
    });
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
          amount: fenToYuanText(input.amountFen),
          reason: input.reason,
        },
      },
    );
    return { result: sanction, rows };
  });
}

/** 追缴 follow-up: takes what the wallet holds now, up to what is still owed. */
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
    const collected = await recoverFromWallet(tx, {
      organisationId: sanction.organisationId,
      programmeId: sanction.application.programmeId,
      applicationId: sanction.programmeApplicationId,
      wantedFen: owed,
      actorId: actor.id,
      memo: sanction.reason,
    });
    if (collected === 0) throw new DomainError("sanction.wallet_empty");
    const after = { owedFen: owed - collected, recoveredFen: (sanction.recoveredFen ?? 0) + collected };
    await tx.sanction.update({ where: { id: sanctionId }, data: after, select: { id: true } });
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
        params: { programme: sanction.application.title, amount: fenToYuanText(collected) },
      },
    );
    return { result: { collectedFen: collected, ...after }, rows };
  });
}

/**
 * Moves min(wanted, wallet balance) from the organisation's wallet to the programme account.
 * Both account rows are locked in id order — the order the ledger's triggers lock in — so the
 * balance read here cannot change before the transfer, and a concurrent disbursement cannot
 * deadlock with us.
 */
async function recoverFromWallet(
  tx: Tx,
  input: {
    organisationId: string;
    programmeId: string;
    applicationId: string;
    wantedFen: number;
    actorId: string;
    memo: string;
  },
): Promise<number> {
  const wallet = await ensureWallet(tx, { organisationId: input.organisationId });
  const programme = await ensureAccount(tx, { id: programmeAccountId(input.programmeId), kind: "PROGRAMME" });
  const locked = await tx.$queryRaw<{ id: string; balanceFen: bigint }[]>`
    SELECT id, "balanceFen" FROM "LedgerAccount" WHERE id IN (${wallet}, ${programme}) ORDER BY id FOR UPDATE`;
  const balance = Number(locked.find((row) => row.id === wallet)?.balanceFen ?? 0n);
  const amountFen = Math.min(input.wantedFen, Math.max(balance, 0));
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
