import type { Logger } from "pino";
import { z } from "zod";
import { db, withUnit, type Tx, type Unit } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { AgreementStatus, MilestoneStatus } from "~/generated/prisma/enums";
import { AGREEMENT_TRANSITIONS, FINAL_MILESTONE_STATES, MILESTONE_TRANSITIONS } from "./escrow.states";
import { recordAudit } from "~/modules/audit/audit.server";
import { idempotent } from "~/modules/ledger/idempotency.server";
import { balanceOf, ensureAccount, ensureWallet, escrowId, transfer } from "~/modules/ledger/ledger.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
  type NotificationType,
} from "~/modules/notifications/notifications.server";
import { deleteUpload, storeImage } from "~/modules/uploads/uploads.server";
import { can, type Actor } from "~/modules/users/permissions";
import { enqueueEvent } from "~/modules/webhooks/webhooks.server";
import { DomainError, isDomainError } from "~/utils/errors";
import { fenToYuanText } from "~/utils/money";
import { assertTransition } from "~/utils/state-machine";
import { MAX_SUBMISSION_FILES } from "./escrow.schema";
import { mayFundFrom, parseFunderAccount } from "./funder-accounts";
import { splitByShares } from "./shares";
import { uncommittedFen } from "~/modules/programmes/programmes.server";
import { partyOf, payerWallet } from "./parties";
import { startPeriodicJob } from "~/utils/periodic-job.server";

/**
 * Milestones and their escrow (DESIGN §2.5, §3, §4). Money moves only through `transfer`, inside
 * one transaction per action that first locks the agreement row and then the milestone row, in
 * that order everywhere, so two requests on one agreement run one after the other and never
 * deadlock. Every money-moving action runs under an idempotency key.
 */

// Under a burst (fifty clicks on "accept") transactions queue for the row lock and for a
// connection; the defaults (2 s wait, 5 s run) are too short for that queue on a small machine.
const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Meta {
  ip?: string | null;
}

const agreementSelect = {
  id: true,
  title: true,
  status: true,
  payerUserId: true,
  payerOrganisationId: true,
  payeeUserId: true,
  payeeOrganisationId: true,
  reviewWindowDays: true,
} as const;

type Parties = {
  payerUserId: string;
  payerOrganisationId: string | null;
  payeeUserId: string;
  payeeOrganisationId: string | null;
};

const milestoneSelect = {
  id: true,
  agreementId: true,
  title: true,
  amountFen: true,
  status: true,
  reviewDueAt: true,
  agreement: { select: agreementSelect },
} as const;

type NotificationRows = Awaited<ReturnType<typeof createNotifications>>;
type Notify = (items: NewNotification[]) => void;

/** The person acting for the paying side: the named payer, or a village-role member of its organisation. */
export function actsForPayer(actor: Actor, agreement: Parties): boolean {
  return partyOf(actor, agreement) === "PAYER";
}

export function actsForPayee(actor: Actor, agreement: Parties): boolean {
  return actor.id === agreement.payeeUserId;
}

/** The providing side at large: the expert, or an institution-role member of their institution (it co-signs). */
function onPayeeSide(actor: Actor, agreement: Parties): boolean {
  return partyOf(actor, agreement) === "PAYEE";
}

/** Anyone on either side may read the milestones, members of both organisations included. */
function onEitherSide(actor: Actor, agreement: Parties): boolean {
  const orgs = [agreement.payerOrganisationId, agreement.payeeOrganisationId].filter(
    (id): id is string => id !== null,
  );
  return (
    actsForPayer(actor, agreement) ||
    actsForPayee(actor, agreement) ||
    actor.memberships.some((m) => orgs.includes(m.organisationId))
  );
}

/** An agreement whose milestones may still move: in force, or in force with a dispute open. */
function assertInForce(status: AgreementStatus) {
  if (status !== "ACTIVE" && status !== "DISPUTED") throw new DomainError("escrow.agreement_not_active");
}

async function payerSideUserIds(tx: Tx, agreement: Parties): Promise<string[]> {
  const members = agreement.payerOrganisationId
    ? await tx.membership.findMany({
        where: { organisationId: agreement.payerOrganisationId, role: "VILLAGE" },
        select: { userId: true },
      })
    : [];
  return [...new Set([agreement.payerUserId, ...members.map((m) => m.userId)])];
}

