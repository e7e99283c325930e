import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { idempotent } from "~/modules/ledger/idempotency.server";
import { ensureWallet, programmeAccountId, transfer } from "~/modules/ledger/ledger.server";
import { partyWallet } from "~/modules/ledger/party-wallet";
import { deliverNotifications } from "~/modules/notifications/notifications.server";
import { assertNotBanned } from "~/modules/sanctions/bans.server";
import { type Actor } from "~/modules/users/permissions";
import { DomainError, isDomainError } from "~/utils/errors";
import { disbursementBlocker } from "./programmes.rules";
import {
  type Notifications,
  moneyText,
  requireCan,
  notifyApplicant,
  findApplication,
} from "./programmes.core.server";

export interface DisburseInput {
  applicationId: string;
  /** Omitted: the rest of what was approved. */
  amountFen?: number;
  idempotencyKey: string;
}

/**
 * Pays an approved project from programme:<id> into its organisation's wallet. The programme row
 * and then the application row are locked, so parallel payments queue: each sees what the one
 * before it paid and can never pay beyond the approval; the ledger's no-overdraft CHECK is the
 * last guard on the budget. The idempotency key makes a double submit pay once.
 */
export async function disburse(
  actor: Actor,
  input: DisburseInput,
  now: Date = new Date(),
): Promise<{ amountFen: number; transferId: string }> {
  requireCan(actor, "programme.manage");
  const { result, rows } = await db.$transaction(async (tx) => {
    let rows: Notifications = [];
    const request = { applicationId: input.applicationId, amountFen: input.amountFen ?? null };
    const { result } = await idempotent(
      tx,
      { actorId: actor.id, key: input.idempotencyKey, scope: "programme.disburse", request },
      async () => {
        const { programmeId } = await findApplication(tx, input.applicationId);
        await tx.$queryRaw`SELECT id FROM "Programme" WHERE id = ${programmeId} FOR UPDATE`;
        await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${input.applicationId} FOR UPDATE`;
        const application = await findApplication(tx, input.applicationId);
        const programme = await tx.programme.findUniqueOrThrow({
          where: { id: programmeId },
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

        const remaining = application.approvedFen! - application.disbursedFen;
        const amountFen = input.amountFen ?? remaining;
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
            from: programmeAccountId(programmeId),
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
        rows = await notifyApplicant(tx, application, {
          type: "programme.disbursed",
          params: { title: application.title, amount: moneyText(amountFen) },
        });
        return { amountFen, transferId: paid.id };
      },
    );
    return { result, rows };
  });
  await deliverNotifications(rows);
  return result;
}
