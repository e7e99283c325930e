import type { z } from "zod";
import { db, withUnit, type Tx, type Unit } from "~/db.server";
import type { ProgrammeApplicationStatus } from "~/generated/prisma/enums";
import { formatMoney } from "~/i18n/format";
import type { MessageKey, Params } from "~/i18n/i18n";
import { recordAudit } from "~/modules/audit/audit.server";
import { idempotent } from "~/modules/ledger/idempotency.server";
import {
  CLEARING,
  balanceOf,
  ensureAccount,
  ensureWallet,
  programmeAccountId,
  transfer,
} from "~/modules/ledger/ledger.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { assertNotBanned } from "~/modules/sanctions/bans.server";
import { deleteUpload, storeImage } from "~/modules/uploads/uploads.server";
import { can, type Actor } from "~/modules/users/permissions";
import { enqueueEvent } from "~/modules/webhooks/webhooks.server";
import { DomainError, isDomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import {
  ACTIVE_APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  PROGRAMME_TRANSITIONS,
  ineligibleReasons,
  outstandingFen,
} from "./programmes.rules";
import {
  type BureauApplicationIntentSchema,
  PASSING_SCORE,
  type ApplyFields,
  type CompletionReportFields,
  type ProgrammeFields,
} from "./programmes.schema";

type Notifications = Awaited<ReturnType<typeof createNotifications>>;

const moneyText = (fen: number) => formatMoney("zh", fen);

function requireCan(actor: Actor, permission: "programme.manage" | "programme.review") {
  if (!can(actor, permission)) throw new DomainError("programme.forbidden");
}

function applicationHref(id: string) {
  return `/programmes/applications/${id}`;
}

async function notifyApplicant(
  tx: Tx,
  application: { id: string; applicantId: string },
  item: Omit<NewNotification, "userId" | "href">,
) {
  return createNotifications(tx, [
    { ...item, userId: application.applicantId, href: applicationHref(application.id) },
  ]);
}

// ───────────── Programmes (the bureau's calls) ─────────────

export async function createProgramme(actor: Actor, fields: ProgrammeFields): Promise<{ id: string }> {
  requireCan(actor, "programme.manage");
  return db.$transaction(async (tx) => {
    const programme = await tx.programme.create({
      data: { ...fields, createdById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.created",
      subjectType: "Programme",
      subjectId: programme.id,
      after: { ...fields, deadline: fields.deadline.toISOString() },
    });
    return programme;
  });
}

/** Only a draft may be edited: once published, applicants rely on its terms and budget. */
export async function updateProgramme(
  actor: Actor,
  programmeId: string,
  fields: ProgrammeFields,
): Promise<void> {
  requireCan(actor, "programme.manage");
  await db.$transaction(async (tx) => {
    const before = await tx.programme.findUnique({
      where: { id: programmeId },
      select: { status: true, title: true, budgetFen: true, maxAwardFen: true, deadline: true },
    });
    if (!before) throw new DomainError("programme.not_found");
    if (before.status !== "DRAFT") throw new DomainError("programme.not_draft");
    await tx.programme.update({ where: { id: programmeId }, data: fields, select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.updated",
      subjectType: "Programme",
      subjectId: programmeId,
      before: { ...before, deadline: before.deadline.toISOString() },
      after: { ...fields, deadline: fields.deadline.toISOString() },
    });
  });
}

/** DRAFT → OPEN: opens programme:<id> and moves the budget into it, in one transaction. */
export async function publishProgramme(
  actor: Actor,
  programmeId: string,
  now: Date = new Date(),
): Promise<void> {
  requireCan(actor, "programme.manage");
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Programme" WHERE id = ${programmeId} FOR UPDATE`;
    const programme = await tx.programme.findUnique({
      where: { id: programmeId },
      select: { status: true, budgetFen: true },
    });
    if (!programme) throw new DomainError("programme.not_found");
    assertTransition(PROGRAMME_TRANSITIONS, programme.status, "OPEN", "programme.invalid_transition");
    const account = await ensureAccount(tx, { id: programmeAccountId(programmeId), kind: "PROGRAMME" });
    await transfer(tx, {
      from: CLEARING,
      to: account,
      amountFen: programme.budgetFen,
      reason: "PROGRAMME_BUDGET",
      actorId: actor.id,
    });
    await tx.programme.update({
      where: { id: programmeId },
      data: { status: "OPEN", publishedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.published",
      subjectType: "Programme",
      subjectId: programmeId,
      before: { status: "DRAFT" },
      after: { status: "OPEN", budgetFen: programme.budgetFen },
    });
  });
}

export async function closeProgramme(
  actor: Actor,
  programmeId: string,
  now: Date = new Date(),
): Promise<void> {
  requireCan(actor, "programme.manage");
  await db.$transaction(async (tx) => {
    const programme = await tx.programme.findUnique({ where: { id: programmeId }, select: { status: true } });
    if (!programme) throw new DomainError("programme.not_found");
    assertTransition(PROGRAMME_TRANSITIONS, programme.status, "CLOSED", "programme.invalid_transition");
    await tx.programme.update({
      where: { id: programmeId },
      data: { status: "CLOSED", closedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.closed",
      subjectType: "Programme",
      subjectId: programmeId,
      before: { status: programme.status },
      after: { status: "CLOSED" },
    });
  });
}

/** Adds money to a published programme: another PROGRAMME_BUDGET transfer, and a larger budget. */
export async function topUpProgramme(actor: Actor, programmeId: string, amountFen: number): Promise<void> {
  requireCan(actor, "programme.manage");
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Programme" WHERE id = ${programmeId} FOR UPDATE`;
    const programme = await tx.programme.findUnique({
      where: { id: programmeId },
      select: { status: true, budgetFen: true },
    });
    if (!programme) throw new DomainError("programme.not_found");
    if (programme.status === "DRAFT") throw new DomainError("programme.invalid_transition");
    await transfer(tx, {
      from: CLEARING,
      to: programmeAccountId(programmeId),
      amountFen,
      reason: "PROGRAMME_BUDGET",
      actorId: actor.id,
    });
    const budgetFen = programme.budgetFen + amountFen;
    await tx.programme.update({ where: { id: programmeId }, data: { budgetFen }, select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.topped_up",
      subjectType: "Programme",
      subjectId: programmeId,
      before: { budgetFen: programme.budgetFen },
      after: { budgetFen },
    });
  });
}

