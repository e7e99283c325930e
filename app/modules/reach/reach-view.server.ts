import { db } from "~/db.server";
import { povertyVillageSql } from "~/modules/households/poverty-village";
import type { CountyActor } from "~/modules/oversight/county-access";
import type { RevealOptions } from "~/modules/privacy/contact-reveal.server";
import { luoyangYear } from "~/utils/dates";
import { proxyViewFor, type ProxyPostingRow } from "./informants.server";

export interface NeedReach {
  /** The need's organisation is a poverty village (decision 039). */
  poverty: boolean;
  posting: ProxyPostingRow | null;
}

/**
 * What the need page reads from this module, in one statement that needs only the need's id, so
 * the page asks it beside the need itself: the poverty village mark of the need's organisation and
 * the proxy posting with its informant's name. Who may see what is decided by `needReachView`.
 */
export async function readNeedReach(needId: string): Promise<NeedReach> {
  const [row] = await db.$queryRaw<
    (Omit<ProxyPostingRow, "informantId"> & { poverty: boolean; informantId: string | null })[]
  >`
    SELECT coalesce(${povertyVillageSql("o", luoyangYear())}, false) AS poverty,
      p."informantId", coalesce(u."displayName", '') AS "informantName", p."farmerName", p."farmerPhone",
      p."claimedAt", p."voiceNoteUploadId"
    FROM "Need" n
    LEFT JOIN "Organisation" o ON o.id = n."organisationId"
    LEFT JOIN "ProxyPosting" p ON p."needId" = n.id
    LEFT JOIN "User" u ON u.id = p."informantId"
    WHERE n.id = ${needId}`;
  if (!row) return { poverty: false, posting: null };
  const { poverty, informantId, ...posting } = row;
  return { poverty, posting: informantId ? { informantId, ...posting } : null };
}

/** What the need page shows from this module: the poverty village mark and the proxy posting. */
export async function needReachView(
  need: { id: string; organisationId: string | null; postedById: string; countyCode: string },
  reach: NeedReach,
  viewer: CountyActor | null,
  reveal: RevealOptions = {},
) {
  return { poverty: reach.poverty, proxy: await proxyViewFor(need, reach.posting, viewer, reveal) };
}