async function recipients(
  tx: Tx,
  agreement: Parties,
  side: "payer" | "payee" | "both",
  exceptId: string | null,
): Promise<string[]> {
  const ids = [
    ...(side === "payee" ? [] : await payerSideUserIds(tx, agreement)),
    ...(side === "payer" ? [] : [agreement.payeeUserId]),
  ];
  return [...new Set(ids)].filter((id) => id !== exceptId);
}

function notices(
  userIds: string[],
  type: NotificationType,
  milestone: { title: string; agreement: { id: string; title: string } },
  extra: Record<string, string> = {},
): NewNotification[] {
  return userIds.map((userId) => ({
    userId,
    type,
    params: { milestone: milestone.title, agreement: milestone.agreement.title, ...extra },
    href: `/agreements/${milestone.agreement.id}`,
  }));
}

/** One transaction; notifications are written in it and pushed to people once it has committed. */
/** Runs `work` in one transaction (the caller's `unit` when given); its notifications are written inside and delivered after commit. */
async function inTransaction<T>(work: (tx: Tx, notify: Notify) => Promise<T>, unit?: Unit): Promise<T> {
  return withUnit(
    unit,
    async ({ tx, afterCommit }) => {
      const pending: NewNotification[] = [];
      const value = await work(tx, (items) => pending.push(...items));
      const rows: NotificationRows = await createNotifications(tx, pending);
      afterCommit(() => deliverNotifications(rows));
      return value;
    },
    TX_OPTIONS,
  );
}

async function lockAgreement(tx: Tx, agreementId: string) {
  await tx.$queryRaw`SELECT id FROM "Agreement" WHERE id = ${agreementId} FOR UPDATE`;
}

/**
 * Locks the milestone's agreement, then the milestone, and reads both fresh. A second request
 * racing this one waits here and then sees the first one's result (READ COMMITTED re-reads).
 */
async function lockMilestone(tx: Tx, milestoneId: string) {
  const found = await tx.milestone.findUnique({ where: { id: milestoneId }, select: { agreementId: true } });
  if (!found) throw new DomainError("escrow.not_found");
  await lockAgreement(tx, found.agreementId);
  await tx.$queryRaw`SELECT id FROM "Milestone" WHERE id = ${milestoneId} FOR UPDATE`;
  return tx.milestone.findUniqueOrThrow({ where: { id: milestoneId }, select: milestoneSelect });
}

type LockedMilestone = Awaited<ReturnType<typeof lockMilestone>>;

type MilestoneColumns = Omit<Prisma.MilestoneUncheckedUpdateInput, "status">;

/** Moves a locked milestone along its state machine and audits it (`extra`: audit-only facts such as a transfer id). */
async function moveMilestone(
  tx: Tx,
  milestone: LockedMilestone,
  to: MilestoneStatus,
  columns: MilestoneColumns,
  by: { actorId: string | null; ip?: string | null; extra?: Record<string, unknown> },
) {
  assertTransition(MILESTONE_TRANSITIONS, milestone.status, to, "escrow.invalid_transition");
  await tx.milestone.update({
    where: { id: milestone.id },
    data: { ...columns, status: to },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId: by.actorId,
    action: `milestone.${to.toLowerCase()}`,
    subjectType: "Milestone",
    subjectId: milestone.id,
    before: { status: milestone.status },
    // Through JSON so dates become strings and undefined values drop out.
    after: JSON.parse(JSON.stringify({ ...columns, ...by.extra, status: to })) as Prisma.InputJsonValue,
    ip: by.ip ?? null,
  });
}

async function moveAgreement(
  tx: Tx,
  agreementId: string,
  from: AgreementStatus,
  to: AgreementStatus,
  actorId: string | null,
  why: string,
) {
  assertTransition(AGREEMENT_TRANSITIONS, from, to, "escrow.invalid_transition");
  await tx.agreement.update({
    where: { id: agreementId },
    data: { status: to, ...(to === "COMPLETED" ? { completedAt: new Date() } : {}) },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId,
    action: `agreement.${to.toLowerCase()}`,
    subjectType: "Agreement",
    subjectId: agreementId,
    before: { status: from },
    after: { status: to, why },
  });
}

// Terms are owned by the agreements module; here only the component types matter.
const TermsComponents = z.object({ components: z.array(z.object({ type: z.string() })) });
const ONGOING_COMPONENTS = new Set(["REVENUE_SHARE", "TECH_EQUITY"]);

