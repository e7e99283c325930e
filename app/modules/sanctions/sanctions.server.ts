import { db, type Tx } from "~/db.server";
import type { SanctionKind } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { ensureAccount, ensureWallet, programmeAccountId, transfer } from "~/modules/ledger/ledger.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { luoyangToday } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import { fenToYuanText } from "~/utils/money";
import { banEndsAt } from "./bans.server";

/**
 * The bureau's sanctions (plan §5.4): 停拨 suspends disbursement, 追缴 claws money back into the
 * programme, and the 3-year ban (3年内不得承担) bars a person or organisation from new work.
 * Each writes a Sanction row, an audit entry and notifications in one transaction.
 */

export interface Meta {
  ip?: string;
}

/** Statuses an application only reaches through approval: the ones that may be sanctioned. */
const APPROVED_STATUSES = ["APPROVED", "DISBURSED", "EVALUATED"] as const;

function assertBureau(actor: Actor): void {
  if (!can(actor, "sanction.apply")) throw new DomainError("sanction.forbidden");
}

/** Locks the application so two sanctions on it are decided one after the other. */
async function lockApplication(tx: Tx, applicationId: string) {
  await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${applicationId} FOR UPDATE`;
  const application = await tx.programmeApplication.findUnique({
    where: { id: applicationId },
    select: {
      id: true,
      title: true,
      status: true,
      organisationId: true,
      applicantId: true,
      programmeId: true,
      disbursedFen: true,
      suspendedAt: true,
      suspensionReason: true,
    },
  });
  if (!application) throw new DomainError("sanction.application_not_found");
  if (!(APPROVED_STATUSES as readonly string[]).includes(application.status))
    throw new DomainError("sanction.not_approved");
  return application;
}

async function lockSanction(tx: Tx, sanctionId: string) {
  await tx.$queryRaw`SELECT id FROM "Sanction" WHERE id = ${sanctionId} FOR UPDATE`;
  const sanction = await tx.sanction.findUnique({
    where: { id: sanctionId },
    select: {
      id: true,
      kind: true,
      organisationId: true,
      userId: true,
      reason: true,
      amountFen: true,
      recoveredFen: true,
      owedFen: true,
      endsAt: true,
      liftedAt: true,
      programmeApplicationId: true,
      application: { select: { title: true, programmeId: true, organisationId: true, suspendedAt: true } },
    },
  });
  if (!sanction) throw new DomainError("sanction.not_found");
  return sanction;
}

/** Everyone to tell: the members of the organisation and the person, once each. */
async function notifyAll(
  tx: Tx,
  subject: { organisationId?: string | null; userId?: string | null },
  item: Omit<NewNotification, "userId">,
) {
  const members = subject.organisationId
    ? await tx.membership.findMany({
        where: { organisationId: subject.organisationId },
        select: { userId: true },
      })
    : [];
  const userIds = new Set([...members.map((m) => m.userId), ...(subject.userId ? [subject.userId] : [])]);
  return createNotifications(
    tx,
    [...userIds].map((userId) => ({ userId, ...item })),
  );
}

async function commitAndDeliver<T>(
  work: (tx: Tx) => Promise<{ result: T; rows: Awaited<ReturnType<typeof createNotifications>> }>,
): Promise<T> {
  const { result, rows } = await db.$transaction(work);
  await deliverNotifications(rows);
  return result;
}

/** 停拨: no more money is disbursed to the application until the suspension is lifted. */
export async function suspend(
  actor: Actor,
  applicationId: string,
  reason: string,
  meta: Meta = {},
): Promise<{ id: string }> {
  assertBureau(actor);
  return commitAndDeliver(async (tx) => {
    const application = await lockApplication(tx, applicationId);
    if (application.suspendedAt) throw new DomainError("sanction.already_suspended");
    const now = new Date();
    await tx.programmeApplication.update({
      where: { id: applicationId },
      data: { suspendedAt: now, suspensionReason: reason },
      select: { id: true },
    });
    const sanction = await tx.sanction.create({
      data: {
        kind: "SUSPENSION",
        programmeApplicationId: applicationId,
        organisationId: application.organisationId,
        reason,
        startsAt: now,
        createdById: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "sanction.suspended",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      before: { suspendedAt: null },
      after: { suspendedAt: now.toISOString(), reason, sanctionId: sanction.id },
      ip: meta.ip,
    });
    const rows = await notifyAll(
      tx,
      { organisationId: application.organisationId, userId: application.applicantId },
      { type: "sanction.suspended", params: { programme: application.title, reason } },
    );
    return { result: sanction, rows };
  });
}

/**
 * 追缴: demands `amountFen` back (at most what was disbursed less earlier demands). What the
 * organisation's wallet holds now goes back to the programme at once; the rest is recorded as owed
 * and collected later with `collectOwed`.
 */
export async function clawBack(
  actor: Actor,
  applicationId: string,
  input: { amountFen: number; reason: string },
  meta: Meta = {},
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
export async function collectOwed(actor: Actor, sanctionId: string, meta: Meta = {}) {
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

/**
 * 3年内不得承担: bars the organisation and/or the person from new work for three years from now.
 * Nothing runs when it ends: every check compares dates (see findActiveBan).
 */
export async function ban(
  actor: Actor,
  input: {
    organisationId?: string | null;
    userId?: string | null;
    applicationId?: string | null;
    reason: string;
  },
  meta: Meta = {},
): Promise<{ id: string; endsAt: Date }> {
  assertBureau(actor);
  const organisationId = input.organisationId || null;
  const userId = input.userId || null;
  if (!organisationId && !userId) throw new DomainError("sanction.no_subject");
  return commitAndDeliver(async (tx) => {
    const [organisation, user] = await Promise.all([
      organisationId
        ? tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true } })
        : null,
      userId ? tx.user.findUnique({ where: { id: userId }, select: { id: true } }) : null,
    ]);
    if ((organisationId && !organisation) || (userId && !user))
      throw new DomainError("sanction.subject_not_found");
    const startsAt = new Date();
    const sanction = await tx.sanction.create({
      data: {
        kind: "BAN",
        organisationId,
        userId,
        programmeApplicationId: input.applicationId || null,
        reason: input.reason,
        startsAt,
        endsAt: banEndsAt(startsAt),
        createdById: actor.id,
      },
      select: { id: true, endsAt: true },
    });
    const endsAt = sanction.endsAt!;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "sanction.banned",
      subjectType: "Sanction",
      subjectId: sanction.id,
      before: {},
      after: {
        organisationId,
        userId,
        reason: input.reason,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
      },
      ip: meta.ip,
    });
    const rows = await notifyAll(
      tx,
      { organisationId, userId },
      { type: "sanction.banned", params: { reason: input.reason, until: luoyangToday(endsAt) } },
    );
    return { result: { id: sanction.id, endsAt }, rows };
  });
}

const LIFTABLE: SanctionKind[] = ["SUSPENSION", "BAN"];

/**
 * Ends a suspension (disbursement may resume) or a ban before its time, with the reason. A
 * claw-back cannot be lifted: the money already moved.
 */
export async function lift(actor: Actor, sanctionId: string, reason: string, meta: Meta = {}): Promise<void> {
  assertBureau(actor);
  await commitAndDeliver(async (tx) => {
    const sanction = await lockSanction(tx, sanctionId);
    if (!LIFTABLE.includes(sanction.kind)) throw new DomainError("sanction.not_liftable");
    const now = new Date();
    if (sanction.liftedAt || (sanction.endsAt && sanction.endsAt <= now))
      throw new DomainError("sanction.not_active");
    await tx.sanction.update({
      where: { id: sanctionId },
      data: { liftedAt: now, liftedById: actor.id, liftReason: reason },
      select: { id: true },
    });
    if (sanction.kind === "SUSPENSION" && sanction.programmeApplicationId) {
      await tx.programmeApplication.update({
        where: { id: sanction.programmeApplicationId },
        data: { suspendedAt: null, suspensionReason: null },
        select: { id: true },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "sanction.lifted",
      subjectType: "Sanction",
      subjectId: sanctionId,
      before: { kind: sanction.kind, liftedAt: null },
      after: { liftedAt: now.toISOString(), liftReason: reason },
      ip: meta.ip,
    });
    const rows =
      sanction.kind === "BAN"
        ? await notifyAll(tx, sanction, { type: "sanction.ban_lifted", params: { reason } })
        : await notifyAll(
            tx,
            { organisationId: sanction.organisationId },
            { type: "sanction.suspension_lifted", params: { programme: sanction.application?.title ?? "" } },
          );
    return { result: undefined, rows };
  });
}

/** Lifts a ban before its three years are up (the same rule as `lift`, named for callers). */
export async function liftBan(
  actor: Actor,
  sanctionId: string,
  reason: string,
  meta: Meta = {},
): Promise<void> {
  const sanction = await db.sanction.findUnique({ where: { id: sanctionId }, select: { kind: true } });
  if (sanction && sanction.kind !== "BAN") throw new DomainError("sanction.not_liftable");
  await lift(actor, sanctionId, reason, meta);
}
