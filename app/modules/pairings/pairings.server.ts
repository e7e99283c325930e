import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CountyActor } from "~/modules/oversight/county-access";
import { withStoredImages } from "~/modules/uploads/uploads.server";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { actsForInstitution, overseesPairingsIn, PAIRING_ORGANISATION_TYPES } from "./pairings.access";
import { COMMITMENT_KINDS, type PairingReportFields, type ProposePairingFields } from "./pairings.schema";

/*
 * Decisions (a newcomer will ask):
 * - The institution proposes; the county's officer (or the city bureau, for any county) agrees.
 *   A pairing starts PROPOSED, becomes ACTIVE when agreed and ENDED when either side ends it.
 * - One live pairing per institution and place: a partial unique index in the migration, and the
 *   check here under the organisation's row lock, so a retried proposal cannot make a second one.
 * - Funding is entered in yuan on forms and kept in fen (FUNDING_FEN); other figures are counts.
 * - Reports are half-yearly (1 = Jan–Jun, 2 = Jul–Dec), one per period: the unique key answers a
 *   retry with "already filed", never a duplicate.
 */

const YUAN = 100;

function toStored(kind: string, value: number): number {
  return kind === "FUNDING_FEN" ? value * YUAN : value;
}

export async function proposePairing(actor: CountyActor, fields: ProposePairingFields, meta: RequestMeta) {
  if (!actsForInstitution(actor, fields.organisationId)) throw new DomainError("pairings.not_institution");
  const organisation = await db.organisation.findUnique({
    where: { id: fields.organisationId },
    select: { type: true },
  });
  if (!organisation || !PAIRING_ORGANISATION_TYPES.includes(organisation.type))
    throw new DomainError("pairings.not_institution");
  if (fields.villageId) {
    const village = await db.village.findUnique({
      where: { id: fields.villageId },
      select: { countyCode: true },
    });
    if (!village || village.countyCode !== fields.countyCode)
      throw new DomainError("pairings.village_elsewhere");
  }
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Organisation" WHERE id = ${fields.organisationId} FOR UPDATE`;
    const live = await tx.pairing.findFirst({
      where: {
        organisationId: fields.organisationId,
        countyCode: fields.countyCode,
        villageId: fields.villageId ?? null,
        status: { not: "ENDED" },
      },
      select: { id: true },
    });
    if (live) throw new DomainError("pairings.already_paired");
    const commitments = COMMITMENT_KINDS.filter((kind) => fields[kind] > 0).map((kind) => ({
      kind,
      targetPerYear: toStored(kind, fields[kind]),
    }));
    const pairing = await tx.pairing.create({
      data: {
        organisationId: fields.organisationId,
        countyCode: fields.countyCode,
        villageId: fields.villageId ?? null,
        startsOn: new Date(`${fields.startsOn}T00:00:00Z`),
        endsOn: fields.endsOn ? new Date(`${fields.endsOn}T00:00:00Z`) : null,
        note: fields.note,
        proposedById: actor.id,
        commitments: { createMany: { data: commitments } },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "pairing.proposed",
      subjectType: "Pairing",
      subjectId: pairing.id,
      after: { ...fields, commitments },
      ip: meta.ip ?? null,
    });
    return pairing;
  });
}

async function lockPairing(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], pairingId: string) {
  await tx.$queryRaw`SELECT id FROM "Pairing" WHERE id = ${pairingId} FOR UPDATE`;
  const pairing = await tx.pairing.findUnique({
    where: { id: pairingId },
    select: { id: true, status: true, countyCode: true, organisationId: true },
  });
  if (!pairing) throw new DomainError("pairings.not_found");
  return pairing;
}

