import { db, type Tx, isUniqueViolation } from "~/db.server";
import { type Prisma } from "~/generated/prisma/client";
import type { AgreementParty } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { refundFundedMilestones } from "~/modules/escrow/escrow.server";
import { canManageNeed } from "~/modules/needs/needs.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { assertNotBanned } from "~/modules/sanctions/bans.server";
import { verifyPassword } from "~/modules/users/password.server";
import { can, rolesOf, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { AGREEMENT_TRANSITIONS } from "~/modules/escrow/escrow.states";
import { dueDateOf, planMilestones } from "./milestone-plan";
import { otherParty, partyOf, type AgreementSides } from "~/modules/escrow/parties";
import { AgreementTerms, defaultTerms, luoyangToday, type DefaultTermsInput } from "./terms";
import { termsHash } from "./terms-hash.server";

/**
 * Agreements (DESIGN §2.4, §3): drafted from an accepted application or an offer, edited by
 * either party, proposed (terms frozen), signed by both with their password, then in force.
 * An amendment is a new version both sign again. Every change runs in one transaction holding
 * the agreement's row lock, so two people acting at once are served one after the other.
 */

export interface Meta {
  ip?: string | null;
}

const lockedSelect = {
  id: true,
  number: true,
  title: true,
  status: true,
  payerUserId: true,
  payerOrganisationId: true,
  payeeUserId: true,
  payeeOrganisationId: true,
  activatedAt: true,
} as const satisfies Prisma.AgreementSelect;

type LockedAgreement = Prisma.AgreementGetPayload<{ select: typeof lockedSelect }>;

/** PostgreSQL serialises changes to one agreement with this row lock; a second caller sees the first's result. */
async function lockAgreement(tx: Tx, agreementId: string): Promise<LockedAgreement> {
  await tx.$queryRaw`SELECT id FROM "Agreement" WHERE id = ${agreementId} FOR UPDATE`;
  const agreement = await tx.agreement.findUnique({ where: { id: agreementId }, select: lockedSelect });
  if (!agreement) throw new DomainError("agreement.not_found");
  return agreement;
}

function requireParty(actor: Actor, agreement: AgreementSides): AgreementParty {
  const party = partyOf(actor, agreement);
  if (!party || !can(actor, "agreement.sign")) throw new DomainError("agreement.forbidden");
  return party;
}

function latestVersion(tx: Tx, agreementId: string) {
  return tx.agreementVersion.findFirstOrThrow({
    where: { agreementId },
    orderBy: { version: "desc" },
    select: { id: true, version: true, status: true, terms: true, termsHash: true },
  });
}

/** JSON as stored: no undefined members, so the stored terms hash as they were hashed. */
function stored(terms: AgreementTerms): AgreementTerms {
  return JSON.parse(JSON.stringify(terms)) as AgreementTerms;
}

function strictTerms(raw: unknown): AgreementTerms {
  const parsed = AgreementTerms.safeParse(raw);
  if (!parsed.success) throw new DomainError("agreement.terms_invalid");
  return stored(parsed.data);
}

/** The people to tell on one side: the person named on it and, for a village, its village-role members. */
async function sideMembers(tx: Tx, agreement: AgreementSides, party: AgreementParty): Promise<string[]> {
  if (party === "PAYEE") return [agreement.payeeUserId];
  const members = agreement.payerOrganisationId
    ? await tx.membership.findMany({
        where: { organisationId: agreement.payerOrganisationId, role: "VILLAGE" },
        select: { userId: true },
      })
    : [];
  return [...new Set([agreement.payerUserId, ...members.map((m) => m.userId)])];
}

async function notifySides(
  tx: Tx,
  agreement: AgreementSides,
  parties: AgreementParty[],
  except: string | null,
  notification: Omit<NewNotification, "userId">,
) {
  const users = new Set<string>();
  for (const party of parties)
    for (const userId of await sideMembers(tx, agreement, party)) users.add(userId);
  if (except) users.delete(except);
  return createNotifications(
    tx,
    [...users].map((userId) => ({ ...notification, userId })),
  );
}

async function displayName(tx: Tx, userId: string): Promise<string> {
  return (await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { displayName: true } }))
    .displayName;
}

/**
 * XK-<year>-<6 digits>, numbered per year. The advisory lock is held to the end of the
 * transaction, so two agreements created at once never read the same highest number.
 */
