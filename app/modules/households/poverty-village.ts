import { Prisma } from "~/generated/prisma/client";

/**
 * 建档立卡贫困村 as matching and triage rank it (decision 039): an organisation counts as a poverty
 * village when bureau staff marked it (Organisation.povertyVillageAt, the older flag, still honoured)
 * OR the village it belongs to has a POOR status row for the current year. A village lifted this
 * year (LIFTED) or with no row for this year does not count through its record.
 */
export function povertyVillageSql(organisationAlias: string, year: number): Prisma.Sql {
  const o = Prisma.raw(`"${organisationAlias.replace(/"/g, "")}"`);
  return Prisma.sql`(${o}."povertyVillageAt" IS NOT NULL OR EXISTS (
    SELECT 1 FROM "VillageStatusYear" pv
    WHERE pv."villageId" = ${o}."villageId" AND pv.year = ${year} AND pv.status = 'POOR'))`;
}

/** The Prisma select that isPovertyVillage reads, for the year. */
export function povertyVillageSelect(year: number) {
  return {
    povertyVillageAt: true,
    villageRecord: {
      select: { statuses: { where: { year, status: "POOR" as const }, select: { year: true } } },
    },
  } as const;
}

export function isPovertyVillage(
  organisation:
    | { povertyVillageAt: Date | string | null; villageRecord: { statuses: { year: number }[] } | null }
    | null
    | undefined,
): boolean {
  if (!organisation) return false;
  return organisation.povertyVillageAt !== null || (organisation.villageRecord?.statuses.length ?? 0) > 0;
}
