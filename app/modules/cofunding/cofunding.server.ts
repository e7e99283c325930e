import { db, type Tx } from "~/db.server";
import { payerWallet } from "~/modules/escrow/parties";
import { recordAudit } from "~/modules/audit/audit.server";
import { actsForPayer } from "~/modules/escrow/escrow.server";
import { lockAgreement, milestoneSelect } from "~/modules/escrow/escrow.core.server";
import { balanceOf, escrowId, walletId } from "~/modules/ledger/ledger.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { moneyParam } from "~/i18n/format";
import { ORG_PAYING_ROLES, parseFunderAccount } from "~/modules/escrow/funder-accounts";
import { MAX_FUNDERS, type FunderInput } from "./cofunding.schema";
import { percentSharesToFen } from "~/modules/escrow/shares";
import { fundersHref, programmeCopayAvailableFen } from "./cofunding.queries.server";

/**
 * Co-funded milestones: several payers share one milestone's amount, each funding its own share
 * into the one escrow. The money paths (funding a share, refunds split by share) live in escrow
 * beside the other escrow actions; this module sets the payers (here) and reads them
 * (cofunding.queries.server.ts, re-exported here).
 */

type Notifications = Awaited<ReturnType<typeof createNotifications>>;

// Error params are shown in either language, so money goes in as plain "¥1234.50".
const moneyText = moneyParam;

/** People to tell that they were named as a payer: the organisation's paying members, or programme staff. */
async function payerPeople(tx: Tx, accountId: string): Promise<string[]> {
  const account = parseFunderAccount(accountId);
  if (!account) return [];
  if (account.kind === "user") return [account.id];
  if (account.kind === "org") {
    const members = await tx.membership.findMany({
      where: { organisationId: account.id, role: { in: [...ORG_PAYING_ROLES] } },
      select: { userId: true },
    });
    return members.map((m) => m.userId);
  }
  const staff = await tx.user.findMany({ where: { primaryRole: "BUREAU" }, select: { id: true } });
  return staff.map((u) => u.id);
}

/** Refuses an account that may not pay a share of this agreement's milestone. */
async function checkPayerAccount(
  tx: Tx,
  accountId: string,
  shareFen: number,
  context: {
    payerAccount: string;
    payeeUserId: string;
    payeeOrganisationId: string | null;
    milestoneId: string;
  },
) {
  if (accountId === context.payerAccount) return;
  const account = parseFunderAccount(accountId);
  // Another person's wallet, or the expert's side paying itself, is not a co-payer.
  if (
    !account ||
    account.kind === "user" ||
    (account.kind === "org" && account.id === context.payeeOrganisationId)
  )
    throw new DomainError("cofunding.payer_invalid");
  if (account.kind === "org") {
    const organisation = await tx.organisation.findUnique({
      where: { id: account.id },
      select: { verifiedAt: true, hiddenAt: true },
    });
    if (!organisation) throw new DomainError("cofunding.payer_invalid");
    if (!organisation.verifiedAt || organisation.hiddenAt) throw new DomainError("cofunding.org_unverified");
    return;
  }
  // The programme's row lock serialises this with approvals, disbursements and other co-pays.
  await tx.$queryRaw`SELECT id FROM "Programme" WHERE id = ${account.id} FOR UPDATE`;
  const programme = await tx.programme.findUnique({ where: { id: account.id }, select: { status: true } });
  if (!programme) throw new DomainError("cofunding.payer_invalid");
  if (programme.status !== "OPEN" && programme.status !== "CLOSED")
    throw new DomainError("cofunding.programme_unavailable");
  const available = await programmeCopayAvailableFen(account.id, tx, context.milestoneId);
  if (shareFen > available)
    throw new DomainError("cofunding.programme_insufficient", {
      available: moneyText(Math.max(0, available)),
    });
}

/** The typed shares in fen: yuan rows are fen already; percentage rows are split by the stated rule. */
function sharesInFen(amountFen: number, funders: FunderInput[]): number[] {
  if (funders.every((f) => "shareFen" in f)) return funders.map((f) => ("shareFen" in f ? f.shareFen : 0));
  if (funders.every((f) => "shareBp" in f))
    return percentSharesToFen(
      amountFen,
      funders.map((f) => ("shareBp" in f ? f.shareBp : 0)),
    );
  throw new DomainError("cofunding.share_not_positive");
}

/**
 * The paying side names the milestone's payers, each with a share (fen, or percent of the
 * amount), while the milestone awaits funding and nobody has funded yet. The shares must add up
 * to the milestone's amount exactly. An empty list returns the milestone to the single payer.
 * The other payers (organisation members, programme staff) are told.
 */
