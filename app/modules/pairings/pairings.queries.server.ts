import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { CountyActor } from "~/modules/oversight/county-access";
import { scopeOf } from "~/modules/oversight/county-access";
import { DomainError } from "~/utils/errors";
import { actsForInstitution, overseesPairingsIn, PAIRING_ORGANISATION_TYPES } from "./pairings.access";

const summarySelect = {
  id: true,
  status: true,
  countyCode: true,
  startsOn: true,
  endsOn: true,
  organisation: { select: { id: true, name: true, type: true } },
  village: { select: { id: true, name: true, township: true } },
  commitments: { select: { id: true, kind: true, targetPerYear: true }, orderBy: { kind: "asc" } },
  _count: { select: { reports: true } },
} satisfies Prisma.PairingSelect;

export type PairingSummary = Prisma.PairingGetPayload<{ select: typeof summarySelect }>;

/** The pairings a person works on: their institutions', and those of the counties they oversee. */
export async function myPairings(actor: CountyActor) {
  const organisationIds = actor.memberships
    .filter((m) => m.role === "INSTITUTION")
    .map((m) => m.organisationId);
  const scope = scopeOf(actor);
  const overseen =
    scope && actor.primaryRole !== "INSTITUTION"
      ? await db.pairing.findMany({
          where: scope.kind === "county" ? { countyCode: scope.countyCode } : {},
          select: summarySelect,
          orderBy: [{ status: "asc" }, { createdAt: "desc" }],
          take: 200,
        })
      : [];
  const own = organisationIds.length
    ? await db.pairing.findMany({
        where: { organisationId: { in: organisationIds } },
        select: summarySelect,
        orderBy: [{ status: "asc" }, { createdAt: "desc" }],
        take: 200,
      })
    : [];
  return { own, overseen, oversees: scope !== null };
}

/** The universities and research institutes the person may propose pairings for. */
export async function proposingInstitutions(actor: CountyActor) {
  const ids = actor.memberships
    .filter((m) => actsForInstitution(actor, m.organisationId))
    .map((m) => m.organisationId);
  if (ids.length === 0) return [];
  return db.organisation.findMany({
    where: { id: { in: ids }, type: { in: [...PAIRING_ORGANISATION_TYPES] } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** Villages recorded so far, for the place of a pairing or a talent (county order). */
export async function villageChoices(countyCode?: string) {
  return db.village.findMany({
    where: countyCode ? { countyCode } : {},
    select: { id: true, name: true, township: true, countyCode: true },
    orderBy: [{ countyCode: "asc" }, { township: "asc" }, { name: "asc" }],
    take: 500,
  });
}

/** A pairing with its commitments and reports, for its institution and the officers of its county. */
export async function pairingPage(actor: CountyActor, pairingId: string) {
  const pairing = await db.pairing.findUnique({
    where: { id: pairingId },
    select: {
      ...summarySelect,
      note: true,
      agreedAt: true,
      reports: {
        orderBy: [{ year: "desc" }, { half: "desc" }],
        select: {
          id: true,
          year: true,
          half: true,
          narrative: true,
          status: true,
          submittedAt: true,
          acknowledgedAt: true,
          photoIds: true,
          figures: { select: { commitmentId: true, achieved: true } },
        },
      },
    },
  });
  if (!pairing) throw new DomainError("pairings.not_found");
  const member = actsForInstitution(actor, pairing.organisation.id);
  const oversees = overseesPairingsIn(actor, pairing.countyCode);
  if (!member && !oversees) throw new DomainError("pairings.not_found");
  const achieved = new Map<string, number>();
  for (const report of pairing.reports)
    for (const figure of report.figures)
      achieved.set(figure.commitmentId, (achieved.get(figure.commitmentId) ?? 0) + figure.achieved);
  const commitments = pairing.commitments.map((c) => ({ ...c, achievedTotal: achieved.get(c.id) ?? 0 }));
  return { pairing: { ...pairing, commitments }, member, oversees };
}

/** True when the upload is a photo of a report of this pairing and the actor may see the pairing. */
export async function mayViewPairingPhoto(actor: CountyActor, pairingId: string, uploadId: string) {
  const report = await db.pairingReport.findFirst({
    where: { pairingId, photoIds: { has: uploadId } },
    select: { pairing: { select: { organisationId: true, countyCode: true } } },
  });
  if (!report) return false;
  const { organisationId, countyCode } = report.pairing;
  return actsForInstitution(actor, organisationId) || overseesPairingsIn(actor, countyCode);
}

/**
 * The public list (GET /api/v1/pairings): agreed pairings — active or ended — with the
 * institution, the place, the commitments and what the reports add up to. Proposals are not public.
 */
export async function publicPairings(query: {
  countyCode?: string;
  status?: "ACTIVE" | "ENDED";
  skip?: number;
  limit: number;
}) {
  const rows = await db.pairing.findMany({
    where: {
      status: query.status ?? { in: ["ACTIVE", "ENDED"] },
      ...(query.countyCode ? { countyCode: query.countyCode } : {}),
    },
    select: {
      id: true,
      status: true,
      countyCode: true,
      startsOn: true,
      endsOn: true,
      organisation: { select: { id: true, name: true, type: true } },
      village: { select: { id: true, name: true, township: true } },
      commitments: { select: { id: true, kind: true, targetPerYear: true }, orderBy: { kind: "asc" } },
      reports: { select: { figures: { select: { commitmentId: true, achieved: true } } } },
    },
    orderBy: [{ startsOn: "desc" }, { id: "asc" }],
    skip: query.skip ?? 0,
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    data: page.map((row) => {
      const totals = new Map<string, number>();
      for (const report of row.reports)
        for (const f of report.figures)
          totals.set(f.commitmentId, (totals.get(f.commitmentId) ?? 0) + f.achieved);
      return {
        id: row.id,
        status: row.status,
        institution: row.organisation,
        countyCode: row.countyCode,
        village: row.village,
        startsOn: row.startsOn.toISOString().slice(0, 10),
        endsOn: row.endsOn ? row.endsOn.toISOString().slice(0, 10) : null,
        reportsFiled: row.reports.length,
        commitments: row.commitments.map((c) => ({
          kind: c.kind,
          targetPerYear: c.targetPerYear,
          reportedTotal: totals.get(c.id) ?? 0,
        })),
      };
    }),
    hasMore: rows.length > query.limit,
  };
}
