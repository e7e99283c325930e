import { db, isUniqueViolation, withUnit, type Tx, type Unit } from "~/db.server";
import type { FinancingProduct, OrganisationType } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { countyScopeOf, coversCounty, type CountyScope } from "~/modules/oversight/county-scope";
import { maskContact } from "~/modules/privacy/masking";
import type { SessionUser } from "~/modules/users/session.server";
import { enqueueEvent } from "~/modules/webhooks/webhooks.server";
import { luoyangToday } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import { moneyParam } from "~/i18n/format";
import type { RequestMeta } from "~/utils/request.server";
import type { OfferInput, PostNeedInput } from "./financing.schema";

/*
 * Decisions (a newcomer will ask):
 * - Who posts: members of a village-role organisation (cooperative, village committee, family farm,
 *   large grower), of an enterprise, or of a star space. Who offers: members of a financial
 *   institution (金融机构). Who oversees: the city bureaus (every county) and a county officer
 *   (their county), read-only.
 * - A need is business data; the poster organisation's phone and e-mail are masked except for the
 *   institution whose offer was accepted (it has to call them to make the loan).
 * - Accepting locks the need's row, so two accepts of different offers leave one; the partial
 *   unique index FinancingOffer_one_accepted is the database's word on the same rule. Accepting
 *   declines the other open offers.
 * - The outcome is the borrower's record of the deal done on the accepted offer; it counts
 *   (figures, leverage) only once the lender confirms it. A rejected record may be recorded again.
 */

export type FinancingActor = Pick<SessionUser, "id" | "primaryRole" | "countyCode" | "memberships">;

const POSTER_TYPES: ReadonlySet<OrganisationType> = new Set([
  "VILLAGE_COMMITTEE",
  "COOPERATIVE",
  "FAMILY_FARM",
  "LARGE_GROWER",
  "ENTERPRISE",
  "STAR_SPACE",
]);

/** The organisations the person may post financing needs for. */
export async function posterOrganisations(actor: FinancingActor, tx: Tx = db) {
  const ids = actor.memberships.map((m) => m.organisationId);
  if (ids.length === 0) return [];
  const orgs = await tx.organisation.findMany({
    where: { id: { in: ids }, hiddenAt: null },
    select: { id: true, name: true, type: true, countyCode: true },
    orderBy: { name: "asc" },
  });
  return orgs.filter((org) => POSTER_TYPES.has(org.type));
}