/**
 * After money reached its end: an ACTIVE agreement whose milestones are all final and whose
 * signed terms carry nothing that goes on (revenue share, equity) is COMPLETED.
 */
async function completeIfDone(tx: Tx, agreementId: string, status: AgreementStatus, actorId: string | null) {
  if (status !== "ACTIVE") return status;
  const open = await tx.milestone.count({
    where: { agreementId, status: { notIn: [...FINAL_MILESTONE_STATES] } },
  });
  if (open > 0) return status;
  const signed = await tx.agreementVersion.findFirst({
    where: { agreementId, status: "SIGNED" },
    orderBy: { version: "desc" },
    select: { terms: true },
  });
  const terms = TermsComponents.safeParse(signed?.terms);
  if (!terms.success || terms.data.components.some((c) => ONGOING_COMPONENTS.has(c.type))) return status;
  await moveAgreement(tx, agreementId, "ACTIVE", "COMPLETED", actorId, "milestones_settled");
  return "COMPLETED" as const;
}

async function escrowBalance(tx: Tx, milestoneId: string) {
  return balanceOf(escrowId(milestoneId), tx);
}

/** The paying side moves the milestone's amount from its wallet into the milestone's escrow. */
export async function fundMilestone(actor: Actor, milestoneId: string, key: string, meta: Meta = {}) {
  const { result } = await inTransaction((tx, notify) =>
    idempotent(
      tx,
      { actorId: actor.id, key, scope: "milestone.fund", request: { milestoneId } },
      async () => {
        const milestone = await lockMilestone(tx, milestoneId);
        const { agreement } = milestone;
        if (!actsForPayer(actor, agreement)) throw new DomainError("escrow.wrong_side");
        if (agreement.status !== "ACTIVE") throw new DomainError("escrow.agreement_not_active");
        assertTransition(MILESTONE_TRANSITIONS, milestone.status, "FUNDED", "escrow.invalid_transition");
        // A co-funded milestone is funded share by share (fundShare), never in one go from this wallet.
        if ((await tx.milestoneFunder.count({ where: { milestoneId: milestone.id } })) > 0)
          throw new DomainError("cofunding.use_shares");
        const from = await ensureWallet(tx, payerWallet(agreement));
        const to = await ensureAccount(tx, {
          id: escrowId(milestone.id),
          kind: "ESCROW",
          milestoneId: milestone.id,
        });
        let transferId: string;
        try {
          ({ id: transferId } = await transfer(tx, {
            from,
            to,
            amountFen: milestone.amountFen,
            reason: "MILESTONE_FUND",
            agreementId: agreement.id,
            milestoneId: milestone.id,
            actorId: actor.id,
          }));
        } catch (error) {
          if (isDomainError(error) && error.code === "ledger.insufficient_funds") {
            throw new DomainError("escrow.insufficient_funds", {
              amount: fenToYuanText(milestone.amountFen),
              balance: fenToYuanText(await balanceOf(from, tx)),
            });
          }
          throw error;
        }
        await moveMilestone(
          tx,
          milestone,
          "FUNDED",
          { fundedAt: new Date() },
          { actorId: actor.id, ip: meta.ip, extra: { transferId } },
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
            occurredAt: new Date().toISOString(),
          },
        });
        notify(notices(await recipients(tx, agreement, "payee", actor.id), "milestone.funded", milestone));
        return { milestoneId: milestone.id, status: "FUNDED", transferId, amountFen: milestone.amountFen };
      },
    ),
  );
  return result;
}

/**
 * The expert delivers: a note and photos. The photos are stored before the transaction (files
 * cannot join it) and removed again if it fails. The review window starts now.
 */
