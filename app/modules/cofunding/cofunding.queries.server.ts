import { db, type Tx } from "~/db.server";
import type { MilestoneStatus } from "~/generated/prisma/enums";
import { partyOf, payerWallet } from "~/modules/escrow/parties";
import { actsForPayer } from "~/modules/escrow/escrow.server";
import { balanceOf, escrowId, programmeAccountId, walletId } from "~/modules/ledger/ledger.server";
import { uncommittedFen } from "~/modules/programmes/programmes.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { mayFundFrom, parseFunderAccount } from "~/modules/escrow/funder-accounts";
import { shareBasisPoints } from "~/modules/escrow/shares";
import { financeOrganisationIds } from "~/modules/wallet/wallet-owners.server";

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
  /** The viewer pays for this organisation's share but lacks its finance permission. */
  fundNeedsFinance: boolean;
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
  const financeOrgs = new Set(await financeOrganisationIds(viewer));
  const funders: FunderView[] = milestone.funders.map((f) => {
    const account = parseFunderAccount(f.accountId);
    const pending = open && !f.fundedAt && !milestone.refundedAt && mayFundFrom(viewer, f.accountId);
    const spends = account?.kind !== "org" || financeOrgs.has(account.id);
    return {
      id: f.id,
      position: f.position,
      accountId: f.accountId,
      kind: f.accountId === payerAccount ? "payer" : (account?.kind ?? "org"),
      name: names.get(f.accountId) ?? f.accountId,
      shareFen: f.shareFen,
      shareBp: shareBasisPoints(f.shareFen, milestone.amountFen),
      fundedAt: f.fundedAt?.toISOString() ?? null,
      canFund: pending && spends,
      fundNeedsFinance: pending && !spends,
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