/** The financial institutions the person answers for. */
export async function institutionOrganisations(actor: FinancingActor, tx: Tx = db) {
  const ids = actor.memberships.filter((m) => m.role === "INSTITUTION").map((m) => m.organisationId);
  if (ids.length === 0) return [];
  return tx.organisation.findMany({
    where: { id: { in: ids }, type: "FINANCIAL_INSTITUTION", hiddenAt: null },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

function isMember(actor: FinancingActor, organisationId: string) {
  return actor.memberships.some((m) => m.organisationId === organisationId);
}

/** Who the person is toward financing: poster organisations, institutions, oversight scope. */
export async function financingStanding(actor: FinancingActor) {
  const [posters, institutions] = await Promise.all([
    posterOrganisations(actor),
    institutionOrganisations(actor),
  ]);
  return { posters, institutions, scope: countyScopeOf(actor) };
}

async function notifyAfterCommit(unit: Unit, items: NewNotification[]) {
  const rows = await createNotifications(unit.tx, items);
  unit.afterCommit(() => deliverNotifications(rows));
}

// ─── Posting ───────────────────────────────────────────────────────────────

export async function postFinancingNeed(actor: FinancingActor, input: PostNeedInput, meta: RequestMeta) {
  const org = (await posterOrganisations(actor)).find((o) => o.id === input.organisationId);
  if (!org) throw new DomainError("financing.not_poster");
  if (input.programmeApplicationId) {
    const project = await db.programmeApplication.findFirst({
      where: {
        id: input.programmeApplicationId,
        organisationId: org.id,
        status: { in: ["APPROVED", "DISBURSED", "EVALUATED"] },
      },
      select: { id: true },
    });
    if (!project) throw new DomainError("financing.project_invalid");
  }
  if (input.agreementId) {
    const agreement = await db.agreement.findFirst({
      where: {
        id: input.agreementId,
        OR: [{ payerOrganisationId: org.id }, { payeeOrganisationId: org.id }],
      },
      select: { id: true },
    });
    if (!agreement) throw new DomainError("financing.agreement_invalid");
  }
  return db.$transaction(async (tx) => {
    const need = await tx.financingNeed.create({
      data: {
        organisationId: org.id,
        postedById: actor.id,
        countyCode: input.countyCode,
        amountFen: input.amount,
        use: input.use,
        termMonths: input.termMonths,
        collateralKind: input.collateralKind,
        collateralText: input.collateralText,
        programmeApplicationId: input.programmeApplicationId ?? null,
        agreementId: input.agreementId ?? null,
      },
      select: { id: true, amountFen: true, countyCode: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "financing.need.post",
      subjectType: "FinancingNeed",
      subjectId: need.id,
      after: { organisationId: org.id, amountFen: need.amountFen, countyCode: need.countyCode },
      ip: meta.ip,
    });
    return need;
  });
}

export async function withdrawFinancingNeed(actor: FinancingActor, needId: string, meta: RequestMeta) {
  await db.$transaction(async (tx) => {
    const need = await lockNeed(tx, needId);
    if (!isMember(actor, need.organisationId)) throw new DomainError("financing.forbidden");
    if (need.status !== "OPEN") throw new DomainError("financing.need_not_open");
    await tx.financingNeed.update({ where: { id: needId }, data: { status: "WITHDRAWN" } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "financing.need.withdraw",
      subjectType: "FinancingNeed",
      subjectId: needId,
      ip: meta.ip,
    });
  });
}

async function lockNeed(tx: Tx, needId: string) {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "FinancingNeed" WHERE id = ${needId} FOR UPDATE`;
  if (locked.length === 0) throw new DomainError("financing.not_found");
  return tx.financingNeed.findUniqueOrThrow({
    where: { id: needId },
    select: { id: true, status: true, organisationId: true, postedById: true, amountFen: true, use: true },
  });
}

// ─── Offers ────────────────────────────────────────────────────────────────

export interface MakeOfferInput {
  organisationId?: string;
  product: FinancingProduct;
  amountFen: number;
  rateBp: number;
  termMonths: number;
  conditions: string;
}

export function offerFromForm(input: OfferInput): MakeOfferInput {
  return {
    organisationId: input.organisationId,
    product: input.product,
    amountFen: input.amount,
    rateBp: input.rate,
    termMonths: input.termMonths,
    conditions: input.conditions,
  };
}

/**
 * A financial institution answers an open need. One open offer per institution and need: a second
 * (a retry, a double tap) is refused, so the poster never sees the same offer twice.
 */
export async function makeFinancingOffer(
  actor: FinancingActor,
  needId: string,
  input: MakeOfferInput,
  meta: RequestMeta,
  unit?: Unit,
) {
  const institutions = await institutionOrganisations(actor, unit?.tx);
  const institution = input.organisationId
    ? institutions.find((o) => o.id === input.organisationId)
    : institutions[0];
  if (!institution) throw new DomainError("financing.not_institution");
  return withUnit(unit, async (u) => {
    const tx = u.tx;
    const need = await lockNeed(tx, needId);
    if (need.status !== "OPEN") throw new DomainError("financing.need_not_open");
    if (need.organisationId === institution.id) throw new DomainError("financing.own_need");
    const live = await tx.financingOffer.findFirst({
      where: { needId, organisationId: institution.id, status: "OFFERED" },
      select: { id: true },
    });
    if (live) throw new DomainError("financing.already_offered");
    const offer = await tx.financingOffer.create({
      data: {
        needId,
        organisationId: institution.id,
        postedById: actor.id,
        product: input.product,
        amountFen: input.amountFen,
        rateBp: input.rateBp,
        termMonths: input.termMonths,
        conditions: input.conditions,
      },
      select: {
        id: true,
        needId: true,
        organisationId: true,
        product: true,
        amountFen: true,
        rateBp: true,
        termMonths: true,
        conditions: true,
        status: true,
        createdAt: true,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "financing.offer.make",
      subjectType: "FinancingOffer",
      subjectId: offer.id,
      after: { needId, organisationId: institution.id, amountFen: offer.amountFen, product: offer.product },
      ip: meta.ip,
    });
    await notifyAfterCommit(u, [
      {
        userId: need.postedById,
        type: "financing.offer_received",
        params: { institution: institution.name, amount: moneyParam(offer.amountFen) },
        href: `/financing/${needId}`,
      },
    ]);
    return offer;
  });
}

export async function withdrawFinancingOffer(
  actor: FinancingActor,
  needId: string,
  offerId: string,
  meta: RequestMeta,
) {
  await db.$transaction(async (tx) => {
    await lockNeed(tx, needId);
    const offer = await tx.financingOffer.findFirst({
      where: { id: offerId, needId },
      select: { id: true, status: true, organisationId: true },
    });
    if (!offer || !isMember(actor, offer.organisationId)) throw new DomainError("financing.not_found");
    if (offer.status !== "OFFERED") throw new DomainError("financing.offer_not_open");
    await tx.financingOffer.update({
      where: { id: offerId },
      data: { status: "WITHDRAWN", decidedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "financing.offer.withdraw",
      subjectType: "FinancingOffer",
      subjectId: offerId,
      ip: meta.ip,
    });
  });
}

/**
 * The poster accepts or declines an offer. Accepting answers the need and declines the other open
 * offers; the institution is told, and its webhook `financing.offer.accepted` fires.
 */
export async function decideFinancingOffer(
  actor: FinancingActor,
  needId: string,
  offerId: string,
  accept: boolean,
  meta: RequestMeta,
) {
  try {
    return await withUnit(undefined, async (u) => {
      const tx = u.tx;
      const need = await lockNeed(tx, needId);
      if (!isMember(actor, need.organisationId)) throw new DomainError("financing.forbidden");
      const offer = await tx.financingOffer.findFirst({
        where: { id: offerId, needId },
        select: {
          id: true,
          status: true,
          organisationId: true,
          postedById: true,
          amountFen: true,
          product: true,
          organisation: { select: { name: true } },
        },
      });
      if (!offer) throw new DomainError("financing.not_found");
      if (need.status !== "OPEN") throw new DomainError("financing.need_not_open");
      if (offer.status !== "OFFERED") throw new DomainError("financing.offer_not_open");
      const now = new Date();
      await tx.financingOffer.update({
        where: { id: offerId },
        data: { status: accept ? "ACCEPTED" : "DECLINED", decidedAt: now },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: accept ? "financing.offer.accept" : "financing.offer.decline",
        subjectType: "FinancingOffer",
        subjectId: offerId,
        after: { needId },
        ip: meta.ip,
      });
      if (!accept) return { accepted: false };
      await tx.financingNeed.update({ where: { id: needId }, data: { status: "ANSWERED" } });
      await tx.financingOffer.updateMany({
        where: { needId, status: "OFFERED" },
        data: { status: "DECLINED", decidedAt: now },
      });
      await notifyAfterCommit(u, [
        {
          userId: offer.postedById,
          type: "financing.offer_accepted",
          params: { use: need.use.slice(0, 40), amount: moneyParam(offer.amountFen) },
          href: `/financing/${needId}`,
        },
      ]);
      await enqueueEvent(tx, {
        organisationIds: [offer.organisationId],
        event: "financing.offer.accepted",
        payload: {
          occurredAt: now.toISOString(),
          offerId,
          needId,
          product: offer.product,
          amountFen: offer.amountFen,
          status: "ACCEPTED",
        },
      });
      return { accepted: true };
    });
  } catch (error) {
    // The database's own rule (one accepted offer per need) answers as the service would.
    if (isUniqueViolation(error)) throw new DomainError("financing.need_not_open");
    throw error;
  }
}

// ─── Outcomes ──────────────────────────────────────────────────────────────

export interface OutcomeInput {
  kind: "LOAN" | "GUARANTEE" | "EQUITY";
  amount: number;
  dealDate: string;
  evidenceUploadId?: string | null;
}

/** The borrower records the deal done on the accepted offer (again, after a rejection). */
export async function recordFinancingOutcome(
  actor: FinancingActor,
  needId: string,
  input: OutcomeInput,
  meta: RequestMeta,
  tx?: Tx,
) {
  if (input.dealDate > luoyangToday()) throw new DomainError("financing.date_future");
  const work = async (t: Tx) => {
    const need = await lockNeed(t, needId);
    if (!isMember(actor, need.organisationId)) throw new DomainError("financing.forbidden");
    const offer = await t.financingOffer.findFirst({
      where: { needId, status: "ACCEPTED" },
      select: { id: true, organisationId: true, postedById: true },
    });
    if (!offer || need.status !== "ANSWERED") throw new DomainError("financing.no_accepted_offer");
    const existing = await t.financingOutcome.findUnique({
      where: { needId },
      select: { id: true, status: true },
    });
    if (existing && existing.status !== "REJECTED") throw new DomainError("financing.outcome_exists");
    const data = {
      kind: input.kind,
      amountFen: input.amount,
      dealDate: new Date(`${input.dealDate}T00:00:00Z`),
      evidenceUploadId: input.evidenceUploadId ?? null,
      status: "RECORDED" as const,
      recordedById: actor.id,
      recordedAt: new Date(),
      rejectReason: null,
    };
    const outcome = existing
      ? await t.financingOutcome.update({ where: { id: existing.id }, data, select: { id: true } })
      : await t.financingOutcome.create({
          data: { ...data, needId, offerId: offer.id, lenderOrgId: offer.organisationId },
          select: { id: true },
        });
    await recordAudit(t, {
      actorId: actor.id,
      action: "financing.outcome.record",
      subjectType: "FinancingOutcome",
      subjectId: outcome.id,
      after: { needId, kind: input.kind, amountFen: input.amount, dealDate: input.dealDate },
      ip: meta.ip,
    });
    return outcome;
  };
  return tx ? work(tx) : db.$transaction(work);
}

/** The lender confirms the recorded outcome (it counts from then on), or rejects it with a reason. */
export async function confirmFinancingOutcome(
  actor: FinancingActor,
  needId: string,
  decision: { confirm: true } | { confirm: false; reason: string },
  meta: RequestMeta,
) {
  return db.$transaction(async (tx) => {
    await lockNeed(tx, needId);
    const outcome = await tx.financingOutcome.findUnique({
      where: { needId },
      select: { id: true, status: true, lenderOrgId: true, recordedById: true },
    });
    if (!outcome) throw new DomainError("financing.outcome_not_recorded");
    const lender = actor.memberships.some(
      (m) => m.organisationId === outcome.lenderOrgId && m.role === "INSTITUTION",
    );
    if (!lender) throw new DomainError("financing.forbidden");
    if (outcome.status !== "RECORDED") throw new DomainError("financing.outcome_not_recorded");
    if (decision.confirm) {
      await tx.financingOutcome.update({
        where: { id: outcome.id },
        data: { status: "CONFIRMED", confirmedAt: new Date(), confirmedById: actor.id },
      });
      await tx.financingNeed.update({ where: { id: needId }, data: { status: "CLOSED" } });
    } else {
      await tx.financingOutcome.update({
        where: { id: outcome.id },
        data: { status: "REJECTED", rejectReason: decision.reason },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: decision.confirm ? "financing.outcome.confirm" : "financing.outcome.reject",
      subjectType: "FinancingOutcome",
      subjectId: outcome.id,
      after: decision.confirm ? { needId } : { needId, reason: decision.reason },
      ip: meta.ip,
    });
  });
}

// ─── Reading ───────────────────────────────────────────────────────────────

/** Whether the person may read the financing market at all (the list page). */
export function readsFinancing(standing: Awaited<ReturnType<typeof financingStanding>>) {
  return standing.posters.length > 0 || standing.institutions.length > 0 || standing.scope !== null;
}

function scopeWhere(scope: CountyScope | null) {
  if (!scope) return null;
  return scope.kind === "city" ? {} : { countyCode: scope.countyCode };
}

/**
 * The list a person sees: institutions and overseers the open needs (overseers in their counties,
 * any status when they ask), posters their own needs in every status.
 */
export async function listFinancingNeeds(
  actor: FinancingActor,
  { status, mine }: { status?: "OPEN" | "ANSWERED" | "CLOSED" | "WITHDRAWN"; mine?: boolean },
) {
  const standing = await financingStanding(actor);
  if (!readsFinancing(standing)) throw new DomainError("financing.forbidden");
  const own = { organisationId: { in: standing.posters.map((o) => o.id) } };
  const overseen = scopeWhere(standing.scope);
  const branches = [];
  if (mine || (standing.institutions.length === 0 && !overseen)) branches.push(own);
  else {
    if (standing.institutions.length > 0) branches.push({ status: "OPEN" as const });
    if (overseen) branches.push({ ...overseen, ...(status ? { status } : {}) });
    if (standing.posters.length > 0) branches.push(own);
  }
  const rows = await db.financingNeed.findMany({
    where: { OR: branches, ...(status ? { status } : {}) },
    select: {
      id: true,
      amountFen: true,
      use: true,
      termMonths: true,
      collateralKind: true,
      countyCode: true,
      status: true,
      createdAt: true,
      organisation: { select: { id: true, name: true } },
      _count: { select: { offers: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  return { rows, standing };
}

/** A need's page: what each viewer may see of it, its offers and its outcome. */
export async function financingNeedPage(actor: FinancingActor, needId: string) {
  const standing = await financingStanding(actor);
  const need = await db.financingNeed.findUnique({
    where: { id: needId },
    select: {
      id: true,
      organisationId: true,
      amountFen: true,
      use: true,
      termMonths: true,
      collateralKind: true,
      collateralText: true,
      countyCode: true,
      status: true,
      createdAt: true,
      programmeApplicationId: true,
      agreementId: true,
      organisation: {
        select: { id: true, name: true, contactPhone: true, contactEmail: true, address: true },
      },
      offers: {
        select: {
          id: true,
          organisationId: true,
          product: true,
          amountFen: true,
          rateBp: true,
          termMonths: true,
          conditions: true,
          status: true,
          createdAt: true,
          organisation: { select: { name: true } },
        },
        orderBy: { createdAt: "asc" },
      },
      outcome: {
        select: {
          id: true,
          kind: true,
          amountFen: true,
          dealDate: true,
          status: true,
          lenderOrgId: true,
          rejectReason: true,
          evidenceUploadId: true,
          confirmedAt: true,
        },
      },
    },
  });
  if (!need) throw new DomainError("financing.not_found");
  const poster = isMember(actor, need.organisationId);
  const institutionIds = new Set(standing.institutions.map((o) => o.id));
  const institution = institutionIds.size > 0;
  const overseer = coversCounty(standing.scope, need.countyCode);
  const bidder = need.offers.some((offer) => institutionIds.has(offer.organisationId));
  // Institutions see open needs and those they made an offer on; overseers their county's.
  if (!poster && !overseer && !(institution && (need.status === "OPEN" || bidder)))
    throw new DomainError("financing.not_found");
  const accepted = need.offers.find((offer) => offer.status === "ACCEPTED") ?? null;
  const lender = accepted !== null && institutionIds.has(accepted.organisationId);
  const contact = {
    phone: need.organisation.contactPhone,
    email: need.organisation.contactEmail,
  };
  return {
    need: {
      ...need,
      organisation: { id: need.organisation.id, name: need.organisation.name },
      offers:
        poster || overseer ? need.offers : need.offers.filter((o) => institutionIds.has(o.organisationId)),
    },
    contact: lender ? contact : maskContact(contact),
    contactRevealed: lender,
    viewer: {
      poster,
      lender,
      overseer,
      institutions: standing.institutions.filter(
        (o) =>
          o.id !== need.organisationId &&
          !need.offers.some((of) => of.organisationId === o.id && of.status === "OFFERED"),
      ),
    },
  };
}

/** The evidence file of a need's outcome, for the poster, the lender and overseers. */
export async function outcomeEvidenceId(actor: FinancingActor, needId: string, uploadId: string) {
  const page = await financingNeedPage(actor, needId);
  const { outcome } = page.need;
  if (!outcome || outcome.evidenceUploadId !== uploadId) throw new DomainError("financing.not_found");
  if (!page.viewer.poster && !page.viewer.lender && !page.viewer.overseer)
    throw new DomainError("financing.not_found");
  return uploadId;
}

/** The open needs as the API gives them: business data only, no contact and no person. */
export async function openNeedsForApi(countyCode: string | undefined, limit: number) {
  return db.financingNeed.findMany({
    where: { status: "OPEN", ...(countyCode ? { countyCode } : {}) },
    select: {
      id: true,
      amountFen: true,
      use: true,
      termMonths: true,
      collateralKind: true,
      countyCode: true,
      status: true,
      createdAt: true,
      organisation: { select: { name: true, type: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
}

/** Approved projects and agreements a poster organisation may link its need to. */
export async function linkChoices(organisationIds: string[]) {
  if (organisationIds.length === 0) return { projects: [], agreements: [] };
  const [projects, agreements] = await Promise.all([
    db.programmeApplication.findMany({
      where: {
        organisationId: { in: organisationIds },
        status: { in: ["APPROVED", "DISBURSED", "EVALUATED"] },
      },
      select: { id: true, title: true },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
    db.agreement.findMany({
      where: {
        OR: [
          { payerOrganisationId: { in: organisationIds } },
          { payeeOrganisationId: { in: organisationIds } },
        ],
      },
      select: { id: true, title: true },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
  ]);
  return { projects, agreements };
}