export async function submitMilestone(
  actor: Actor,
  milestoneId: string,
  input: { note: string; files: File[] },
  meta: Meta = {},
  unit?: Unit,
) {
  if (input.files.length > MAX_SUBMISSION_FILES)
    throw new DomainError("upload.too_many", { max: MAX_SUBMISSION_FILES });
  const stored: { id: string; name: string }[] = [];
  try {
    for (const file of input.files)
      stored.push({ id: (await storeImage({ ownerId: actor.id, file })).id, name: file.name.slice(0, 200) });
    return await inTransaction(async (tx, notify) => {
      const milestone = await lockMilestone(tx, milestoneId);
      const { agreement } = milestone;
      if (!actsForPayee(actor, agreement)) throw new DomainError("escrow.wrong_side");
      assertTransition(MILESTONE_TRANSITIONS, milestone.status, "SUBMITTED", "escrow.invalid_transition");
      assertInForce(agreement.status);
      const submission = await tx.milestoneSubmission.create({
        data: {
          milestoneId: milestone.id,
          note: input.note,
          submittedById: actor.id,
          files: { create: stored.map((file) => ({ uploadId: file.id, name: file.name })) },
        },
        select: { id: true },
      });
      const now = new Date();
      const reviewDueAt = new Date(now.getTime() + agreement.reviewWindowDays * DAY_MS);
      await moveMilestone(
        tx,
        milestone,
        "SUBMITTED",
        { submittedAt: now, reviewDueAt },
        { actorId: actor.id, ip: meta.ip, extra: { submissionId: submission.id, files: stored.length } },
      );
      notify(notices(await recipients(tx, agreement, "payer", actor.id), "milestone.submitted", milestone));
      return { submissionId: submission.id, reviewDueAt: reviewDueAt.toISOString() };
    }, unit);
  } catch (error) {
    await Promise.all(stored.map((file) => deleteUpload(file.id).catch(() => undefined)));
    throw error;
  }
}

/** Pays the milestone's whole escrow to the expert's wallet. */
async function release(
  tx: Tx,
  milestone: LockedMilestone,
  by: { actorId: string | null; ip?: string | null },
  auto: boolean,
) {
  const { actorId } = by;
  const { agreement } = milestone;
  const amountFen = await escrowBalance(tx, milestone.id);
  const to = await ensureWallet(tx, { userId: agreement.payeeUserId });
  const { id: transferId } = await transfer(tx, {
    from: escrowId(milestone.id),
    to,
    amountFen,
    reason: "MILESTONE_RELEASE",
    agreementId: agreement.id,
    milestoneId: milestone.id,
    actorId,
  });
  await moveMilestone(
    tx,
    milestone,
    "RELEASED",
    { releasedAt: new Date(), autoReleased: auto, reviewDueAt: null },
    { ...by, extra: { transferId, amountFen } },
  );
  await enqueueEvent(tx, {
    organisationIds: [agreement.payerOrganisationId, agreement.payeeOrganisationId],
    event: "milestone.released",
    payload: {
      milestoneId: milestone.id,
      agreementId: agreement.id,
      title: milestone.title,
      amountFen,
      status: "RELEASED",
      occurredAt: new Date().toISOString(),
    },
  });
  const agreementStatus = await completeIfDone(tx, agreement.id, agreement.status, actorId);
  return { milestoneId: milestone.id, status: "RELEASED", transferId, amountFen, agreementStatus };
}

/** The paying side accepts the delivery: escrow → the expert. */
export async function acceptMilestone(actor: Actor, milestoneId: string, key: string, meta: Meta = {}) {
  const { result } = await inTransaction((tx, notify) =>
    idempotent(
      tx,
      { actorId: actor.id, key, scope: "milestone.accept", request: { milestoneId } },
      async () => {
        const milestone = await lockMilestone(tx, milestoneId);
        if (!actsForPayer(actor, milestone.agreement)) throw new DomainError("escrow.wrong_side");
        assertTransition(MILESTONE_TRANSITIONS, milestone.status, "RELEASED", "escrow.invalid_transition");
        assertInForce(milestone.agreement.status);
        const released = await release(tx, milestone, { actorId: actor.id, ip: meta.ip }, false);
        notify(
          notices(
            await recipients(tx, milestone.agreement, "payee", actor.id),
            "milestone.released",
            milestone,
          ),
        );
        return released;
      },
    ),
  );
  return result;
}

/** The paying side sends the delivery back with a reason; the expert may deliver again. */
export async function rejectMilestone(
  actor: Actor,
  milestoneId: string,
  reason: string,
  meta: Meta = {},
  unit?: Unit,
) {
  await inTransaction(async (tx, notify) => {
    const milestone = await lockMilestone(tx, milestoneId);
    if (!actsForPayer(actor, milestone.agreement)) throw new DomainError("escrow.wrong_side");
    assertTransition(MILESTONE_TRANSITIONS, milestone.status, "REJECTED", "escrow.invalid_transition");
    assertInForce(milestone.agreement.status);
    await moveMilestone(
      tx,
      milestone,
      "REJECTED",
      { rejectionReason: reason, reviewDueAt: null },
      { actorId: actor.id, ip: meta.ip },
    );
    notify(
      notices(await recipients(tx, milestone.agreement, "payee", actor.id), "milestone.rejected", milestone, {
        reason,
      }),
    );
  }, unit);
}

