import type { Actor } from "~/modules/users/permissions";
import { proxyViewFor } from "./informants.server";
import { needIsFromPovertyVillage } from "./poverty.server";

/** What the need page shows from this module: the poverty village mark and the proxy posting. */
export async function needReachView(
  need: { id: string; organisationId: string | null; postedById: string },
  viewer: Actor | null,
) {
  const [poverty, proxy] = await Promise.all([
    needIsFromPovertyVillage(need.organisationId),
    proxyViewFor(need, viewer),
  ]);
  return { poverty, proxy };
}