/** The county officer (of the pairing's county) or the city bureau agrees a proposed pairing. */
export async function agreePairing(actor: CountyActor, pairingId: string, meta: RequestMeta) {
  return db.$transaction(async (tx) => {
    const pairing = await lockPairing(tx, pairingId);
    if (!overseesPairingsIn(actor, pairing.countyCode)) throw new DomainError("pairings.forbidden");
    if (pairing.status !== "PROPOSED") throw new DomainError("pairings.not_proposed");
    await tx.pairing.update({
      where: { id: pairingId },
      data: { status: "ACTIVE", agreedById: actor.id, agreedAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "pairing.agreed",
      subjectType: "Pairing",
      subjectId: pairingId,
      before: { status: pairing.status },
      after: { status: "ACTIVE" },
      ip: meta.ip ?? null,
    });
  });
}

/** Either side ends a pairing (a proposal withdrawn, or the work over). */
export async function endPairing(actor: CountyActor, pairingId: string, meta: RequestMeta) {
  return db.$transaction(async (tx) => {
    const pairing = await lockPairing(tx, pairingId);
    if (!overseesPairingsIn(actor, pairing.countyCode) && !actsForInstitution(actor, pairing.organisationId))
      throw new DomainError("pairings.forbidden");
    if (pairing.status === "ENDED") throw new DomainError("pairings.not_active");
    await tx.pairing.update({
      where: { id: pairingId },
      data: { status: "ENDED", endedAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "pairing.ended",
      subjectType: "Pairing",
      subjectId: pairingId,
      before: { status: pairing.status },
      after: { status: "ENDED" },
      ip: meta.ip ?? null,
    });
  });
}

/** The institution reports a half year of an active pairing: figures per commitment, narrative, photos. */
export async function filePairingReport(
  actor: CountyActor,
  pairingId: string,
  fields: PairingReportFields,
  photos: File[] = [],
  meta: RequestMeta = {},
  now: Date = new Date(),
) {
  const found = await db.pairing.findUnique({ where: { id: pairingId }, select: { organisationId: true } });
  if (!found || !actsForInstitution(actor, found.organisationId)) throw new DomainError("pairings.not_found");
  const periodStart = Date.UTC(fields.year, fields.half === 1 ? 0 : 6, 1);
  if (periodStart > now.getTime()) throw new DomainError("pairings.report_future");
  return withStoredImages(actor.id, photos, (photoIds) =>
    db.$transaction(async (tx) => {
      const pairing = await lockPairing(tx, pairingId);
      if (pairing.status !== "ACTIVE") throw new DomainError("pairings.not_active");
      const filed = await tx.pairingReport.findUnique({
        where: { pairingId_year_half: { pairingId, year: fields.year, half: fields.half } },
        select: { id: true },
      });
      if (filed) throw new DomainError("pairings.report_filed");
      const commitments = await tx.pairingCommitment.findMany({
        where: { pairingId },
        select: { id: true, kind: true },
      });
      const kindOf = new Map(commitments.map((c) => [c.id, c.kind]));
      const seen = new Set<string>();
      for (const figure of fields.figures) {
        if (!kindOf.has(figure.commitmentId) || seen.has(figure.commitmentId))
          throw new DomainError("pairings.unknown_commitment");
        seen.add(figure.commitmentId);
      }
      const figures = fields.figures.map((figure) => ({
        commitmentId: figure.commitmentId,
        achieved: toStored(kindOf.get(figure.commitmentId)!, figure.achieved),
      }));
      const report = await tx.pairingReport.create({
        data: {
          pairingId,
          year: fields.year,
          half: fields.half,
          narrative: fields.narrative,
          photoIds,
          submittedById: actor.id,
          submittedAt: now,
          figures: { createMany: { data: figures } },
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "pairing.report_filed",
        subjectType: "PairingReport",
        subjectId: report.id,
        after: { pairingId, year: fields.year, half: fields.half, figures, photoIds },
        ip: meta.ip ?? null,
      });
      return report;
    }),
  );
}

/** The county officer (or the city bureau) acknowledges a report: it has been read and accepted. */
export async function acknowledgePairingReport(
  actor: CountyActor,
  pairingId: string,
  reportId: string,
  meta: RequestMeta,
) {
  return db.$transaction(async (tx) => {
    const pairing = await lockPairing(tx, pairingId);
    if (!overseesPairingsIn(actor, pairing.countyCode)) throw new DomainError("pairings.forbidden");
    const report = await tx.pairingReport.findFirst({
      where: { id: reportId, pairingId },
      select: { status: true },
    });
    if (!report) throw new DomainError("pairings.not_found");
    if (report.status !== "SUBMITTED") throw new DomainError("pairings.already_acknowledged");
    await tx.pairingReport.update({
      where: { id: reportId },
      data: { status: "ACKNOWLEDGED", acknowledgedById: actor.id, acknowledgedAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "pairing.report_acknowledged",
      subjectType: "PairingReport",
      subjectId: reportId,
      before: { status: "SUBMITTED" },
      after: { status: "ACKNOWLEDGED" },
      ip: meta.ip ?? null,
    });
  });
}