/** Either side stops the milestone for the bureau to rule on; the agreement is DISPUTED meanwhile. */
export async function disputeMilestone(
  actor: Actor,
  milestoneId: string,
  reason: string,
  meta: Meta = {},
  unit?: Unit,
) {
  await inTransaction(async (tx, notify) => {
    const milestone = await lockMilestone(tx, milestoneId);
    const { agreement } = milestone;
    const payer = actsForPayer(actor, agreement);
    if (!payer && !onPayeeSide(actor, agreement)) throw new DomainError("escrow.wrong_side");
    assertTransition(MILESTONE_TRANSITIONS, milestone.status, "DISPUTED", "escrow.invalid_transition");
    assertInForce(agreement.status);
    await moveMilestone(
      tx,
      milestone,
      "DISPUTED",
      { disputedAt: new Date(), disputeReason: reason, reviewDueAt: null },
      { actorId: actor.id, ip: meta.ip },
    );
    if (agreement.status === "ACTIVE")
      await moveAgreement(tx, agreement.id, "ACTIVE", "DISPUTED", actor.id, `milestone:${milestone.id}`);
    notify(
      notices(
        await recipients(tx, agreement, payer ? "payee" : "payer", actor.id),
        "milestone.disputed",
        milestone,
      ),
    );
  }, unit);
}

/**
 * Bureau staff rule on a dispute: `payeeFen` of the escrow to the expert, the rest back to the
 * payer. The agreement is ACTIVE again once no other milestone is disputed.
 */
export async function resolveDispute(
  actor: Actor,
  milestoneId: string,
  ruling: { payeeFen: number; note: string },
  key: string,
  meta: Meta = {},
) {
  if (!can(actor, "dispute.resolve")) throw new DomainError("escrow.wrong_side");
  const { result } = await inTransaction((tx, notify) =>
    idempotent(
      tx,
      { actorId: actor.id, key, scope: "milestone.resolve", request: { milestoneId, ...ruling } },
      async () => {
        const milestone = await lockMilestone(tx, milestoneId);
        const { agreement } = milestone;
        assertTransition(MILESTONE_TRANSITIONS, milestone.status, "RESOLVED", "escrow.invalid_transition");
        const held = await escrowBalance(tx, milestone.id);
        if (!Number.isSafeInteger(ruling.payeeFen) || ruling.payeeFen < 0 || ruling.payeeFen > held) {
          throw new DomainError("escrow.split_out_of_range", { max: fenToYuanText(held) });
        }
        const refundFen = held - ruling.payeeFen;
        const common = {
          from: escrowId(milestone.id),
          agreementId: agreement.id,
          milestoneId: milestone.id,
          actorId: actor.id,
        };
        if (ruling.payeeFen > 0)
          await transfer(tx, {
            ...common,
            to: await ensureWallet(tx, { userId: agreement.payeeUserId }),
            amountFen: ruling.payeeFen,
            reason: "DISPUTE_RELEASE",
          });
        // The refund goes back to whoever paid: the payer, or each co-payer its part by share.
        const refunds =
          refundFen > 0 ? await refundToPayers(tx, milestone, refundFen, "DISPUTE_REFUND", actor.id) : [];
        await moveMilestone(
          tx,
          milestone,
          "RESOLVED",
          {
            resolvedAt: new Date(),
            resolvedById: actor.id,
            resolutionPayeeFen: ruling.payeeFen,
            resolutionNote: ruling.note,
          },
          {
            actorId: actor.id,
            ip: meta.ip,
            extra: { refundFen, ...(refunds.length > 1 ? { refunds } : {}) },
          },
        );

        let status = agreement.status;
        const stillDisputed = await tx.milestone.count({
          where: { agreementId: agreement.id, status: "DISPUTED" },
        });
        if (status === "DISPUTED" && stillDisputed === 0) {
          await moveAgreement(tx, agreement.id, "DISPUTED", "ACTIVE", actor.id, `milestone:${milestone.id}`);
          status = "ACTIVE";
        }
        status = await completeIfDone(tx, agreement.id, status, actor.id);
        notify(notices(await recipients(tx, agreement, "both", actor.id), "milestone.resolved", milestone));
        return {
          milestoneId: milestone.id,
          status: "RESOLVED",
          payeeFen: ruling.payeeFen,
          refundFen,
          agreementStatus: status,
        };
      },
    ),
  );
  return result;
}

