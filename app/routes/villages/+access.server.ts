import { householdReachOf, type HouseholdReach } from "~/modules/households/households.server";
import { requireUser } from "~/modules/users/guards.server";
import type { SessionUser } from "~/modules/users/session.server";

/** The logged-in user and their reach over villages and households; 403 for one who reaches none. */
export async function requireReach(request: Request): Promise<{ user: SessionUser; reach: HouseholdReach }> {
  const user = await requireUser(request);
  const reach = await householdReachOf(user);
  if (!reach) throw new Response("Forbidden", { status: 403 });
  return { user, reach };
}