export async function nextContractNumber(tx: Tx, now: Date = new Date()): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agreement-number'))`;
  const prefix = `XK-${luoyangToday(now).slice(0, 4)}-`;
  const last = await tx.agreement.findFirst({
    where: { number: { startsWith: prefix } },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const next = last ? Number(last.number.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(6, "0")}`;
}

interface NewAgreement extends AgreementSides {
  applicationId?: string;
  offerId?: string;
  needId?: string;
  terms: DefaultTermsInput;
}

async function insertAgreement(actor: Actor, input: NewAgreement, meta: Meta): Promise<string> {
  const { terms: termsInput, ...sides } = input;
  const terms = stored(defaultTerms(termsInput));
  return db.$transaction(async (tx) => {
    // A banned person or organisation cannot become the provider in a new agreement.
    await assertNotBanned(
      { userId: sides.payeeUserId, organisationIds: [sides.payeeOrganisationId] },
      new Date(),
      tx,
    );
    const agreement = await tx.agreement.create({
      data: {
        ...sides,
        number: await nextContractNumber(tx),
        title: terms.title,
        reviewWindowDays: terms.reviewWindowDays,
        createdById: actor.id,
        versions: { create: { version: 1, terms, termsHash: termsHash(terms), createdById: actor.id } },
      },
      select: { id: true, number: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agreement.created",
      subjectType: "Agreement",
      subjectId: agreement.id,
      after: { number: agreement.number, ...sides },
      ip: meta.ip,
    });
    return agreement.id;
  });
}

/**
 * The draft agreement of an accepted application, made by either side. One per application: a
 * second call (a double tap, or the other side pressing too) gets the existing one.
 */
export async function createAgreementFromApplication(
  actor: Actor,
  applicationId: string,
  meta: Meta = {},
): Promise<{ id: string; created: boolean }> {
  const application = await db.application.findUnique({
    where: { id: applicationId },
    select: {
      status: true,
      arrangement: true,
      priceFen: true,
      approach: true,
      expertId: true,
      need: { select: { id: true, title: true, organisationId: true, postedById: true } },
      expert: { select: { expertProfile: { select: { affiliationId: true } } } },
      agreement: { select: { id: true } },
    },
  });
  if (!application) throw new DomainError("agreement.not_found");
  const payerSide = canManageNeed(actor, application.need);
  if ((!payerSide && actor.id !== application.expertId) || !can(actor, "agreement.sign"))
    throw new DomainError("agreement.forbidden");
  if (application.agreement) return { id: application.agreement.id, created: false };
  if (application.status !== "ACCEPTED") throw new DomainError("agreement.application_not_accepted");
  const { need } = application;
  try {
    const id = await insertAgreement(
      actor,
      {
        applicationId,
        needId: need.id,
        payerUserId: payerSide ? actor.id : need.postedById,
        payerOrganisationId: need.organisationId,
        payeeUserId: application.expertId,
        payeeOrganisationId: application.expert.expertProfile?.affiliationId ?? null,
        terms: {
          arrangement: application.arrangement,
          priceFen: application.priceFen,
          title: need.title,
          approach: application.approach,
        },
      },
      meta,
    );
    return { id, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.agreement.findUnique({ where: { applicationId }, select: { id: true } });
    if (!existing) throw error;
    return { id: existing.id, created: false };
  }
}

/** A village or farmer drafts an agreement with the provider of a published offer. */
export async function createAgreementFromOffer(
  actor: Actor,
  offerId: string,
  meta: Meta = {},
): Promise<{ id: string; created: boolean }> {
  const roles = rolesOf(actor);
  if (!can(actor, "agreement.sign") || (!roles.has("VILLAGE") && !roles.has("FARMER")))
    throw new DomainError("agreement.payer_only");
  const offer = await db.offer.findUnique({
    where: { id: offerId },
    select: {
      title: true,
      description: true,
      status: true,
      hiddenAt: true,
      arrangements: true,
      priceMinFen: true,
      priceMaxFen: true,
      expertId: true,
      organisationId: true,
      postedById: true,
      expert: { select: { expertProfile: { select: { affiliationId: true } } } },
    },
  });
  if (!offer || offer.hiddenAt) throw new DomainError("agreement.not_found");
  if (offer.status !== "PUBLISHED") throw new DomainError("agreement.offer_unavailable");
  const payeeUserId = offer.expertId ?? offer.postedById;
  if (
    payeeUserId === actor.id ||
    (offer.organisationId && actor.memberships.some((m) => m.organisationId === offer.organisationId))
  ) {
    throw new DomainError("agreement.own_offer");
  }
  const id = await insertAgreement(
    actor,
    {
      offerId,
      payerUserId: actor.id,
      payerOrganisationId: actor.memberships.find((m) => m.role === "VILLAGE")?.organisationId ?? null,
      payeeUserId,
      payeeOrganisationId: offer.organisationId ?? offer.expert?.expertProfile?.affiliationId ?? null,
      terms: {
        arrangement: offer.arrangements[0] ?? "PAID_SERVICE",
        priceFen: offer.priceMinFen ?? offer.priceMaxFen ?? 0,
        title: offer.title,
        approach: offer.description,
      },
    },
    meta,
  );
  return { id, created: true };
}

/** Either party edits the draft version (the first draft, a sent-back proposal or an amendment). */
export async function updateDraftTerms(
  actor: Actor,
  agreementId: string,
  input: unknown,
  meta: Meta = {},
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

/** Refuses terms that would change or drop a milestone whose money is already in play. */
async function assertMilestonesKept(tx: Tx, agreementId: string, terms: AgreementTerms) {
  const existing = await tx.milestone.findMany({
    where: { agreementId },
    select: {
      id: true,
      position: true,
      status: true,
      title: true,
      deliverables: true,
      acceptanceCriteria: true,
      amountFen: true,
      dueDate: true,
      funders: { where: { fundedAt: { not: null } }, select: { id: true } },
    },
  });
  // A co-funded milestone stays PLANNED until every share is in, but money is already in play
  // once one share is: it is locked like a funded one (issue 9, cofunding).
  const plan = planMilestones(
    existing.map(({ funders, ...m }) =>
      m.status === "PLANNED" && funders.length > 0 ? { ...m, status: "FUNDED" as const } : m,
    ),
    terms,
  );
  const conflict = plan.conflicts[0];
  if (conflict)
    throw new DomainError("agreement.milestone_locked", {
      position: conflict.position,
      title: conflict.title,
    });
  return plan.steps;
}

/** Sends the draft for signature: validated, frozen (its hash fixed) and announced to the other side. */
export async function propose(actor: Actor, agreementId: string, meta: Meta = {}): Promise<void> {
  const rows = await db.$transaction(async (tx) => {
    const agreement = await lockAgreement(tx, agreementId);
    const party = requireParty(actor, agreement);
    const version = await latestVersion(tx, agreementId);
    if (version.status !== "DRAFT" || agreement.status === "TERMINATED" || agreement.status === "COMPLETED")
      throw new DomainError("agreement.not_draft");
    const terms = strictTerms(version.terms);
    await assertMilestonesKept(tx, agreementId, terms);
    const hash = termsHash(terms);
    await tx.agreementVersion.update({
      where: { id: version.id },
      data: { status: "PROPOSED", proposedAt: new Date(), terms, termsHash: hash },
      select: { id: true },
    });
    if (agreement.status === "DRAFT") {
      assertTransition(AGREEMENT_TRANSITIONS, agreement.status, "PROPOSED", "agreement.invalid_transition");
      await tx.agreement.update({
        where: { id: agreementId },
        data: { status: "PROPOSED" },
        select: { id: true },
      });
    }
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
  meta: Meta = {},
): Promise<void> {
  const rows = await db.$transaction(async (tx) => {
    const agreement = await lockAgreement(tx, agreementId);
    const party = requireParty(actor, agreement);
    const version = await latestVersion(tx, agreementId);
    if (version.status !== "PROPOSED") throw new DomainError("agreement.not_proposed");
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
    if (agreement.status === "PROPOSED") {
      assertTransition(AGREEMENT_TRANSITIONS, agreement.status, "DRAFT", "agreement.invalid_transition");
      await tx.agreement.update({
        where: { id: agreementId },
        data: { status: "DRAFT" },
        select: { id: true },
      });
    }
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
    where: { agreementId: agreement.id, status: "ACTIVE" },
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
  if (!user || !(await verifyPassword(password, user.passwordHash))) {
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
    const version = await latestVersion(tx, agreementId);
    if (
      version.status !== "PROPOSED" ||
      agreement.status === "TERMINATED" ||
      agreement.status === "COMPLETED"
    )
      throw new DomainError("agreement.not_proposed");
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
      where: { agreementId, status: "SIGNED" },
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

/** Opens an amendment of an agreement in force: a new draft version copied from the signed one. */
export async function proposeAmendment(
  actor: Actor,
  agreementId: string,
  note: string | undefined,
  meta: Meta = {},
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
  meta: Meta = {},
): Promise<void> {
  const rows = await db.$transaction(async (tx) => {
    const agreement = await lockAgreement(tx, agreementId);
    requireParty(actor, agreement);
    assertTransition(AGREEMENT_TRANSITIONS, agreement.status, "TERMINATED", "agreement.invalid_transition");
    const refunds = await refundFundedMilestones(tx, agreementId, actor.id);
    const now = new Date();
    await tx.agreementVersion.updateMany({
      where: { agreementId, status: { in: ["DRAFT", "PROPOSED"] } },
      data: { status: "WITHDRAWN" },
    });
    await tx.equityHolding.updateMany({
      where: { agreementId, status: "ACTIVE" },
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
