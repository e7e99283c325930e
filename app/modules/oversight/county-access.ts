import { can, type Actor, type Permission } from "~/modules/users/permissions";
import { countyScopeOf, coversCounty, type CountyScope } from "./county-scope";

/** An actor as sessions give it; the county is optional so that callers holding a bare Actor fail closed. */
export type CountyActor = Actor & { countyCode?: string | null };

export function scopeOf(actor: CountyActor | null | undefined): CountyScope | null {
  return actor ? countyScopeOf({ ...actor, countyCode: actor.countyCode ?? null }) : null;
}

/** True when the actor holds the permission and oversees the county of the record. */
export function canInCounty(
  actor: CountyActor | null | undefined,
  permission: Permission,
  countyCode: string | null | undefined,
): boolean {
  return can(actor, permission) && coversCounty(scopeOf(actor), countyCode);
}

/**
 * A filter as the actor may apply it: a county officer's own county, whatever was asked (a
 * hand-edited link cannot widen it); the asked one (or none) for city staff; null for one who
 * oversees no county (a county officer whose account has no county), who must be refused.
 */
export function scopeCountyFilter<Q extends { countyCode?: string }>(actor: CountyActor, query: Q): Q | null {
  const scope = scopeOf(actor);
  if (!scope) return null;
  // The officer's county comes from the account, one of the county codes the filter schema allows.
  return scope.kind === "county" ? ({ ...query, countyCode: scope.countyCode } as Q) : query;
}