/**
 * Money the programme can still promise: what its account holds minus what approved projects
 * are still owed. Read under the programme row lock, so two approvals cannot both count it.
 */
export async function uncommittedFen(programmeId: string, client: Tx = db): Promise<number> {
  const owed = await client.programmeApplication.findMany({
    where: { programmeId, approvedFen: { not: null }, status: { in: ["APPROVED", "EVALUATED"] } },
    select: { approvedFen: true, disbursedFen: true, status: true },
  });
  return (
    (await balanceOf(programmeAccountId(programmeId), client)) -
    owed.reduce((sum, row) => sum + outstandingFen(row), 0)
  );
}

// ───────────── Applications ─────────────

/** A verified organisation member applies for their organisation (SUBMITTED). */
export async function applyToProgramme(
  actor: Actor,
  programmeId: string,
  fields: ApplyFields,
  now: Date = new Date(),
  unit?: Unit,
): Promise<{ id: string }> {
  if (!actor.memberships.some((membership) => membership.organisationId === fields.organisationId))
    throw new DomainError("programme.not_member");
  const [kind, linkId] = fields.link
    ? (fields.link.split(":") as ["agreement" | "need", string])
    : [null, null];
  return withUnit(unit, async ({ tx }) => {
    const programme = await tx.programme.findUnique({
      where: { id: programmeId },
      select: {
        status: true,
        deadline: true,
        maxAwardFen: true,
        eligibleCounties: true,
        eligibleIndustries: true,
        eligibleOrgTypes: true,
      },
    });
    if (!programme || programme.status === "DRAFT") throw new DomainError("programme.not_found");
    if (programme.status !== "OPEN") throw new DomainError("programme.not_open");
    if (programme.deadline <= now) throw new DomainError("programme.past_deadline");
    const organisation = await tx.organisation.findUniqueOrThrow({
      where: { id: fields.organisationId },
      select: { type: true, verifiedAt: true, hiddenAt: true },
    });
    if (!organisation.verifiedAt || organisation.hiddenAt) throw new DomainError("programme.org_unverified");
    const [reason] = ineligibleReasons(programme, {
      countyCode: fields.countyCode,
      industry: fields.industry,
      orgType: organisation.type,
    });
    if (reason === "orgType") throw new DomainError("programme.ineligible_org_type");
    if (reason === "county") throw new DomainError("programme.ineligible_county");
    if (reason === "industry") throw new DomainError("programme.ineligible_industry");
    await assertNotBanned({ userId: actor.id, organisationIds: [fields.organisationId] }, now, tx);
    if (programme.maxAwardFen !== null && fields.requestedFen > programme.maxAwardFen)
      throw new DomainError("programme.over_max_award", { max: moneyText(programme.maxAwardFen) });

    const link = {
      agreementId: kind === "agreement" ? linkId : null,
      needId: kind === "need" ? linkId : null,
    };
    if (link.agreementId) {
      const agreement = await tx.agreement.findFirst({
        where: {
          id: link.agreementId,
          OR: [
            { payerOrganisationId: fields.organisationId },
            { payeeOrganisationId: fields.organisationId },
          ],
        },
        select: { id: true },
      });
      if (!agreement) throw new DomainError("programme.link_invalid");
    }
    if (
      link.needId &&
      !(await tx.need.findFirst({
        where: { id: link.needId, organisationId: fields.organisationId },
        select: { id: true },
      }))
    ) {
      throw new DomainError("programme.link_invalid");
    }
    if (link.agreementId || link.needId) {
      const duplicate = await tx.programmeApplication.findFirst({
        where: {
          programmeId,
          organisationId: fields.organisationId,
          status: { in: ACTIVE_APPLICATION_STATUSES },
          ...(link.agreementId ? { agreementId: link.agreementId } : { needId: link.needId }),
        },
        select: { id: true },
      });
      if (duplicate) throw new DomainError("programme.duplicate");
    }

    const application = await tx.programmeApplication.create({
      data: {
        programmeId,
        organisationId: fields.organisationId,
        applicantId: actor.id,
        ...link,
        title: fields.title,
        summary: fields.summary,
        countyCode: fields.countyCode,
        industry: fields.industry,
        requestedFen: fields.requestedFen,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.applied",
      subjectType: "ProgrammeApplication",
      subjectId: application.id,
      after: { programmeId, ...fields, ...link },
    });
    return application;
  });
}

export interface ApplicationRow {
  id: string;
  programmeId: string;
  organisationId: string;
  applicantId: string;
  agreementId: string | null;
  title: string;
  status: ProgrammeApplicationStatus;
  requestedFen: number;
  approvedFen: number | null;
  disbursedFen: number;
  suspendedAt: Date | null;
  suspensionReason: string | null;
  completedAt: Date | null;
}

const applicationSelect = {
  id: true,
  programmeId: true,
  organisationId: true,
  applicantId: true,
  agreementId: true,
  title: true,
  status: true,
  requestedFen: true,
  approvedFen: true,
  disbursedFen: true,
  suspendedAt: true,
  suspensionReason: true,
  completedAt: true,
} as const;

async function findApplication(tx: Tx, applicationId: string): Promise<ApplicationRow> {
  const application = await tx.programmeApplication.findUnique({
    where: { id: applicationId },
    select: applicationSelect,
  });
  if (!application) throw new DomainError("programme.not_found");
  return application;
}

function isApplicantSide(actor: Actor, application: { organisationId: string }) {
  return actor.memberships.some((membership) => membership.organisationId === application.organisationId);
}

/** The applicant's organisation withdraws while nobody has decided yet. */
export async function withdrawApplication(actor: Actor, applicationId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const application = await findApplication(tx, applicationId);
    if (!isApplicantSide(actor, application)) throw new DomainError("programme.forbidden");
    assertTransition(APPLICATION_TRANSITIONS, application.status, "WITHDRAWN", "programme.already_decided");
    await tx.programmeApplication.update({
      where: { id: applicationId },
      data: { status: "WITHDRAWN" },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.withdrawn",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      before: { status: application.status },
      after: { status: "WITHDRAWN" },
    });
  });
}

