import { db, type Tx } from "~/db.server";
import { canInCounty, type CountyActor } from "~/modules/oversight/county-access";
import { can } from "~/modules/users/permissions";
import { LINKAGE_ORG_TYPES } from "./linkage.schema";

/** Who reads and writes linkages: the session user as the pages and services receive it. */
export type LinkageActor = CountyActor & { id: string };

const ELIGIBLE: readonly string[] = LINKAGE_ORG_TYPES;

/** The actor's organisations that record linkages: cooperatives, family farms, large growers, enterprises. */
export async function recordingOrganisations(actor: LinkageActor, client: Tx | typeof db = db) {
  const ids = actor.memberships
    .filter((m) => can(actor, "linkage.record", { organisationId: m.organisationId }))
    .map((m) => m.organisationId);
  if (ids.length === 0) return [];
  return client.organisation.findMany({
    where: { id: { in: ids }, type: { in: [...LINKAGE_ORG_TYPES] } },
    select: { id: true, name: true, type: true, countyCode: true },
    orderBy: { name: "asc" },
  });
}

/** True when the actor records linkages for this organisation (a member of an eligible one). */
export function mayRecordFor(actor: LinkageActor, organisation: { id: string; type: string }): boolean {
  return (
    ELIGIBLE.includes(organisation.type) &&
    actor.memberships.some((m) => m.organisationId === organisation.id) &&
    can(actor, "linkage.record", { organisationId: organisation.id })
  );
}

/** County officers read their county's linkages (by the household's county); city staff all. */
export function mayOversee(actor: LinkageActor, householdCountyCode: string): boolean {
  return canInCounty(actor, "linkage.read", householdCountyCode);
}
