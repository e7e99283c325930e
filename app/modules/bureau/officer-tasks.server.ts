import { bureauHub, isBureauStaff } from "./bureau-hub.server";
import type { CountyActor } from "~/modules/oversight/county-access";

/**
 * What waits for an officer — the city or a county science bureau, the finance bureau — for their
 * workspace: the workbench's tools that have something waiting, with the count. An officer has no
 * needs, offers or applications of their own, so this is what the page gives them to do. Null for
 * anyone without a workbench.
 */
export async function officerTasks(actor: CountyActor) {
  // Administrators too: disputes, verifications and withdrawals wait on them as on the bureau.
  if (!isBureauStaff(actor)) return null;
  const hub = await bureauHub(actor);
  return {
    desk: hub.desk,
    waiting: hub.tools
      .filter((tool) => (tool.waiting ?? 0) > 0)
      .map((tool) => ({ key: tool.key, to: tool.to, count: tool.waiting ?? 0 })),
  };
}
