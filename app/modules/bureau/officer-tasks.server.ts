import { can } from "~/modules/users/permissions";
import { triageQueue } from "~/modules/reach/triage.server";
import { scopeOf, type CountyActor } from "~/modules/oversight/county-access";
import { countWaitingPrescreen } from "~/modules/counties/prescreen.server";

/**
 * What waits for a county or finance officer, for their workspace: an officer has no needs, offers
 * or applications of their own, so this is what the page gives them to do. Null for anyone else.
 */
export async function officerTasks(actor: CountyActor) {
  if (actor.primaryRole !== "COUNTY" && actor.primaryRole !== "FINANCE") return null;
  const scope = scopeOf(actor);
  const county = scope?.kind === "county" ? scope.countyCode : undefined;
  const [triage, prescreen] = await Promise.all([
    can(actor, "triage.manage") && scope
      ? triageQueue({ countyCode: county }).then((queue) => queue.length)
      : null,
    can(actor, "programme.prescreen") && scope ? countWaitingPrescreen(scope) : null,
  ]);
  return { triage, prescreen };
}
