import { db, type Tx } from "~/db.server";
import type { MilestoneStatus } from "~/generated/prisma/enums";
import { partyOf, payerWallet } from "~/modules/escrow/parties";
import { recordAudit } from "~/modules/audit/audit.server";
import { actsForPayer } from "~/modules/escrow/escrow.server";
import { balanceOf, escrowId, programmeAccountId, walletId } from "~/modules/ledger/ledger.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { uncommittedFen } from "~/modules/programmes/programmes.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { fenToYuanText } from "~/utils/money";
import { ORG_PAYING_ROLES, mayFundFrom, parseFunderAccount } from "~/modules/escrow/funder-accounts";
import { MAX_FUNDERS, type FunderInput } from "./cofunding.schema";
import { percentSharesToFen, shareBasisPoints } from "~/modules/escrow/shares";

/**
 * Co-funded milestones (issue 9): several payers share one milestone's amount, each funding its
 * own share into the one escrow. The money paths (funding a share, refunds split by share) live
 * in escrow.server.ts beside the other escrow actions; this module sets the payers and reads them.
 */

type Notifications = Awaited<ReturnType<typeof createNotifications>>;

// Error params are shown in either language, so money goes in as plain "¥1234.50".
const moneyText = (fen: number) => `¥${fenToYuanText(fen)}`;

export function fundersHref(agreementId: string, milestoneId: string) {
  return `/agreements/${encodeURIComponent(agreementId)}/milestones/${encodeURIComponent(milestoneId)}/funders`;
}

/**
 * What a programme can still promise to a co-pay: its uncommitted money (balance − what approved
 * applications are owed) minus the unfunded co-pay shares it already stands behind on milestones
 * still waiting for money. Read under the programme's row lock.
 */
export async function programmeCopayAvailableFen(
  programmeId: string,
  client: Tx = db,
  exceptMilestoneId?: string,
): Promise<number> {
  const pending = await client.milestoneFunder.aggregate({
    where: {
      accountId: programmeAccountId(programmeId),
      fundedAt: null,
      milestone: {
        status: "PLANNED",
        agreement: { status: { in: ["ACTIVE", "DISPUTED"] } },
        ...(exceptMilestoneId ? { id: { not: exceptMilestoneId } } : {}),
      },
    },
    _sum: { shareFen: true },
  });
  return (await uncommittedFen(programmeId, client)) - (pending._sum.shareFen ?? 0);
}

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
  meta: { ip?: string | null } = {},
): Promise<{ count: number }> {
  let rows: Notifications = [];
  const result = await db.$transaction(async (tx) => {
    // Same lock order as every escrow action: the agreement, then the milestone.
    const found = await tx.milestone.findUnique({
      where: { id: milestoneId },
      select: { agreementId: true },
    });
    if (!found) throw new DomainError("cofunding.not_found");
    await tx.$queryRaw`SELECT id FROM "Agreement" WHERE id = ${found.agreementId} FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM "Milestone" WHERE id = ${milestoneId} FOR UPDATE`;
    const milestone = await tx.milestone.findUniqueOrThrow({
      where: { id: milestoneId },
      select: {
        id: true,
        title: true,
        amountFen: true,
        status: true,
        agreement: {
          select: {
            id: true,
            title: true,
            status: true,
            payerUserId: true,
            payerOrganisationId: true,
            payeeUserId: true,
            payeeOrganisationId: true,
          },
        },
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

export interface FunderView {
  id: string;
  position: number;
  accountId: string;
  kind: "payer" | "org" | "user" | "programme";
  name: string;
  shareFen: number;
  /** Share of the milestone in basis points (3000 = 30 %). */
  shareBp: number;
  fundedAt: string | null;
  canFund: boolean;
}

export interface AccountOption {
  accountId: string;
  name: string;
  /** Programmes: what is still free for co-pays. */
  availableFen?: number;
}

async function namesOf(accountIds: string[]) {
  const parsed = accountIds.map(parseFunderAccount).filter((a) => a !== null);
  const ids = (kind: string) => parsed.filter((a) => a.kind === kind).map((a) => a.id);
  const [orgs, users, programmes] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: ids("org") } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: ids("user") } }, select: { id: true, displayName: true } }),
    db.programme.findMany({ where: { id: { in: ids("programme") } }, select: { id: true, title: true } }),
  ]);
  return new Map<string, string>([
    ...orgs.map((o) => [walletId({ organisationId: o.id }), o.name] as const),
    ...users.map((u) => [walletId({ userId: u.id }), u.displayName] as const),
    ...programmes.map((p) => [programmeAccountId(p.id), p.title] as const),
  ]);
}

/**
 * The payers page: the milestone, its payers with their shares and funded state, what the viewer
 * may do, and (for the paying side while it may still change them) the accounts it may name.
 * Readable by both sides of the agreement, the payers themselves and bureau staff.
 */
