import { db, type Tx } from "~/db.server";
import { type Prisma } from "~/generated/prisma/client";
import type { AgreementStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { refundFundedMilestones } from "~/modules/escrow/escrow.server";
import { deliverNotifications } from "~/modules/notifications/notifications.server";
import { type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { assertTransition, statesThatMayBecome } from "~/utils/state-machine";
import { AGREEMENT_TRANSITIONS } from "~/modules/escrow/escrow.states";
import { AGREEMENT_VERSION_TRANSITIONS, EQUITY_TRANSITIONS } from "./agreements.states";
import { otherParty } from "~/modules/escrow/parties";
import { termsHash } from "./terms-hash.server";
import {
  lockAgreement,
  requireParty,
  latestVersion,
  strictTerms,
  notifySides,
  displayName,
  assertMilestonesKept,
  type LockedAgreement,
} from "./agreements.core.server";

/**
 * Agreements (DESIGN §2.4, §3): drafted from an accepted application or an offer, edited by
 * either party, proposed (terms frozen), signed by both with their password, then in force.
 * An amendment is a new version both sign again. Every change runs in one transaction holding
 * the agreement's row lock, so two people acting at once are served one after the other.
 *
 * This file holds editing, proposing, declining, amending and terminating; creation and signing
 * have their own files, re-exported here for callers.
 */

/** Moves the agreement itself along its state machine when its latest version is proposed or sent back. */
async function moveAgreement(tx: Tx, agreement: LockedAgreement, to: AgreementStatus) {
  assertTransition(AGREEMENT_TRANSITIONS, agreement.status, to, "agreement.invalid_transition");
  await tx.agreement.update({ where: { id: agreement.id }, data: { status: to }, select: { id: true } });
}

/** Either party edits the draft version (the first draft, a sent-back proposal or an amendment). */
export async function updateDraftTerms(
  actor: Actor,
  agreementId: string,
  input: unknown,
  meta: RequestMeta = {},
): Promise<void> {
  const terms = strictTerms(input);
  await db.$transaction(async (tx) => {
    const agreement = await lockAgreement(tx, agreementId);
    requireParty(actor, agreement);
    const version = await latestVersion(tx, agreementId);
    if (version.status !== "DRAFT" || agreement.status === "TERMINATED" || agreement.status === "COMPLETED")
      throw new DomainError("agreement.not_draft");
    const hash = termsHash(terms);
    await tx.agreementVersion.update({
      where: { id: version.id },
      data: { terms, termsHash: hash },
      select: { id: true },
    });
    // Until something is signed, the agreement's title and review window follow the draft.
    if (!agreement.activatedAt) {
      await tx.agreement.update({
        where: { id: agreementId },
        data: { title: terms.title, reviewWindowDays: terms.reviewWindowDays },
        select: { id: true },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agreement.terms_updated",
      subjectType: "Agreement",
      subjectId: agreementId,
      before: { version: version.version, termsHash: version.termsHash },
      after: { version: version.version, termsHash: hash },
      ip: meta.ip,
    });
  });
}

/** Sends the draft for signature: validated, frozen (its hash fixed) and announced to the other side. */
export async function propose(actor: Actor, agreementId: string, meta: RequestMeta = {}): Promise<void> {
  const rows = await db.$transaction(async (tx) => {
    const agreement = await lockAgreement(tx, agreementId);
    const party = requireParty(actor, agreement);
    const version = await latestVersion(tx, agreementId);
    if (agreement.status === "TERMINATED" || agreement.status === "COMPLETED")
      throw new DomainError("agreement.not_draft");
    assertTransition(AGREEMENT_VERSION_TRANSITIONS, version.status, "PROPOSED", "agreement.not_draft");
    const terms = strictTerms(version.terms);
    await assertMilestonesKept(tx, agreementId, terms);
    const hash = termsHash(terms);
    await tx.agreementVersion.update({
      where: { id: version.id },
      data: { status: "PROPOSED", proposedAt: new Date(), terms, termsHash: hash },
      select: { id: true },
    });
    if (agreement.status === "DRAFT") await moveAgreement(tx, agreement, "PROPOSED");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agreement.proposed",
      subjectType: "Agreement",
      subjectId: agreementId,
      before: { status: agreement.status },
      after: { version: version.version, termsHash: hash, party },
      ip: meta.ip,
    });
    return notifySides(tx, agreement, [otherParty(party)], actor.id, {
      type: "agreement.proposed",
      params: { agreement: terms.title, by: await displayName(tx, actor.id) },
      href: `/agreements/${agreementId}/sign`,
    });
  });
  await deliverNotifications(rows);
}

/**
 * A party sends the proposal back: that version is withdrawn (kept, with any signature on it)
 * and a new draft copy of it is opened for changes. A party that has signed it already has
 * agreed, so only a party that has not may send it back.
 */
export async function decline(
  actor: Actor,
  agreementId: string,
  reason: string | undefined,
  meta: RequestMeta = {},
): Promise<void> {
  const rows = await db.$transaction(async (tx) => {
    const agreement = await lockAgreement(tx, agreementId);
    const party = requireParty(actor, agreement);
    const version = await latestVersion(tx, agreementId);
    // A draft may also be withdrawn (by termination), but only a proposal can be declined.
    if (version.status !== "PROPOSED") throw new DomainError("agreement.not_proposed");
    assertTransition(AGREEMENT_VERSION_TRANSITIONS, version.status, "WITHDRAWN", "agreement.not_proposed");
    const signed = await tx.agreementSignature.count({ where: { versionId: version.id, party } });
    if (signed > 0) throw new DomainError("agreement.already_signed");
    await tx.agreementVersion.update({
      where: { id: version.id },
      data: { status: "WITHDRAWN" },
      select: { id: true },
    });
    await tx.agreementVersion.create({
      data: {
        agreementId,
        version: version.version + 1,
        terms: version.terms as Prisma.InputJsonValue,
        termsHash: version.termsHash,
        createdById: actor.id,
        note: reason || null,
      },
      select: { id: true },
    });
    if (agreement.status === "PROPOSED") await moveAgreement(tx, agreement, "DRAFT");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agreement.declined",
      subjectType: "Agreement",
      subjectId: agreementId,
      before: { status: agreement.status, version: version.version },
      after: { version: version.version + 1, party, reason: reason ?? null },
      ip: meta.ip,
    });
    return notifySides(tx, agreement, [otherParty(party)], actor.id, {
      type: "agreement.declined",
      params: { agreement: agreement.title, by: await displayName(tx, actor.id) },
      href: `/agreements/${agreementId}`,
    });
  });
  await deliverNotifications(rows);
}

