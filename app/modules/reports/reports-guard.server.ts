import { requireUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";

/** Anyone who prepares returns or reads the roll-up; everyone else gets 403. */
export async function requireReportReader(request: Request) {
  const user = await requireUser(request);
  if (!can(user, "report.prepare") && !can(user, "report.rollup")) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}