/**
 * For terminating an agreement, inside the caller's transaction: returns the escrow of every
 * FUNDED or REJECTED milestone to the payer. Refuses while a milestone awaits review or a ruling.
 * Returns what it refunded and the notification `rows` it wrote; the caller delivers them
 * (deliverNotifications) after its commit. Leaves the agreement's status to the caller.
 */
export async function refundFundedMilestones(tx: Tx, agreementId: string, actorId: string) {
  await lockAgreement(tx, agreementId);
  const agreement = await tx.agreement.findUnique({ where: { id: agreementId }, select: agreementSelect });
  if (!agreement) throw new DomainError("escrow.not_found");
  await tx.$queryRaw`SELECT id FROM "Milestone" WHERE "agreementId" = ${agreementId} ORDER BY id FOR UPDATE`;
  const milestones = await tx.milestone.findMany({
    where: { agreementId },
    select: milestoneSelect,
    orderBy: { position: "asc" },
  });
  if (milestones.some((m) => m.status === "SUBMITTED" || m.status === "DISPUTED"))
    throw new DomainError("escrow.cannot_terminate");

  const refunded: { milestoneId: string; amountFen: number }[] = [];
  const items: NewNotification[] = [];
  const people = await recipients(tx, agreement, "both", actorId);
  for (const milestone of milestones.filter((m) => m.status === "FUNDED" || m.status === "REJECTED")) {
    const amountFen = await escrowBalance(tx, milestone.id);
    // Back to whoever paid: the payer, or each co-payer its part by share.
    const refunds =
      amountFen > 0 ? await refundToPayers(tx, milestone, amountFen, "MILESTONE_REFUND", actorId) : [];
    await moveMilestone(
      tx,
      milestone,
      "REFUNDED",
      { refundedAt: new Date(), reviewDueAt: null },
      {
        actorId,
        extra: { transferId: refunds[0]?.transferId, amountFen, ...(refunds.length > 1 ? { refunds } : {}) },
      },
    );
    refunded.push({ milestoneId: milestone.id, amountFen });
    items.push(...notices(people, "milestone.refunded", milestone));
  }
  for (const milestone of milestones.filter((m) => m.status === "PLANNED")) {
    const amountFen = await refundPaidShares(tx, milestone, actorId);
    if (amountFen === 0) continue;
    refunded.push({ milestoneId: milestone.id, amountFen });
    items.push(...notices(people, "milestone.refunded", milestone));
  }
  return { refunded, rows: await createNotifications(tx, items) };
}

/**
 * Sends `amountFen` of a locked milestone's escrow back to whoever paid it: the agreement's payer,
 * or for a co-funded milestone each payer its part by `splitByShares` (floor of the proportion,
 * leftover fen to the largest remainders, ties to the lower position). Returns the transfers.
 */
async function refundToPayers(
  tx: Tx,
  milestone: LockedMilestone,
  amountFen: number,
  reason: "MILESTONE_REFUND" | "DISPUTE_REFUND",
  actorId: string | null,
) {
  const funders = await tx.milestoneFunder.findMany({
    where: { milestoneId: milestone.id },
    orderBy: { position: "asc" },
    select: { id: true, accountId: true, shareFen: true },
  });
  const parts =
    funders.length === 0
      ? [{ accountId: await ensureWallet(tx, payerWallet(milestone.agreement)), amountFen }]
      : splitByShares(amountFen, funders).map((part, index) => ({
          accountId: funders[index]!.accountId,
          amountFen: part.amountFen,
        }));
  const done: { accountId: string; amountFen: number; transferId: string }[] = [];
  for (const part of parts.filter((p) => p.amountFen > 0)) {
    const { id } = await transfer(tx, {
      from: escrowId(milestone.id),
      to: part.accountId,
      amountFen: part.amountFen,
      reason,
      agreementId: milestone.agreement.id,
      milestoneId: milestone.id,
      actorId,
    });
    done.push({ ...part, transferId: id });
  }
  return done;
}

/**
 * Termination of a co-funded milestone that some payers have funded and others not (still
 * PLANNED): each funded share goes back exactly as it came. The milestone stays PLANNED (nothing
 * else can happen to it once the agreement ends) with `refundedAt` set. Returns the fen refunded.
 */
