import type { Role } from "~/generated/prisma/enums";

/**
 * Which counties an officer's oversight covers. City staff (the science bureau, the finance
 * bureau, platform admins) see every county; a county officer sees the one county on the account;
 * anyone else oversees nothing. Pages, API handlers and exports ask this once and filter by it,
 * so a county officer never reads or acts on another county's records.
 */
export type CountyScope = { kind: "city" } | { kind: "county"; countyCode: string };

export interface ScopedActor {
  primaryRole: Role;
  countyCode: string | null;
  memberships: { role: Role }[];
}

const CITY_ROLES: ReadonlySet<Role> = new Set(["BUREAU", "FINANCE", "ADMIN"]);

export function countyScopeOf(actor: ScopedActor | null | undefined): CountyScope | null {
  if (!actor) return null;
  if (CITY_ROLES.has(actor.primaryRole) || actor.memberships.some((m) => CITY_ROLES.has(m.role))) {
    return { kind: "city" };
  }
  // A county officer without a county (granted wrongly, or the county was cleared) oversees nothing.
  if (actor.primaryRole === "COUNTY" && actor.countyCode) {
    return { kind: "county", countyCode: actor.countyCode };
  }
  return null;
}

/** True when the scope covers records of this county. */
export function coversCounty(scope: CountyScope | null, countyCode: string | null | undefined): boolean {
  if (!scope) return false;
  return scope.kind === "city" || (countyCode != null && scope.countyCode === countyCode);
}

/** A Prisma `where` fragment on a `countyCode` column: nothing for the city, the county otherwise. */
export function countyWhere(scope: CountyScope): { countyCode?: string } {
  return scope.kind === "city" ? {} : { countyCode: scope.countyCode };
}
