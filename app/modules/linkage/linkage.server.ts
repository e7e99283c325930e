import { db, isUniqueViolation, type Tx } from "~/db.server";
import type { BenefitMechanism } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { scopeOf } from "~/modules/oversight/county-access";
import { maskPersonName } from "~/modules/privacy/masking";
import { withStoredImages } from "~/modules/uploads/uploads.server";
import { addDays, luoyangToday, startOfLuoyangDay } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import { mayOversee, mayRecordFor, recordingOrganisations, type LinkageActor } from "./linkage.access.server";
import type { NewLinkageFields, PaymentFields } from "./linkage.schema";

export { recordingOrganisations, type LinkageActor } from "./linkage.access.server";

/** A stored day (start of a Luoyang day) back as "YYYY-MM-DD". */
export const dayOf = (moment: Date): string => luoyangToday(moment);

const householdView = (household: { code: string; headName: string; countyCode: string }) => ({
  code: household.code,
  countyCode: household.countyCode,
  // Linkage pages never show a household head's full name (privacy/masking.ts).
  headName: maskPersonName(household.headName),
});

async function organisationFor(client: Tx | typeof db, actor: LinkageActor, organisationId: string) {
  const organisation = await client.organisation.findUnique({
    where: { id: organisationId },
    select: { id: true, name: true, type: true, countyCode: true },
  });
  if (!organisation) throw new DomainError("linkage.not_found");
  if (!mayRecordFor(actor, organisation)) throw new DomainError("linkage.org_not_eligible");
  return organisation;
}

function notAfterToday(dayText: string, now: Date) {
  if (dayText > luoyangToday(now)) throw new DomainError("linkage.future_day");
}

/**
 * Records a linkage of the organisation with a household of its county, picked by the county's
 * household code. The household's ENTERPRISE link to the organisation is opened (or the open one
 * kept) in the same transaction. The household row is locked, so two taps of the same form
 * cannot record the same mechanism twice.
 */
export async function createLinkage(
  actor: LinkageActor,
  fields: NewLinkageFields,
  now: Date = new Date(),
): Promise<{ id: string }> {
  notAfterToday(fields.startedOn, now);
  return db.$transaction(async (tx) => {
    const organisation = await organisationFor(tx, actor, fields.organisationId);
    if (!organisation.countyCode) throw new DomainError("linkage.org_no_county");
    const household = await tx.household.findUnique({
      where: { countyCode_code: { countyCode: organisation.countyCode, code: fields.householdCode } },
      select: { id: true, countyCode: true },
    });
    if (!household) throw new DomainError("linkage.household_not_found");
    await tx.$queryRaw`SELECT id FROM "Household" WHERE id = ${household.id} FOR UPDATE`;

    if (fields.agreementId) {
      const agreement = await tx.agreement.findFirst({
        where: {
          id: fields.agreementId,
          OR: [{ payerOrganisationId: organisation.id }, { payeeOrganisationId: organisation.id }],
        },
        select: { id: true },
      });
      if (!agreement) throw new DomainError("linkage.agreement_not_ours");
    }
    if (fields.programmeApplicationId) {
      const project = await tx.programmeApplication.findFirst({
        where: { id: fields.programmeApplicationId, organisationId: organisation.id },
        select: { id: true },
      });
      if (!project) throw new DomainError("linkage.project_not_ours");
    }
    const open = await tx.benefitLinkage.findFirst({
      where: {
        organisationId: organisation.id,
        householdId: household.id,
        mechanism: fields.mechanism,
        endedOn: null,
      },
      select: { id: true },
    });
    if (open) throw new DomainError("linkage.duplicate");

    const startedOn = startOfLuoyangDay(fields.startedOn);
    const linkage = await tx.benefitLinkage.create({
      data: {
        organisationId: organisation.id,
        householdId: household.id,
        mechanism: fields.mechanism,
        terms: fields.terms,
        agreementId: fields.agreementId ?? null,
        programmeApplicationId: fields.programmeApplicationId ?? null,
        startedOn,
        createdById: actor.id,
      },
      select: { id: true },
    });
    const link = await tx.householdLink.findFirst({
      where: {
        householdId: household.id,
        kind: "ENTERPRISE",
        organisationId: organisation.id,
        endedAt: null,
      },
      select: { id: true, createdAt: true },
    });
    if (!link) {
      // The link runs from the day the linkage started: the household is reached from then on.
      await tx.householdLink.create({
        data: {
          householdId: household.id,
          kind: "ENTERPRISE",
          organisationId: organisation.id,
          note: "benefit-linkage",
          createdById: actor.id,
          createdAt: startedOn,
        },
        select: { id: true },
      });
    } else if (link.createdAt > startedOn) {
      await tx.householdLink.update({ where: { id: link.id }, data: { createdAt: startedOn } });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "linkage.created",
      subjectType: "BenefitLinkage",
      subjectId: linkage.id,
      after: {
        organisationId: organisation.id,
        householdId: household.id,
        mechanism: fields.mechanism,
        startedOn: fields.startedOn,
      },
    });
    return linkage;
  });
}