async function refundPaidShares(tx: Tx, milestone: LockedMilestone, actorId: string) {
  if ((await escrowBalance(tx, milestone.id)) === 0) return 0;
  const paid = await tx.milestoneFunder.findMany({
    where: { milestoneId: milestone.id, fundedAt: { not: null } },
    orderBy: { position: "asc" },
    select: { accountId: true, shareFen: true },
  });
  const refunds: { accountId: string; amountFen: number; transferId: string }[] = [];
  for (const share of paid) {
    const { id } = await transfer(tx, {
      from: escrowId(milestone.id),
      to: share.accountId,
      amountFen: share.shareFen,
      reason: "MILESTONE_REFUND",
      agreementId: milestone.agreement.id,
      milestoneId: milestone.id,
      actorId,
    });
    refunds.push({ accountId: share.accountId, amountFen: share.shareFen, transferId: id });
  }
  const amountFen = refunds.reduce((sum, r) => sum + r.amountFen, 0);
  await tx.milestone.update({
    where: { id: milestone.id },
    data: { refundedAt: new Date() },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId,
    action: "milestone.shares_refunded",
    subjectType: "Milestone",
    subjectId: milestone.id,
    before: { status: milestone.status },
    after: { status: milestone.status, amountFen, refunds },
  });
  return amountFen;
}

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
  meta: Meta = {},
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
              available: `¥${fenToYuanText(Math.max(0, available))}`,
            });
        } else {
          from = await ensureWallet(
            tx,
            account.kind === "org" ? { organisationId: account.id } : { userId: account.id },
          );
        }
        const to = await ensureAccount(tx, {
          id: escrowId(milestone.id),
          kind: "ESCROW",
          milestoneId: milestone.id,
        });
        let transferId: string;
        try {
          ({ id: transferId } = await transfer(tx, {
            from,
            to,
            amountFen: funder.shareFen,
            reason: "MILESTONE_FUND",
            agreementId: agreement.id,
            milestoneId: milestone.id,
            actorId: actor.id,
            memo: `share:${funder.id}`,
          }));
        } catch (error) {
          if (
            isDomainError(error) &&
            (error.code === "ledger.insufficient_funds" || error.code === "ledger.account_missing")
          ) {
            throw new DomainError("cofunding.insufficient_funds", {
              amount: fenToYuanText(funder.shareFen),
              balance: fenToYuanText(await balanceOf(from, tx)),
            });
          }
          throw error;
        }
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

/**
 * The auto-release job: each SUBMITTED milestone whose review window has passed is released in
 * its own transaction, after taking the row locks and checking the status again — so two runs at
 * once (two app processes) release each milestone once, and a payer who accepted or disputed at
 * the last moment wins. One failure does not stop the others.
 */
export async function releaseDueMilestones(now = new Date()) {
  const due = await db.milestone.findMany({
    where: { status: "SUBMITTED", reviewDueAt: { lte: now } },
    select: { id: true },
    orderBy: { reviewDueAt: "asc" },
    take: 500,
  });
  const released: string[] = [];
  const failed: { milestoneId: string; error: unknown }[] = [];
  for (const { id } of due) {
    try {
      const done = await inTransaction(async (tx, notify) => {
        const milestone = await lockMilestone(tx, id);
        if (milestone.status !== "SUBMITTED" || !milestone.reviewDueAt || milestone.reviewDueAt > now)
          return false;
        await release(tx, milestone, { actorId: null }, true);
        notify(
          notices(
            await recipients(tx, milestone.agreement, "both", null),
            "milestone.auto_released",
            milestone,
          ),
        );
        return true;
      });
      if (done) released.push(id);
    } catch (error) {
      failed.push({ milestoneId: id, error });
    }
  }
  return { released, failed };
}

/** Runs the auto-release at start and every minute (the state is in the database, so restarts lose nothing). */
export function startEscrowJobs(log: Logger, intervalMs = 60 * 1000): () => Promise<void> {
  return startPeriodicJob(
    () =>
      releaseDueMilestones()
        .then(({ released, failed }) => {
          if (released.length > 0) log.info({ released: released.length }, "milestones auto-released");
          for (const failure of failed)
            log.error({ err: failure.error, milestoneId: failure.milestoneId }, "auto-release failed");
        })
        .catch((error: unknown) => log.error({ err: error }, "auto-release job failed")),
    intervalMs,
  );
}

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
    canFund: payer && agreement.status === "ACTIVE" && m.status === "PLANNED" && m._count.funders === 0,
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
