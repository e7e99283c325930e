import type { Prisma } from "~/generated/prisma/client";
import { rolesOf, type Actor } from "~/modules/users/permissions";

/**
 * Who reaches which households: the one access policy of villages and poor households.
 *   city       the science bureau and admins: every county; record, read, reveal, manage villages
 *   county     a county officer: the county on the account, the same
 *   informant  an active village informant: the informant's county, and only the villages of the
 *              appointment's list when it names any; records and reads households, no village admin
 *   aggregates the finance bureau: counts and village status only, never a household row
 * Anyone else reaches nothing: the pages answer 403, and a record outside one's reach answers 404
 * (as county-access does), so another county's households are not even confirmed to exist.
 */
export type HouseholdReach =
  | { kind: "city" }
  | { kind: "county"; countyCode: string }
  | { kind: "informant"; countyCode: string; villages: string[] }
  | { kind: "aggregates" };

export interface ReachActor extends Actor {
  countyCode?: string | null;
}

/** An active informant's appointment, as householdReachOf needs it (read by the server helper). */
export interface InformantAppointment {
  countyCode: string;
  villages: string[];
}

export function reachFrom(
  actor: ReachActor | null | undefined,
  informant: InformantAppointment | null,
): HouseholdReach | null {
  if (!actor) return null;
  const roles = rolesOf(actor);
  if (roles.has("ADMIN") || roles.has("BUREAU")) return { kind: "city" };
  if (actor.primaryRole === "COUNTY") {
    // A county officer without a county oversees nothing (county-scope.ts).
    return actor.countyCode ? { kind: "county", countyCode: actor.countyCode } : null;
  }
  if (informant) {
    return {
      kind: "informant",
      countyCode: informant.countyCode,
      villages: informant.villages.map((name) => name.trim()).filter(Boolean),
    };
  }
  if (roles.has("FINANCE")) return { kind: "aggregates" };
  return null;
}

/** Record households and read them in full rows (masked names). */
export function canRecordHouseholds(reach: HouseholdReach | null): boolean {
  return reach !== null && reach.kind !== "aggregates";
}

/** Create villages, add a year's status, link organisations: city and county officers. */
export function canManageVillages(reach: HouseholdReach | null): boolean {
  return reach?.kind === "city" || reach?.kind === "county";
}

/** Whether the reach covers the villages (and their households) of this village. */
export function reachesVillage(
  reach: HouseholdReach | null,
  village: { countyCode: string; township: string; name: string },
): boolean {
  if (!reach || reach.kind === "aggregates") return false;
  if (reach.kind === "city") return true;
  if (reach.countyCode !== village.countyCode) return false;
  return (
    reach.kind === "county" ||
    reach.villages.length === 0 ||
    reach.villages.includes(village.name) ||
    reach.villages.includes(`${village.township}${village.name}`)
  );
}

/**
 * The villages an appointment's list names: an entry is a village's name ("协心村") or its
 * township and name written together ("陶湾镇协心村"), as the informants page records them.
 */
function listedVillages(villages: string[]): Prisma.VillageWhereInput {
  return {
    OR: villages.flatMap((entry) => [
      { name: entry },
      ...Array.from({ length: Math.max(0, entry.length - 1) }, (_, index) => ({
        township: entry.slice(0, index + 1),
        name: entry.slice(index + 1),
      })),
    ]),
  };
}

/** Whether the reach may open the village page: its households' rows only with reachesVillage. */
export function seesVillage(
  reach: HouseholdReach | null,
  village: { countyCode: string; township: string; name: string },
) {
  return reach?.kind === "aggregates" || reachesVillage(reach, village);
}

/** The villages the reach lists (finance: all, as public aggregates). */
export function villageWhere(reach: HouseholdReach): Prisma.VillageWhereInput {
  switch (reach.kind) {
    case "city":
    case "aggregates":
      return {};
    case "county":
      return { countyCode: reach.countyCode };
    case "informant":
      return reach.villages.length
        ? { countyCode: reach.countyCode, ...listedVillages(reach.villages) }
        : { countyCode: reach.countyCode };
  }
}

/** The household rows the reach may read; finance reads none. */
export function householdWhere(reach: HouseholdReach): Prisma.HouseholdWhereInput {
  switch (reach.kind) {
    case "city":
      return {};
    case "aggregates":
      return { id: { in: [] } };
    case "county":
      return { countyCode: reach.countyCode };
    case "informant":
      return reach.villages.length
        ? { countyCode: reach.countyCode, village: listedVillages(reach.villages) }
        : { countyCode: reach.countyCode };
  }
}

/** The one county a county officer or informant is held to; null for city staff. */
export function reachCounty(reach: HouseholdReach): string | null {
  return reach.kind === "county" || reach.kind === "informant" ? reach.countyCode : null;
}