async function lockedLinkage(tx: Tx, linkageId: string) {
  await tx.$queryRaw`SELECT id FROM "BenefitLinkage" WHERE id = ${linkageId} FOR UPDATE`;
  const linkage = await tx.benefitLinkage.findUnique({
    where: { id: linkageId },
    select: {
      id: true,
      householdId: true,
      startedOn: true,
      endedOn: true,
      organisation: { select: { id: true, type: true } },
    },
  });
  if (!linkage) throw new DomainError("linkage.not_found");
  return linkage;
}

/**
 * Ends a linkage on a day. The household's ENTERPRISE link to the organisation ends with it
 * (at the end of that day) unless another linkage of the organisation with the household is open.
 */
export async function endLinkage(
  actor: LinkageActor,
  linkageId: string,
  endedOnDay: string,
  now: Date = new Date(),
): Promise<void> {
  notAfterToday(endedOnDay, now);
  await db.$transaction(async (tx) => {
    const linkage = await lockedLinkage(tx, linkageId);
    if (!mayRecordFor(actor, linkage.organisation)) throw new DomainError("linkage.not_found");
    await tx.$queryRaw`SELECT id FROM "Household" WHERE id = ${linkage.householdId} FOR UPDATE`;
    if (linkage.endedOn) throw new DomainError("linkage.already_ended");
    const endedOn = startOfLuoyangDay(endedOnDay);
    if (endedOn < linkage.startedOn) throw new DomainError("linkage.ended_before_start");
    await tx.benefitLinkage.update({ where: { id: linkageId }, data: { endedOn }, select: { id: true } });
    const stillOpen = await tx.benefitLinkage.count({
      where: { organisationId: linkage.organisation.id, householdId: linkage.householdId, endedOn: null },
    });
    if (stillOpen === 0) {
      await tx.householdLink.updateMany({
        where: {
          householdId: linkage.householdId,
          kind: "ENTERPRISE",
          organisationId: linkage.organisation.id,
          endedAt: null,
        },
        data: { endedAt: startOfLuoyangDay(addDays(endedOnDay, 1)) },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "linkage.ended",
      subjectType: "BenefitLinkage",
      subjectId: linkageId,
      before: { endedOn: null },
      after: { endedOn: endedOnDay, linkEnded: stillOpen === 0 },
    });
  });
}

/**
 * Records what was paid to the household for one period, with photos of the evidence. A period
 * is paid once: the same start again (a retry, a double tap) or an overlapping period is refused,
 * under a lock on the linkage and by the unique (linkage, period start) key.
 */
export async function recordPayment(
  actor: LinkageActor,
  linkageId: string,
  fields: PaymentFields,
  photos: File[] = [],
  now: Date = new Date(),
): Promise<{ id: string }> {
  notAfterToday(fields.paidOn, now);
  if (fields.periodEnd < fields.periodStart) throw new DomainError("linkage.period_order");
  const check = await db.benefitLinkage.findUnique({
    where: { id: linkageId },
    select: { organisation: { select: { id: true, type: true } } },
  });
  if (!check || !mayRecordFor(actor, check.organisation)) throw new DomainError("linkage.not_found");
  const periodStart = startOfLuoyangDay(fields.periodStart);
  const periodEnd = startOfLuoyangDay(fields.periodEnd);
  return withStoredImages(actor.id, photos, (evidenceIds) =>
    db
      .$transaction(async (tx) => {
        const linkage = await lockedLinkage(tx, linkageId);
        if (periodStart < linkage.startedOn || (linkage.endedOn && periodStart > linkage.endedOn))
          throw new DomainError("linkage.period_outside");
        const same = await tx.benefitPayment.findUnique({
          where: { linkageId_periodStart: { linkageId, periodStart } },
          select: { id: true },
        });
        if (same) throw new DomainError("linkage.period_paid");
        const overlapping = await tx.benefitPayment.findFirst({
          where: { linkageId, periodStart: { lte: periodEnd }, periodEnd: { gte: periodStart } },
          select: { id: true },
        });
        if (overlapping) throw new DomainError("linkage.period_overlaps");
        const payment = await tx.benefitPayment.create({
          data: {
            linkageId,
            periodStart,
            periodEnd,
            amountFen: fields.amount,
            paidOn: startOfLuoyangDay(fields.paidOn),
            note: fields.note ?? "",
            evidenceIds,
            recordedById: actor.id,
          },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "linkage.payment_recorded",
          subjectType: "BenefitLinkage",
          subjectId: linkageId,
          after: {
            paymentId: payment.id,
            periodStart: fields.periodStart,
            periodEnd: fields.periodEnd,
            amountFen: fields.amount,
            paidOn: fields.paidOn,
            evidence: evidenceIds.length,
          },
        });
        return payment;
      })
      .catch((error: unknown) => {
        // Two requests that passed the check at once: the unique key stops the second.
        if (isUniqueViolation(error)) throw new DomainError("linkage.period_paid");
        throw error;
      }),
  );
}

const LINKAGE_ROW = {
  id: true,
  mechanism: true,
  terms: true,
  startedOn: true,
  endedOn: true,
  agreementId: true,
  programmeApplicationId: true,
  createdAt: true,
  organisation: { select: { id: true, name: true, type: true, countyCode: true } },
  household: { select: { code: true, headName: true, countyCode: true } },
  payments: { select: { amountFen: true } },
} as const;

type LinkageRowData = {
  id: string;
  mechanism: BenefitMechanism;
  terms: string;
  startedOn: Date;
  endedOn: Date | null;
  agreementId: string | null;
  programmeApplicationId: string | null;
  organisation: { id: string; name: string; type: string; countyCode: string | null };
  household: { code: string; headName: string; countyCode: string };
  payments: { amountFen: number }[];
};

function rowOf(linkage: LinkageRowData) {
  return {
    id: linkage.id,
    mechanism: linkage.mechanism,
    terms: linkage.terms,
    startedOn: dayOf(linkage.startedOn),
    endedOn: linkage.endedOn ? dayOf(linkage.endedOn) : null,
    agreementId: linkage.agreementId,
    programmeApplicationId: linkage.programmeApplicationId,
    organisation: { id: linkage.organisation.id, name: linkage.organisation.name },
    household: householdView(linkage.household),
    payments: linkage.payments.length,
    paidFen: linkage.payments.reduce((total, payment) => total + payment.amountFen, 0),
  };
}
export type LinkageRow = ReturnType<typeof rowOf>;

/** The linkages of the actor's recording organisations, newest first. */
export async function myLinkages(actor: LinkageActor) {
  const organisations = await recordingOrganisations(actor);
  const linkages = await db.benefitLinkage.findMany({
    where: { organisationId: { in: organisations.map((o) => o.id) } },
    select: LINKAGE_ROW,
    orderBy: [{ endedOn: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: 500,
  });
  return { organisations, linkages: linkages.map(rowOf) };
}

/** The new-linkage form's choices: the organisation's agreements and programme projects. */
export async function linkageFormChoices(actor: LinkageActor) {
  const organisations = await recordingOrganisations(actor);
  const ids = organisations.map((o) => o.id);
  const [agreements, projects] = await Promise.all([
    db.agreement.findMany({
      where: { OR: [{ payerOrganisationId: { in: ids } }, { payeeOrganisationId: { in: ids } }] },
      select: { id: true, title: true },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
    db.programmeApplication.findMany({
      where: { organisationId: { in: ids } },
      select: { id: true, title: true },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
  ]);
  return { organisations, agreements, projects };
}

/**
 * One linkage with its payments, for a member of its organisation (who may record) or an overseer
 * of the household's county (who reads). Others get 404, so ids cannot be probed.
 */
export async function linkagePage(actor: LinkageActor, linkageId: string) {
  const linkage = await db.benefitLinkage.findUnique({
    where: { id: linkageId },
    select: {
      ...LINKAGE_ROW,
      payments: {
        select: {
          id: true,
          periodStart: true,
          periodEnd: true,
          amountFen: true,
          paidOn: true,
          note: true,
          evidenceIds: true,
          createdAt: true,
        },
        orderBy: { periodStart: "desc" },
      },
    },
  });
  if (!linkage) throw new DomainError("linkage.not_found");
  const mayRecord = mayRecordFor(actor, linkage.organisation);
  if (!mayRecord && !mayOversee(actor, linkage.household.countyCode))
    throw new DomainError("linkage.not_found");
  return {
    linkage: rowOf(linkage),
    payments: linkage.payments.map((payment) => ({
      id: payment.id,
      periodStart: dayOf(payment.periodStart),
      periodEnd: dayOf(payment.periodEnd),
      paidOn: dayOf(payment.paidOn),
      amountFen: payment.amountFen,
      note: payment.note,
      evidenceIds: payment.evidenceIds,
    })),
    mayRecord,
  };
}

/** True when the upload is evidence of a payment of a linkage the actor may read. */
export async function mayReadEvidence(actor: LinkageActor, linkageId: string, uploadId: string) {
  const page = await linkagePage(actor, linkageId).catch(() => null);
  return page !== null && page.payments.some((payment) => payment.evidenceIds.includes(uploadId));
}

/** The bureau's and county officers' read view: linkages in scope, newest first, and totals by mechanism. */
export async function linkageOverview(
  actor: LinkageActor,
  filter: { countyCode?: string; mechanism?: BenefitMechanism },
) {
  const scope = scopeOf(actor);
  if (!scope) throw new DomainError("linkage.forbidden");
  const countyCode = scope.kind === "county" ? scope.countyCode : filter.countyCode;
  const where = {
    ...(countyCode ? { household: { countyCode } } : {}),
    ...(filter.mechanism ? { mechanism: filter.mechanism } : {}),
  };
  const [linkages, total, byMechanism] = await Promise.all([
    db.benefitLinkage.findMany({ where, select: LINKAGE_ROW, orderBy: { createdAt: "desc" }, take: 200 }),
    db.benefitLinkage.count({ where }),
    db.benefitPayment.groupBy({
      by: ["linkageId"],
      where: { linkage: where },
      _sum: { amountFen: true },
    }),
  ]);
  const mechanismOf = new Map(
    (
      await db.benefitLinkage.findMany({
        where: { id: { in: byMechanism.map((row) => row.linkageId) } },
        select: { id: true, mechanism: true },
      })
    ).map((row) => [row.id, row.mechanism]),
  );
  const paidByMechanism: Partial<Record<BenefitMechanism, number>> = {};
  for (const row of byMechanism) {
    const mechanism = mechanismOf.get(row.linkageId)!;
    paidByMechanism[mechanism] = (paidByMechanism[mechanism] ?? 0) + (row._sum.amountFen ?? 0);
  }
  return {
    scope,
    countyCode: countyCode ?? null,
    linkages: linkages.map(rowOf),
    total,
    paidByMechanism,
  };
}

/**
 * The linkages of a programme project's organisation with their payments during the project
 * (from the day of approval to its completion, or today), for the evaluation page.
 */
export async function projectLinkages(project: {
  organisationId: string | null;
  decidedAt: Date | null;
  completedAt: Date | null;
}) {
  if (!project.organisationId || !project.decidedAt) return { linkages: [], paymentsDuring: 0, paidFen: 0 };
  const from = startOfLuoyangDay(luoyangToday(project.decidedAt));
  const to = project.completedAt ?? new Date();
  const linkages = await db.benefitLinkage.findMany({
    where: { organisationId: project.organisationId, startedOn: { lte: to } },
    select: {
      ...LINKAGE_ROW,
      payments: {
        where: { paidOn: { gte: from, lte: to } },
        select: { amountFen: true },
      },
    },
    orderBy: { startedOn: "asc" },
  });
  const rows = linkages.map(rowOf);
  return {
    linkages: rows,
    paymentsDuring: rows.reduce((n, row) => n + row.payments, 0),
    paidFen: rows.reduce((n, row) => n + row.paidFen, 0),
  };
}

/**
 * The programme condition (利益联结): a project of a programme that requires benefit linkage is
 * evaluated only when its organisation paid a household under a linkage during the project.
 * Called inside the evaluation's transaction.
 */
export async function assertLinkageCondition(
  tx: Tx,
  project: { organisationId: string | null; decidedAt: Date | null; completedAt: Date | null },
): Promise<void> {
  if (!project.organisationId || !project.decidedAt) throw new DomainError("linkage.required_for_evaluation");
  const from = startOfLuoyangDay(luoyangToday(project.decidedAt));
  const to = project.completedAt ?? new Date();
  const paid = await tx.benefitPayment.count({
    where: { paidOn: { gte: from, lte: to }, linkage: { organisationId: project.organisationId } },
  });
  if (paid === 0) throw new DomainError("linkage.required_for_evaluation");
}
