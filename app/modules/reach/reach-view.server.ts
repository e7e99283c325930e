import type { CountyActor } from "~/modules/oversight/county-access";
import type { RevealOptions } from "~/modules/privacy/contact-reveal.server";
import { proxyViewFor } from "./informants.server";
import { needIsFromPovertyVillage } from "./poverty.server";

/** What the need page shows from this module: the poverty village mark and the proxy posting. */
export async function needReachView(
  need: { id: string; organisationId: string | null; postedById: string; countyCode: string },
  viewer: CountyActor | null,
  reveal: RevealOptions = {},
) {
  const [poverty, proxy] = await Promise.all([
    needIsFromPovertyVillage(need.organisationId),
    proxyViewFor(need, viewer, reveal),
  ]);
  return { poverty, proxy };
}