/** Opens an amendment of an agreement in force: a new draft version copied from the signed one. */
export async function proposeAmendment(
  actor: Actor,
  agreementId: string,
  note: string | undefined,
  meta: RequestMeta = {},
): Promise<{ version: number }> {
  return db.$transaction(async (tx) => {
    const agreement = await lockAgreement(tx, agreementId);
    requireParty(actor, agreement);
    if (agreement.status !== "ACTIVE") throw new DomainError("agreement.not_active");
    const latest = await latestVersion(tx, agreementId);
    if (latest.status === "DRAFT" || latest.status === "PROPOSED")
      throw new DomainError("agreement.amendment_open");
    const signed = await tx.agreementVersion.findFirstOrThrow({
      where: { agreementId, status: "SIGNED" },
      select: { terms: true, termsHash: true, version: true },
    });
    const version = latest.version + 1;
    await tx.agreementVersion.create({
      data: {
        agreementId,
        version,
        terms: signed.terms as Prisma.InputJsonValue,
        termsHash: signed.termsHash,
        createdById: actor.id,
        note: note || null,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agreement.amendment_opened",
      subjectType: "Agreement",
      subjectId: agreementId,
      after: { version, from: signed.version, note: note ?? null },
      ip: meta.ip,
    });
    return { version };
  });
}

/**
 * Ends the agreement: escrowed money goes back to the payer (refused while a delivery awaits
 * review or a dispute is open), open proposals are withdrawn and equity held under it ends.
 */
export async function terminate(
  actor: Actor,
  agreementId: string,
  reason: string,
  meta: RequestMeta = {},
): Promise<void> {
  const rows = await db.$transaction(async (tx) => {
    const agreement = await lockAgreement(tx, agreementId);
    requireParty(actor, agreement);
    assertTransition(AGREEMENT_TRANSITIONS, agreement.status, "TERMINATED", "agreement.invalid_transition");
    const refunds = await refundFundedMilestones(tx, agreementId, actor.id);
    const now = new Date();
    await tx.agreementVersion.updateMany({
      where: { agreementId, status: { in: statesThatMayBecome(AGREEMENT_VERSION_TRANSITIONS, "WITHDRAWN") } },
      data: { status: "WITHDRAWN" },
    });
    await tx.equityHolding.updateMany({
      where: { agreementId, status: { in: statesThatMayBecome(EQUITY_TRANSITIONS, "ENDED") } },
      data: { status: "ENDED", endedAt: now },
    });
    await tx.agreement.update({
      where: { id: agreementId },
      data: { status: "TERMINATED", terminatedAt: now, terminationReason: reason },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agreement.terminated",
      subjectType: "Agreement",
      subjectId: agreementId,
      before: { status: agreement.status },
      after: { status: "TERMINATED", reason },
      ip: meta.ip,
    });
    const rows = await notifySides(tx, agreement, ["PAYER", "PAYEE"], actor.id, {
      type: "agreement.terminated",
      params: { agreement: agreement.title, reason },
      href: `/agreements/${agreementId}`,
    });
    return [...rows, ...refunds.rows];
  });
  await deliverNotifications(rows);
}

export {
  createAgreementFromApplication,
  createAgreementFromOffer,
  nextContractNumber,
} from "./agreements.create.server";
export { sign, syncMilestones } from "./agreements.signing.server";
