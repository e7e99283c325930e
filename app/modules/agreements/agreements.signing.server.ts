import { db, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { deliverNotifications } from "~/modules/notifications/notifications.server";
import { verifyPassword } from "~/modules/users/password.server";
import { checkPassword } from "~/modules/users/throttle.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition, statesThatMayBecome } from "~/utils/state-machine";
import { AGREEMENT_TRANSITIONS } from "~/modules/escrow/escrow.states";
import { AGREEMENT_VERSION_TRANSITIONS, EQUITY_TRANSITIONS } from "./agreements.states";
import { dueDateOf } from "./milestone-plan";
import { otherParty } from "~/modules/escrow/parties";
import { type AgreementTerms } from "./terms";
import { termsHash } from "./terms-hash.server";
import { signerRefusal } from "./agreements.signers.server";
import {
  type LockedAgreement,
  lockAgreement,
  requireParty,
  latestVersion,
  strictTerms,
  notifySides,
  displayName,
  assertMilestonesKept,
} from "./agreements.core.server";

/**
 * The milestone rows follow the signed terms: positions 1..n across the components. Rows whose
 * money is in play must come through unchanged (checked at proposal; checked again here because
 * a milestone may have been funded since).
 */
export async function syncMilestones(tx: Tx, agreementId: string, terms: AgreementTerms): Promise<void> {
  const steps = await assertMilestonesKept(tx, agreementId, terms);
  for (const step of steps) {
    if (step.kind === "keep") continue;
    if (step.kind === "delete") {
      await tx.milestone.delete({ where: { id: step.id }, select: { id: true } });
      continue;
    }
    const { title, deliverables, acceptanceCriteria, amountFen, dueDate } = step.milestone;
    const data = { title, deliverables, acceptanceCriteria, amountFen, dueDate: dueDateOf(dueDate) };
    if (step.kind === "create")
      await tx.milestone.create({
        data: { ...data, agreementId, position: step.position },
        select: { id: true },
      });
    else {
      // Co-funding shares sum to the old amount; with a new amount the paying side sets them again.
      await tx.milestoneFunder.deleteMany({
        where: { milestoneId: step.id, milestone: { amountFen: { not: amountFen } } },
      });
      await tx.milestone.update({ where: { id: step.id }, data, select: { id: true } });
    }
  }
}

/** The equity register follows the signed terms: this agreement's earlier holdings are superseded. */
async function syncEquity(tx: Tx, agreement: LockedAgreement, versionId: string, terms: AgreementTerms) {
  const now = new Date();
  await tx.equityHolding.updateMany({
    where: {
      agreementId: agreement.id,
      status: { in: statesThatMayBecome(EQUITY_TRANSITIONS, "SUPERSEDED") },
    },
    data: { status: "SUPERSEDED", endedAt: now },
  });
  for (const component of terms.components) {
    if (component.type !== "TECH_EQUITY") continue;
    await tx.equityHolding.create({
      data: {
        agreementId: agreement.id,
        versionId,
        enterpriseName: component.enterpriseName,
        enterpriseOrganisationId: component.enterpriseOrganisationId ?? null,
        holderUserId: agreement.payeeUserId,
        holderOrganisationId: agreement.payeeOrganisationId,
        percentBp: component.equityBp,
        valuationFen: BigInt(component.valuationFen),
        vestingStart: new Date(`${component.vestingStart}T00:00:00+08:00`),
        vestingMonths: component.vestingMonths,
        cliffMonths: component.cliffMonths,
      },
      select: { id: true },
    });
  }
}

/**
 * Signs the proposed version after checking the signer's password again. The signature records
 * who, for which side, when, from where and the hash of the exact terms. The second signature
 * puts the version in force: milestones and equity follow it and a first version activates the
 * agreement (SIGNED → ACTIVE at once). `expectedHash` is the hash the signer was shown; if the
 * proposal changed since, nothing is signed.
 */
export async function sign(
  actor: Actor,
  agreementId: string,
  password: string,
  ip: string | null,
  expectedHash?: string,
): Promise<{ activated: boolean }> {
  if (!can(actor, "agreement.sign")) throw new DomainError("agreement.forbidden");
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  const valid =
    user &&
    (await checkPassword({ accountKey: actor.id, ip: ip ?? "unknown" }, () =>
      verifyPassword(password, user.passwordHash),
    ));
  if (!valid) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actorId: actor.id,
        action: "agreement.sign_refused",
        subjectType: "Agreement",
        subjectId: agreementId,
        after: { reason: "password" },
        ip,
      }),
    );
    throw new DomainError("agreement.password_wrong");
  }
  const { rows, activated } = await db.$transaction(async (tx) => {
    const agreement = await lockAgreement(tx, agreementId);
    const party = requireParty(actor, agreement);
    const refusal = await signerRefusal(tx, actor.id, agreement, party);
    if (refusal) throw new DomainError(refusal);
    const version = await latestVersion(tx, agreementId);
    if (agreement.status === "TERMINATED" || agreement.status === "COMPLETED")
      throw new DomainError("agreement.not_proposed");
    assertTransition(AGREEMENT_VERSION_TRANSITIONS, version.status, "SIGNED", "agreement.not_proposed");
    if (expectedHash && expectedHash !== version.termsHash) throw new DomainError("agreement.terms_changed");
    const terms = strictTerms(version.terms);
    const hash = termsHash(terms);
    if (hash !== version.termsHash) throw new DomainError("agreement.terms_changed");
    const signatures = await tx.agreementSignature.findMany({
      where: { versionId: version.id },
      select: { party: true },
    });
    if (signatures.some((s) => s.party === party)) throw new DomainError("agreement.already_signed");
    await tx.agreementSignature.create({
      data: { versionId: version.id, userId: actor.id, party, termsHash: hash, ip },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agreement.signed",
      subjectType: "Agreement",
      subjectId: agreementId,
      after: { version: version.version, party, termsHash: hash },
      ip,
    });
    const rows = await notifySides(tx, agreement, [otherParty(party)], actor.id, {
      type: "agreement.signed",
      params: { agreement: terms.title, by: await displayName(tx, actor.id) },
      href: `/agreements/${agreementId}`,
    });
    if (signatures.length === 0) return { rows, activated: false };

    const now = new Date();
    await tx.agreementVersion.updateMany({
      where: {
        agreementId,
        status: { in: statesThatMayBecome(AGREEMENT_VERSION_TRANSITIONS, "SUPERSEDED") },
      },
      data: { status: "SUPERSEDED" },
    });
    await tx.agreementVersion.update({
      where: { id: version.id },
      data: { status: "SIGNED", signedAt: now },
      select: { id: true },
    });
    await syncMilestones(tx, agreementId, terms);
    await syncEquity(tx, agreement, version.id, terms);
    const first = agreement.status === "PROPOSED";
    if (first) {
      assertTransition(AGREEMENT_TRANSITIONS, "PROPOSED", "SIGNED", "agreement.invalid_transition");
      assertTransition(AGREEMENT_TRANSITIONS, "SIGNED", "ACTIVE", "agreement.invalid_transition");
    }
    await tx.agreement.update({
      where: { id: agreementId },
      data: {
        title: terms.title,
        reviewWindowDays: terms.reviewWindowDays,
        ...(first ? { status: "ACTIVE", activatedAt: now } : {}),
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: first ? "agreement.activated" : "agreement.amended",
      subjectType: "Agreement",
      subjectId: agreementId,
      before: { status: agreement.status },
      after: { status: first ? "ACTIVE" : agreement.status, version: version.version, termsHash: hash },
      ip,
    });
    rows.push(
      ...(await notifySides(tx, agreement, ["PAYER", "PAYEE"], null, {
        type: "agreement.active",
        params: { agreement: terms.title },
        href: `/agreements/${agreementId}`,
      })),
    );
    return { rows, activated: first };
  });
  await deliverNotifications(rows);
  return { activated };
}