export async function getFundersView(agreementId: string, milestoneId: string, viewer: Actor) {
  const milestone = await db.milestone.findFirst({
    where: { id: milestoneId, agreementId },
    select: {
      id: true,
      position: true,
      title: true,
      amountFen: true,
      status: true,
      refundedAt: true,
      agreement: {
        select: {
          id: true,
          number: true,
          title: true,
          status: true,
          payerUserId: true,
          payerOrganisationId: true,
          payeeUserId: true,
          payeeOrganisationId: true,
        },
      },
      funders: {
        orderBy: { position: "asc" },
        select: { id: true, position: true, accountId: true, shareFen: true, fundedAt: true },
      },
    },
  });
  if (!milestone) throw new DomainError("cofunding.not_found");
  const { agreement } = milestone;
  const payerAccount = walletId(payerWallet(agreement));
  const sides = [agreement.payerOrganisationId, agreement.payeeOrganisationId].filter(
    (id): id is string => id !== null,
  );
  const mayRead =
    partyOf(viewer, agreement) !== null ||
    viewer.memberships.some((m) => sides.includes(m.organisationId)) ||
    milestone.funders.some((f) => mayFundFrom(viewer, f.accountId)) ||
    can(viewer, "programme.manage") ||
    can(viewer, "dispute.resolve");
  if (!mayRead) throw new DomainError("escrow.wrong_side");

  const names = await namesOf([payerAccount, ...milestone.funders.map((f) => f.accountId)]);
  const open = agreement.status === "ACTIVE" && milestone.status === "PLANNED";
  const anyFunded =
    milestone.funders.some((f) => f.fundedAt) || (await balanceOf(escrowId(milestone.id))) > 0;
  const funders: FunderView[] = milestone.funders.map((f) => {
    const account = parseFunderAccount(f.accountId);
    return {
      id: f.id,
      position: f.position,
      accountId: f.accountId,
      kind: f.accountId === payerAccount ? "payer" : (account?.kind ?? "org"),
      name: names.get(f.accountId) ?? f.accountId,
      shareFen: f.shareFen,
      shareBp: shareBasisPoints(f.shareFen, milestone.amountFen),
      fundedAt: f.fundedAt?.toISOString() ?? null,
      canFund: open && !f.fundedAt && !milestone.refundedAt && mayFundFrom(viewer, f.accountId),
    };
  });
  const canEdit = open && !anyFunded && actsForPayer(viewer, agreement);
  return {
    agreement: {
      id: agreement.id,
      number: agreement.number,
      title: agreement.title,
      status: agreement.status,
    },
    milestone: {
      id: milestone.id,
      position: milestone.position,
      title: milestone.title,
      amountFen: milestone.amountFen,
      status: milestone.status as MilestoneStatus,
      refundedAt: milestone.refundedAt?.toISOString() ?? null,
    },
    payer: { accountId: payerAccount, name: names.get(payerAccount) ?? "" },
    funders,
    fundedCount: funders.filter((f) => f.fundedAt).length,
    canEdit,
    options: canEdit
      ? await accountOptions(agreement.payeeOrganisationId, agreement.payerOrganisationId)
      : null,
  };
}

export type FundersView = Awaited<ReturnType<typeof getFundersView>>;

/** What the paying side may name besides its own wallet: programmes taking co-pays and verified organisations. */
async function accountOptions(payeeOrganisationId: string | null, payerOrganisationId: string | null) {
  const [programmes, organisations] = await Promise.all([
    db.programme.findMany({
      where: { status: { in: ["OPEN", "CLOSED"] } },
      orderBy: [{ year: "desc" }, { title: "asc" }],
      take: 50,
      select: { id: true, title: true },
    }),
    db.organisation.findMany({
      where: {
        verifiedAt: { not: null },
        hiddenAt: null,
        id: { notIn: [payeeOrganisationId, payerOrganisationId].filter((id): id is string => id !== null) },
      },
      orderBy: { name: "asc" },
      take: 200,
      select: { id: true, name: true },
    }),
  ]);
  const available = await Promise.all(programmes.map((p) => programmeCopayAvailableFen(p.id)));
  return {
    programmes: programmes.map((p, index): AccountOption => ({
      accountId: programmeAccountId(p.id),
      name: p.title,
      availableFen: Math.max(0, available[index]!),
    })),
    organisations: organisations.map((o): AccountOption => ({
      accountId: walletId({ organisationId: o.id }),
      name: o.name,
    })),
  };
}

/** Per milestone of an agreement that has payers: how many there are and how many have paid (for the milestone cards). */
export async function cofundingSummary(
  agreementId: string,
): Promise<Record<string, { payers: number; funded: number }>> {
  const funders = await db.milestoneFunder.findMany({
    where: { milestone: { agreementId } },
    select: { milestoneId: true, fundedAt: true },
  });
  const summary: Record<string, { payers: number; funded: number }> = {};
  for (const funder of funders) {
    const entry = (summary[funder.milestoneId] ??= { payers: 0, funded: 0 });
    entry.payers += 1;
    if (funder.fundedAt) entry.funded += 1;
  }
  return summary;
}

/** The milestones a programme co-pays, newest first, for the bureau's programme page. */
export async function listProgrammeCopays(programmeId: string) {
  const rows = await db.milestoneFunder.findMany({
    where: { accountId: programmeAccountId(programmeId) },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      shareFen: true,
      fundedAt: true,
      milestone: {
        select: {
          id: true,
          title: true,
          amountFen: true,
          status: true,
          agreement: { select: { id: true, number: true, title: true } },
        },
      },
    },
  });
  return rows.map((row) => ({
    funderId: row.id,
    shareFen: row.shareFen,
    fundedAt: row.fundedAt?.toISOString() ?? null,
    milestone: {
      id: row.milestone.id,
      title: row.milestone.title,
      amountFen: row.milestone.amountFen,
      status: row.milestone.status,
    },
    agreement: row.milestone.agreement,
    href: fundersHref(row.milestone.agreement.id, row.milestone.id),
  }));
}

export { fundShare } from "~/modules/escrow/escrow.server";
