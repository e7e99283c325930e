import { MILESTONE_TRANSITIONS } from "./escrow.states";
import { recordAudit } from "~/modules/audit/audit.server";
import { idempotent } from "~/modules/ledger/idempotency.server";
import { ensureWallet } from "~/modules/ledger/ledger.server";
import { type Actor } from "~/modules/users/permissions";
import { enqueueEvent } from "~/modules/webhooks/webhooks.server";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { moneyParam } from "~/i18n/format";
import { payIntoEscrow } from "./escrow-funding.server";
import { assertMaySpend } from "~/modules/wallet/wallet-owners.server";
import { assertTransition } from "~/utils/state-machine";
import { mayFundFrom, parseFunderAccount } from "./funder-accounts";
import { uncommittedFen } from "~/modules/programmes/programmes.server";

import { recipients, notices, inTransaction, lockMilestone, moveMilestone } from "./escrow.core.server";

/**
 * One payer of a co-funded milestone puts its share into the milestone's escrow. Who may: an
 * organisation's paying members for its wallet, the owner of a personal wallet, programme staff
 * for a programme's co-pay — and a programme only up to what it has not promised to approved
 * applicants (read under the programme's row lock, as approvals and disbursements take it).
 * When the last share is in, the milestone is FUNDED just as fundMilestone leaves it.
 */
export async function fundShare(
  actor: Actor,
  milestoneId: string,
  funderId: string,
  key: string,
  meta: RequestMeta = {},
) {
  const { result } = await inTransaction((tx, notify) =>
    idempotent(
      tx,
      { actorId: actor.id, key, scope: "milestone.fund_share", request: { milestoneId, funderId } },
      async () => {
        const milestone = await lockMilestone(tx, milestoneId);
        const { agreement } = milestone;
        const funder = await tx.milestoneFunder.findFirst({
          where: { id: funderId, milestoneId },
          select: { id: true, accountId: true, shareFen: true, fundedAt: true },
        });
        if (!funder) throw new DomainError("cofunding.share_not_found");
        if (!mayFundFrom(actor, funder.accountId)) throw new DomainError("cofunding.not_your_share");
        if (agreement.status !== "ACTIVE") throw new DomainError("escrow.agreement_not_active");
        if (funder.fundedAt) throw new DomainError("cofunding.share_funded");
        assertTransition(MILESTONE_TRANSITIONS, milestone.status, "FUNDED", "escrow.invalid_transition");
        const account = parseFunderAccount(funder.accountId)!;
        let from = funder.accountId;
        if (account.kind === "programme") {
          await tx.$queryRaw`SELECT id FROM "Programme" WHERE id = ${account.id} FOR UPDATE`;
          const available = await uncommittedFen(account.id, tx);
          if (funder.shareFen > available)
            throw new DomainError("cofunding.programme_insufficient", {
              available: moneyParam(Math.max(0, available)),
            });
        } else {
          const owner = account.kind === "org" ? { organisationId: account.id } : { userId: account.id };
          await assertMaySpend(actor, owner, tx);
          from = await ensureWallet(tx, owner);
        }
        const transferId = await payIntoEscrow(
          tx,
          {
            from,
            amountFen: funder.shareFen,
            agreementId: agreement.id,
            milestoneId: milestone.id,
            actorId: actor.id,
            memo: `share:${funder.id}`,
          },
          {
            code: "cofunding.insufficient_funds",
            ledgerCodes: ["ledger.insufficient_funds", "ledger.account_missing"],
          },
        );
        const now = new Date();
        await tx.milestoneFunder.update({
          where: { id: funder.id },
          data: { fundedAt: now, fundedById: actor.id, transferId },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "milestone.share_funded",
          subjectType: "Milestone",
          subjectId: milestone.id,
          after: { funderId: funder.id, accountId: funder.accountId, shareFen: funder.shareFen, transferId },
          ip: meta.ip ?? null,
        });
        const remaining = await tx.milestoneFunder.count({
          where: { milestoneId: milestone.id, fundedAt: null },
        });
        if (remaining === 0) {
          await moveMilestone(
            tx,
            milestone,
            "FUNDED",
            { fundedAt: now },
            { actorId: actor.id, ip: meta.ip, extra: { transferId, cofunded: true } },
          );
          await enqueueEvent(tx, {
            organisationIds: [agreement.payerOrganisationId, agreement.payeeOrganisationId],
            event: "milestone.funded",
            payload: {
              milestoneId: milestone.id,
              agreementId: agreement.id,
              title: milestone.title,
              amountFen: milestone.amountFen,
              status: "FUNDED",
              occurredAt: now.toISOString(),
            },
          });
          notify(notices(await recipients(tx, agreement, "payee", actor.id), "milestone.funded", milestone));
        }
        return {
          milestoneId: milestone.id,
          funderId: funder.id,
          transferId,
          shareFen: funder.shareFen,
          remaining,
          status: remaining === 0 ? "FUNDED" : "PLANNED",
        };
      },
    ),
  );
  return result;
}