// ───────────── Review ─────────────

/**
 * Why the reviewer may not judge this application, if anything: they belong to the applying
 * organisation, they applied, or they are a party (payer or payee) of the linked agreement.
 */
async function hasConflict(tx: Tx, reviewerId: string, application: ApplicationRow): Promise<boolean> {
  if (application.applicantId === reviewerId) return true;
  const member = await tx.membership.findUnique({
    where: { userId_organisationId: { userId: reviewerId, organisationId: application.organisationId } },
    select: { userId: true },
  });
  if (member) return true;
  if (!application.agreementId) return false;
  const party = await tx.agreement.findFirst({
    where: { id: application.agreementId, OR: [{ payerUserId: reviewerId }, { payeeUserId: reviewerId }] },
    select: { id: true },
  });
  return party !== null;
}

export type ReviewInput = { conflict: false; score: number; comment: string } | { conflict: true };

/** A score with comment (the reviewer declared no conflict), or a declared conflict with none. */
export async function reviewApplication(
  actor: Actor,
  applicationId: string,
  review: ReviewInput,
): Promise<void> {
  requireCan(actor, "programme.review");
  await db.$transaction(async (tx) => {
    const application = await findApplication(tx, applicationId);
    if (application.status !== "SUBMITTED") throw new DomainError("programme.already_decided");
    // Declaring a conflict is always allowed; scoring with one is not.
    if (!review.conflict && (await hasConflict(tx, actor.id, application)))
      throw new DomainError("programme.conflict_of_interest");
    const existing = await tx.programmeReview.findUnique({
      where: { applicationId_reviewerId: { applicationId, reviewerId: actor.id } },
      select: { reviewerId: true },
    });
    if (existing) throw new DomainError("programme.already_reviewed");
    const data = review.conflict
      ? { conflict: true, score: null, comment: "" }
      : { conflict: false, score: review.score, comment: review.comment };
    await tx.programmeReview.create({
      data: { applicationId, reviewerId: actor.id, ...data },
      select: { reviewerId: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: review.conflict ? "programme.conflict_declared" : "programme.reviewed",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      after: data,
    });
  });
}

// ───────────── Decision ─────────────

export type Decision =
  { approve: true; approvedFen: number; note?: string } | { approve: false; note: string };

export async function decideApplication(
  actor: Actor,
  applicationId: string,
  decision: Decision,
  now: Date = new Date(),
): Promise<void> {
  requireCan(actor, "programme.manage");
  const rows = await db.$transaction(async (tx) => {
    const { programmeId } = await findApplication(tx, applicationId);
    // Programme first, then the application: the same order as disbursement, so no deadlock.
    await tx.$queryRaw`SELECT id FROM "Programme" WHERE id = ${programmeId} FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${applicationId} FOR UPDATE`;
    const application = await findApplication(tx, applicationId);
    const status: ProgrammeApplicationStatus = decision.approve ? "APPROVED" : "REJECTED";
    assertTransition(APPLICATION_TRANSITIONS, application.status, status, "programme.already_decided");

    if (decision.approve) {
      const programme = await tx.programme.findUniqueOrThrow({
        where: { id: programmeId },
        select: { reviewsRequired: true, maxAwardFen: true },
      });
      const scores = await tx.programmeReview.count({
        where: { applicationId, conflict: false, score: { not: null } },
      });
      if (scores < programme.reviewsRequired)
        throw new DomainError("programme.not_enough_reviews", {
          required: programme.reviewsRequired,
          have: scores,
        });
      if (decision.approvedFen > application.requestedFen)
        throw new DomainError("programme.over_requested", { requested: moneyText(application.requestedFen) });
      if (programme.maxAwardFen !== null && decision.approvedFen > programme.maxAwardFen)
        throw new DomainError("programme.approve_over_max", { max: moneyText(programme.maxAwardFen) });
      await assertNotBanned(
        { userId: application.applicantId, organisationIds: [application.organisationId] },
        now,
        tx,
      );
      const available = await uncommittedFen(programmeId, tx);
      if (decision.approvedFen > available)
        throw new DomainError("programme.over_uncommitted", { available: moneyText(Math.max(0, available)) });
    }

    const after = {
      status,
      approvedFen: decision.approve ? decision.approvedFen : null,
      decisionNote: decision.note ?? "",
    };
    await tx.programmeApplication.update({
      where: { id: applicationId },
      data: { ...after, decidedById: actor.id, decidedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: decision.approve ? "programme.approved" : "programme.rejected",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      before: { status: application.status },
      after,
    });
    await enqueueEvent(tx, {
      organisationIds: [application.organisationId],
      event: "programme.decided",
      payload: {
        applicationId,
        programmeId,
        title: application.title,
        status,
        approvedFen: after.approvedFen,
        occurredAt: now.toISOString(),
      },
    });
    return notifyApplicant(
      tx,
      application,
      decision.approve
        ? {
            type: "programme.approved",
            params: { title: application.title, amount: moneyText(decision.approvedFen) },
          }
        : { type: "programme.rejected", params: { title: application.title, reason: decision.note } },
    );
  });
  await deliverNotifications(rows);
}

// ───────────── Disbursement ─────────────

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
        if (application.suspendedAt)
          throw new DomainError("programme.suspended", { reason: application.suspensionReason ?? "" });
        await assertNotBanned(
          { userId: application.applicantId, organisationIds: [application.organisationId] },
          now,
          tx,
        );
        await assertDisbursable(tx, programme.kind, application);

        const remaining = application.approvedFen! - application.disbursedFen;
        const amountFen = input.amountFen ?? remaining;
        if (amountFen > remaining)
          throw new DomainError("programme.over_approved", { remaining: moneyText(remaining) });
        const wallet = await ensureWallet(tx, { organisationId: application.organisationId });
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

async function assertDisbursable(tx: Tx, kind: "GRANT" | "POST_SUBSIDY", application: ApplicationRow) {
  if (
    application.approvedFen === null ||
    !["APPROVED", "EVALUATED", "DISBURSED"].includes(application.status)
  )
    throw new DomainError("programme.not_disbursable");
  if (application.disbursedFen >= application.approvedFen)
    throw new DomainError("programme.over_approved", { remaining: moneyText(0) });
  if (kind === "POST_SUBSIDY") {
    // 后补助: money follows a passing evaluation (合格, score ≥ 60), never before.
    if (application.status !== "EVALUATED") throw new DomainError("programme.not_evaluated");
    const outcome = await tx.programmeOutcome.findUniqueOrThrow({
      where: { applicationId: application.id },
      select: { score: true },
    });
    if ((outcome.score ?? 0) < PASSING_SCORE)
      throw new DomainError("programme.evaluation_failed", {
        score: outcome.score ?? 0,
        pass: PASSING_SCORE,
      });
  }
}

// ───────────── Completion report and evaluation ─────────────

/**
 * 结题: the project reports its figures and evidence photos. Photos are stored before the
 * transaction (image work is slow) and removed again if the report is refused.
 */
export async function reportCompletion(
  actor: Actor,
  applicationId: string,
  fields: CompletionReportFields,
  photos: File[],
  now: Date = new Date(),
): Promise<void> {
  const before = await findApplication(db, applicationId);
  if (!isApplicantSide(actor, before)) throw new DomainError("programme.forbidden");
  const stored: string[] = [];
  try {
    for (const photo of photos) stored.push((await storeImage({ ownerId: actor.id, file: photo })).id);
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${applicationId} FOR UPDATE`;
      const application = await findApplication(tx, applicationId);
      if (application.completedAt) throw new DomainError("programme.already_reported");
      if (!["APPROVED", "DISBURSED"].includes(application.status))
        throw new DomainError("programme.not_approved");
      if (application.agreementId) {
        const agreement = await tx.agreement.findUniqueOrThrow({
          where: { id: application.agreementId },
          select: { status: true, number: true },
        });
        if (agreement.status !== "COMPLETED")
          throw new DomainError("programme.agreement_not_completed", { number: agreement.number });
      }
      const { incomeChange, sales, ...figures } = fields;
      await tx.programmeOutcome.create({
        data: {
          applicationId,
          ...figures,
          incomeChangeFen: incomeChange,
          salesFen: sales,
          reportedById: actor.id,
          reportedAt: now,
        },
        select: { applicationId: true },
      });
      if (stored.length)
        await tx.programmeEvidence.createMany({
          data: stored.map((uploadId) => ({ applicationId, uploadId })),
        });
      await tx.programmeApplication.update({
        where: { id: applicationId },
        data: { completedAt: now },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "programme.completed",
        subjectType: "ProgrammeApplication",
        subjectId: applicationId,
        after: { ...fields, evidence: stored },
      });
    });
  } catch (error) {
    await Promise.allSettled(stored.map((id) => deleteUpload(id)));
    throw error;
  }
}

export interface EvaluationInput {
  score: number;
  narrative: string;
  commended: boolean;
}

/** 绩效考评: only after the completion report. The application becomes EVALUATED. */
export async function evaluateApplication(
  actor: Actor,
  applicationId: string,
  evaluation: EvaluationInput,
  now: Date = new Date(),
): Promise<void> {
  requireCan(actor, "programme.manage");
  const rows = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${applicationId} FOR UPDATE`;
    const application = await findApplication(tx, applicationId);
    if (application.status === "EVALUATED") throw new DomainError("programme.already_evaluated");
    if (!application.completedAt) throw new DomainError("programme.not_completed");
    assertTransition(
      APPLICATION_TRANSITIONS,
      application.status,
      "EVALUATED",
      "programme.invalid_transition",
    );
    await tx.programmeOutcome.update({
      where: { applicationId },
      data: { ...evaluation, evaluatedById: actor.id, evaluatedAt: now },
      select: { applicationId: true },
    });
    await tx.programmeApplication.update({
      where: { id: applicationId },
      data: { status: "EVALUATED" },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.evaluated",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      before: { status: application.status },
      after: { status: "EVALUATED", ...evaluation },
    });
    return notifyApplicant(tx, application, {
      type: "programme.evaluated",
      params: { title: application.title, score: evaluation.score },
    });
  });
  await deliverNotifications(rows);
}

export type BureauIntent = z.output<typeof BureauApplicationIntentSchema>;

/**
 * One of the bureau's actions on an application page, as the route parsed it. Each checks its
 * own permission (review: programme.review; the rest: programme.manage). Returns the toast.
 */
export async function performBureauIntent(
  actor: Actor,
  applicationId: string,
  intent: BureauIntent,
): Promise<{ message: MessageKey; params?: Params }> {
  switch (intent.intent) {
    case "review":
      await reviewApplication(actor, applicationId, {
        conflict: false,
        score: intent.score,
        comment: intent.comment,
      });
      return { message: "programmes.reviewed" };
    case "conflict":
      await reviewApplication(actor, applicationId, { conflict: true });
      return { message: "programmes.reviewed" };
    case "approve":
      await decideApplication(actor, applicationId, {
        approve: true,
        approvedFen: intent.approved,
        note: intent.note,
      });
      return { message: "programmes.decided" };
    case "reject":
      await decideApplication(actor, applicationId, { approve: false, note: intent.note });
      return { message: "programmes.decided" };
    case "disburse": {
      const paid = await disburse(actor, {
        applicationId,
        amountFen: intent.amount,
        idempotencyKey: intent.idempotencyKey,
      });
      return { message: "programmes.disbursedToast", params: { amount: moneyText(paid.amountFen) } };
    }
    case "evaluate":
      await evaluateApplication(actor, applicationId, {
        score: intent.score,
        narrative: intent.narrative,
        commended: intent.commended,
      });
      return { message: "programmes.evaluated" };
  }
}
