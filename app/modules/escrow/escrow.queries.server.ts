import { db } from "~/db.server";
import type { MilestoneStatus } from "~/generated/prisma/enums";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";

import { maySpend } from "~/modules/wallet/wallet-owners.server";
import { agreementSelect, actsForPayer, actsForPayee, onPayeeSide, onEitherSide } from "./escrow.core.server";
import { payerWallet } from "./parties";

export interface MilestoneFileView {
  id: string;
  name: string;
  url: string;
  thumbUrl: string;
}

export interface MilestoneView {
  id: string;
  position: number;
  title: string;
  deliverables: string;
  acceptanceCriteria: string;
  amountFen: number;
  /** What the escrow holds now. */
  escrowFen: number;
  dueDate: string | null;
  status: MilestoneStatus;
  fundedAt: string | null;
  submittedAt: string | null;
  reviewDueAt: string | null;
  releasedAt: string | null;
  autoReleased: boolean;
  rejectionReason: string | null;
  disputeReason: string | null;
  disputedAt: string | null;
  resolutionPayeeFen: number | null;
  resolutionNote: string | null;
  refundedAt: string | null;
  submissions: { id: string; note: string; at: string; by: string; files: MilestoneFileView[] }[];
  canFund: boolean;
  /** The viewer decides for the paying side but lacks the finance permission its wallet needs. */
  fundNeedsFinance: boolean;
  canSubmit: boolean;
  canAccept: boolean;
  canReject: boolean;
  canDispute: boolean;
  canResolve: boolean;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Where a delivered file is served: to the agreement's parties and bureau staff only. */
export function milestoneFileUrl(
  agreementId: string,
  milestoneId: string,
  uploadId: string,
  variant: "full" | "thumb" = "full",
) {
  const path = `/agreements/${encodeURIComponent(agreementId)}/milestones/${encodeURIComponent(milestoneId)}/files/${encodeURIComponent(uploadId)}`;
  return variant === "thumb" ? `${path}?v=thumb` : path;
}

async function viewerActor(viewerId: string): Promise<Actor> {
  const viewer = await db.user.findUnique({
    where: { id: viewerId },
    select: { id: true, primaryRole: true, memberships: { select: { organisationId: true, role: true } } },
  });
  if (!viewer) throw new DomainError("escrow.wrong_side");
  return viewer;
}

/**
 * The agreement's milestones as the viewer sees them, with what the viewer may do on each.
 * Readable by both sides and by bureau staff; anyone else is refused.
 */
export async function getMilestonesView(agreementId: string, viewerId: string): Promise<MilestoneView[]> {
  const [viewer, agreement] = await Promise.all([
    viewerActor(viewerId),
    db.agreement.findUnique({
      where: { id: agreementId },
      select: {
        ...agreementSelect,
        milestones: {
          orderBy: { position: "asc" },
          select: {
            id: true,
            position: true,
            title: true,
            deliverables: true,
            acceptanceCriteria: true,
            amountFen: true,
            dueDate: true,
            status: true,
            fundedAt: true,
            submittedAt: true,
            reviewDueAt: true,
            releasedAt: true,
            autoReleased: true,
            rejectionReason: true,
            disputeReason: true,
            disputedAt: true,
            resolutionPayeeFen: true,
            resolutionNote: true,
            refundedAt: true,
            // A co-funded milestone is funded share by share on its funders page, not in one go.
            _count: { select: { funders: true } },
            submissions: {
              orderBy: { createdAt: "asc" },
              select: {
                id: true,
                note: true,
                createdAt: true,
                submittedById: true,
                files: { select: { uploadId: true, name: true } },
              },
            },
          },
        },
      },
    }),
  ]);
  if (!agreement) throw new DomainError("escrow.not_found");
  const bureau = can(viewer, "dispute.resolve");
  if (!onEitherSide(viewer, agreement) && !bureau) throw new DomainError("escrow.wrong_side");
  const payer = actsForPayer(viewer, agreement);
  // The paying side decides; its organisation's money is moved by a finance member's hand only.
  const spends = payer && (await maySpend(viewer, payerWallet(agreement)));
  const payee = actsForPayee(viewer, agreement);
  const payeeSide = onPayeeSide(viewer, agreement);
  const inForce = agreement.status === "ACTIVE" || agreement.status === "DISPUTED";
  const accounts = await db.ledgerAccount.findMany({
    where: { milestoneId: { in: agreement.milestones.map((m) => m.id) } },
    select: { milestoneId: true, balanceFen: true },
  });
  const held = new Map(accounts.map((account) => [account.milestoneId, Number(account.balanceFen)]));
  const submitterIds = [
    ...new Set(agreement.milestones.flatMap((m) => m.submissions.map((s) => s.submittedById))),
  ];
  const submitters = await db.user.findMany({
    where: { id: { in: submitterIds } },
    select: { id: true, displayName: true },
  });
  const nameOf = new Map(submitters.map((user) => [user.id, user.displayName]));

  const fundable = (m: { status: string; _count: { funders: number } }) =>
    agreement.status === "ACTIVE" && m.status === "PLANNED" && m._count.funders === 0;
  return agreement.milestones.map((m) => ({
    id: m.id,
    position: m.position,
    title: m.title,
    deliverables: m.deliverables,
    acceptanceCriteria: m.acceptanceCriteria,
    amountFen: m.amountFen,
    escrowFen: held.get(m.id) ?? 0,
    dueDate: iso(m.dueDate),
    status: m.status,
    fundedAt: iso(m.fundedAt),
    submittedAt: iso(m.submittedAt),
    reviewDueAt: iso(m.reviewDueAt),
    releasedAt: iso(m.releasedAt),
    autoReleased: m.autoReleased,
    rejectionReason: m.rejectionReason,
    disputeReason: m.disputeReason,
    disputedAt: iso(m.disputedAt),
    resolutionPayeeFen: m.resolutionPayeeFen,
    resolutionNote: m.resolutionNote,
    refundedAt: iso(m.refundedAt),
    submissions: m.submissions.map((s) => ({
      id: s.id,
      note: s.note,
      at: s.createdAt.toISOString(),
      by: nameOf.get(s.submittedById) ?? "",
      files: s.files.map((f) => ({
        id: f.uploadId,
        name: f.name,
        url: milestoneFileUrl(agreement.id, m.id, f.uploadId),
        thumbUrl: milestoneFileUrl(agreement.id, m.id, f.uploadId, "thumb"),
      })),
    })),
    canFund: spends && fundable(m),
    fundNeedsFinance: payer && !spends && fundable(m),
    canSubmit: payee && inForce && (m.status === "FUNDED" || m.status === "REJECTED"),
    canAccept: payer && inForce && m.status === "SUBMITTED",
    canReject: payer && inForce && m.status === "SUBMITTED",
    canDispute:
      (payer || payeeSide) &&
      inForce &&
      (m.status === "FUNDED" || m.status === "SUBMITTED" || m.status === "REJECTED"),
    canResolve: bureau && m.status === "DISPUTED",
  }));
}

/**
 * Whether the viewer may fetch a delivered file: it belongs to that milestone of that agreement,
 * and the viewer is on either side or bureau staff. Deliverables are private to the agreement.
 */
export async function canReadMilestoneFile(
  viewerId: string,
  agreementId: string,
  milestoneId: string,
  uploadId: string,
): Promise<boolean> {
  const file = await db.milestoneFile.findFirst({
    where: { uploadId, submission: { milestoneId, milestone: { agreementId } } },
    select: { submission: { select: { milestone: { select: { agreement: { select: agreementSelect } } } } } },
  });
  if (!file) return false;
  const viewer = await viewerActor(viewerId).catch(() => null);
  if (!viewer) return false;
  return onEitherSide(viewer, file.submission.milestone.agreement) || can(viewer, "dispute.resolve");
}

/** True when an upload is a milestone deliverable (so the public /uploads route must not serve it). */
export async function isMilestoneFile(uploadId: string): Promise<boolean> {
  return (await db.milestoneFile.count({ where: { uploadId } })) > 0;
}

/** The bureau's list of open disputes, oldest first. */
export async function listOpenDisputes(actor: Actor) {
  if (!can(actor, "dispute.resolve")) throw new DomainError("escrow.wrong_side");
  const milestones = await db.milestone.findMany({
    where: { status: "DISPUTED" },
    orderBy: { disputedAt: "asc" },
    select: {
      id: true,
      title: true,
      amountFen: true,
      disputeReason: true,
      disputedAt: true,
      rejectionReason: true,
      agreement: {
        select: {
          id: true,
          number: true,
          title: true,
          payerUser: { select: { displayName: true } },
          payerOrganisation: { select: { name: true } },
          payeeUser: { select: { displayName: true } },
        },
      },
      submissions: { orderBy: { createdAt: "desc" }, take: 1, select: { note: true, createdAt: true } },
    },
  });
  const accounts = await db.ledgerAccount.findMany({
    where: { milestoneId: { in: milestones.map((m) => m.id) } },
    select: { milestoneId: true, balanceFen: true },
  });
  const held = new Map(accounts.map((account) => [account.milestoneId, Number(account.balanceFen)]));
  return milestones.map((m) => ({
    id: m.id,
    title: m.title,
    amountFen: m.amountFen,
    escrowFen: held.get(m.id) ?? 0,
    disputeReason: m.disputeReason,
    disputedAt: iso(m.disputedAt),
    rejectionReason: m.rejectionReason,
    lastSubmission: m.submissions[0]
      ? { note: m.submissions[0].note, at: m.submissions[0].createdAt.toISOString() }
      : null,
    agreement: {
      id: m.agreement.id,
      number: m.agreement.number,
      title: m.agreement.title,
      payer: m.agreement.payerOrganisation?.name ?? m.agreement.payerUser.displayName,
      payee: m.agreement.payeeUser.displayName,
    },
  }));
}
