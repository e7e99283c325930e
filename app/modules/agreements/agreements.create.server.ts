import { db, type Tx, isUniqueViolation } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { canManageNeed } from "~/modules/needs/needs.server";
import { assertNotBanned } from "~/modules/sanctions/bans.server";
import { can, rolesOf, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { type AgreementSides } from "~/modules/escrow/parties";
import { defaultTerms, luoyangToday, type DefaultTermsInput } from "./terms";
import { termsHash } from "./terms-hash.server";
import { stored } from "./agreements.core.server";

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

async function insertAgreement(actor: Actor, input: NewAgreement, meta: RequestMeta): Promise<string> {
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
  meta: RequestMeta = {},
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
  meta: RequestMeta = {},
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
