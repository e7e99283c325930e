import type { Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { ensureWallet, programmeAccountId, transfer } from "~/modules/ledger/ledger.server";
import { partyWallet } from "~/modules/ledger/party-wallet";
import { assertNotBanned } from "~/modules/sanctions/bans.server";
import { type Actor } from "~/modules/users/permissions";
import { DomainError, isDomainError } from "~/utils/errors";
import { disbursementBlocker } from "./programmes.rules";
import {
  type ApplicationRow,
  type Notifications,
  moneyText,
  notifyApplicant,
  findApplication,
} from "./programmes.core.server";

/**
 * Locks the programme row and then the application row, the order every money flow of a
 * programme takes (decision, proposal, payment), so two of them cannot deadlock and each sees
 * what the one before it wrote.
 */
export async function lockForPayment(tx: Tx, applicationId: string): Promise<ApplicationRow> {
  const { programmeId } = await findApplication(tx, applicationId);
  await tx.$queryRaw`SELECT id FROM "Programme" WHERE id = ${programmeId} FOR UPDATE`;
  await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${applicationId} FOR UPDATE`;
  return findApplication(tx, applicationId);
}

/**
 * Refuses when the application may not be paid now: suspended (停拨), not approved, paid in
 * full, a post-subsidy without a passing evaluation, or a banned organisation or applicant.
 */
export async function assertPayable(tx: Tx, application: ApplicationRow, now: Date): Promise<void> {
  const programme = await tx.programme.findUniqueOrThrow({
    where: { id: application.programmeId },
    select: { kind: true },
  });
  await assertNotBanned(
    { userId: application.applicantId, organisationIds: [application.organisationId] },
    now,
    tx,
  );
  const outcome = await tx.programmeOutcome.findUnique({
    where: { applicationId: application.id },
    select: { score: true },
  });
  const blocker = disbursementBlocker({
    ...application,
    kind: programme.kind,
    score: outcome?.score ?? null,
  });
  if (blocker) throw new DomainError(blocker.code, blocker.params);
}

/**
 * Pays an approved project from programme:<id> into its organisation's wallet. Only the finance
 * bureau's signature on a proposal calls this (programmes.cosign.server.ts), inside its
 * transaction and after `lockForPayment`; the ledger's no-overdraft CHECK is the last guard on
 * the budget.
 */
export async function payApplication(
  tx: Tx,
  actor: Actor,
  application: ApplicationRow,
  amountFen: number,
  now: Date,
): Promise<{ transferId: string; rows: Notifications }> {
  await assertPayable(tx, application, now);
  const remaining = application.approvedFen! - application.disbursedFen;
  if (amountFen > remaining)
    throw new DomainError("programme.over_approved", { remaining: moneyText(remaining) });
  // The applicant organisation named on the application is paid, never the person who filed it.
  const wallet = await ensureWallet(
    tx,
    partyWallet({ userId: application.applicantId, organisationId: application.organisationId }),
  );
  let paid: { id: string };
  try {
    paid = await transfer(tx, {
      from: programmeAccountId(application.programmeId),
      to: wallet,
      amountFen,
      reason: "DISBURSEMENT",
      programmeApplicationId: application.id,
      actorId: actor.id,
    });
  } catch (error) {
    if (isDomainError(error) && error.code === "ledger.insufficient_funds")
      throw new DomainError("programme.budget_exhausted");
    throw error;
  }
  const disbursedFen = application.disbursedFen + amountFen;
  // A fully paid grant is DISBURSED; an evaluated one (or a post-subsidy) stays EVALUATED.
  const status =
    disbursedFen === application.approvedFen && application.status === "APPROVED"
      ? "DISBURSED"
      : application.status;
  await tx.programmeApplication.update({
    where: { id: application.id },
    data: { disbursedFen, status },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId: actor.id,
    action: "programme.disbursed",
    subjectType: "ProgrammeApplication",
    subjectId: application.id,
    before: { status: application.status, disbursedFen: application.disbursedFen },
    after: { status, disbursedFen, transferId: paid.id },
  });
  const rows = await notifyApplicant(tx, application, {
    type: "programme.disbursed",
    params: { title: application.title, amount: moneyText(amountFen) },
  });
  return { transferId: paid.id, rows };
}