export async function setFunders(
  actor: Actor,
  milestoneId: string,
  funders: FunderInput[],
  meta: RequestMeta = {},
): Promise<{ count: number }> {
  let rows: Notifications = [];
  const result = await db.$transaction(async (tx) => {
    // Same lock order as every escrow action: the agreement, then the milestone.
    const found = await tx.milestone.findUnique({
      where: { id: milestoneId },
      select: { agreementId: true },
    });
    if (!found) throw new DomainError("cofunding.not_found");
    await lockAgreement(tx, found.agreementId);
    await tx.$queryRaw`SELECT id FROM "Milestone" WHERE id = ${milestoneId} FOR UPDATE`;
    const milestone = await tx.milestone.findUniqueOrThrow({
      where: { id: milestoneId },
      select: {
        ...milestoneSelect,
        funders: {
          orderBy: { position: "asc" },
          select: { accountId: true, shareFen: true, fundedAt: true },
        },
      },
    });
    const { agreement } = milestone;
    if (!actsForPayer(actor, agreement)) throw new DomainError("escrow.wrong_side");
    if (agreement.status !== "ACTIVE") throw new DomainError("escrow.agreement_not_active");
    const anyFunded =
      milestone.funders.some((f) => f.fundedAt) || (await balanceOf(escrowId(milestone.id), tx)) > 0;
    if (milestone.status !== "PLANNED" || anyFunded) throw new DomainError("cofunding.locked");

    if (funders.length > MAX_FUNDERS) throw new DomainError("cofunding.too_many", { max: MAX_FUNDERS });
    if (new Set(funders.map((f) => f.accountId)).size !== funders.length)
      throw new DomainError("cofunding.duplicate");
    const shares = funders.length > 0 ? sharesInFen(milestone.amountFen, funders) : [];
    if (shares.some((fen) => !Number.isSafeInteger(fen) || fen <= 0))
      throw new DomainError("cofunding.share_not_positive");
    const total = shares.reduce((sum, fen) => sum + fen, 0);
    if (funders.length > 0 && total !== milestone.amountFen) {
      const difference = total - milestone.amountFen;
      throw new DomainError("cofunding.shares_mismatch", {
        total: moneyText(total),
        amount: moneyText(milestone.amountFen),
        difference: `${difference > 0 ? "+" : "−"}${moneyText(Math.abs(difference))}`,
      });
    }
    const context = {
      payerAccount: walletId(payerWallet(agreement)),
      payeeUserId: agreement.payeeUserId,
      payeeOrganisationId: agreement.payeeOrganisationId,
      milestoneId,
    };
    for (const [index, funder] of funders.entries())
      await checkPayerAccount(tx, funder.accountId, shares[index]!, context);

    const next = funders.map((funder, position) => ({
      milestoneId,
      position,
      accountId: funder.accountId,
      shareFen: shares[position]!,
    }));
    await tx.milestoneFunder.deleteMany({ where: { milestoneId } });
    if (next.length > 0) await tx.milestoneFunder.createMany({ data: next });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "milestone.funders_set",
      subjectType: "Milestone",
      subjectId: milestoneId,
      before: { funders: milestone.funders.map((f) => ({ accountId: f.accountId, shareFen: f.shareFen })) },
      after: { funders: next.map((f) => ({ accountId: f.accountId, shareFen: f.shareFen })) },
      ip: meta.ip ?? null,
    });

    // Tell the payers other than the paying side itself, once each, with their share.
    const told = new Set<string>([actor.id]);
    const items: NewNotification[] = [];
    for (const funder of next.filter(
      (f) =>
        f.accountId !== context.payerAccount &&
        !milestone.funders.some((old) => old.accountId === f.accountId && old.shareFen === f.shareFen),
    )) {
      for (const userId of await payerPeople(tx, funder.accountId)) {
        if (told.has(userId)) continue;
        told.add(userId);
        items.push({
          userId,
          type: "milestone.cofunding_requested",
          params: {
            milestone: milestone.title,
            agreement: agreement.title,
            amount: moneyText(funder.shareFen),
          },
          href: fundersHref(agreement.id, milestoneId),
        });
      }
    }
    rows = await createNotifications(tx, items);
    return { count: next.length };
  });
  await deliverNotifications(rows);
  return result;
}

export {
  cofundingSummary,
  fundersHref,
  getFundersView,
  listProgrammeCopays,
  programmeCopayAvailableFen,
  type AccountOption,
  type FunderView,
  type FundersView,
} from "./cofunding.queries.server";
export { fundShare } from "~/modules/escrow/escrow.server";
