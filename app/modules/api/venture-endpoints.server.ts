import { z } from "zod";
import { VentureQuerySchema } from "~/modules/commissioners/ventures.schema";
import { listPublicVentures } from "~/modules/commissioners/ventures.server";
import { PageQuery, defineEndpoint, encodeCursor, pageFromCursor, pageOf } from "./endpoint.server";

/** A verified venture (领办/创办/联办) as the public sees it: who, how, with whom, where, outcomes in total. */
export const PublicVentureSchema = z.object({
  ventureId: z.string(),
  holderKind: z.enum(["COMMISSIONER", "TEAM"]),
  holderName: z.string(),
  role: z.enum(["LEAD", "FOUNDED", "JOINT"]),
  title: z.string(),
  organisationName: z.string(),
  countyCode: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  stakePercent: z.number().nullable(),
  outcomes: z.object({
    periods: z.number().int(),
    revenueFen: z.number().int(),
    jobs: z.number().int(),
    householdsReached: z.number().int(),
  }),
});

/** Public: no token needed; the per-address rate limit still applies. Only verified ventures. */
export const listVenturesEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/commissioners/ventures",
    tag: "commissioners",
    summary: "api.op.getVentures",
    description: "api.op.getVentures.detail",
    query: PageQuery.extend(VentureQuerySchema.shape),
    response: pageOf(PublicVentureSchema),
  },
  async ({ query }) => {
    const skip = pageFromCursor(query.cursor, 0);
    const { cursor: _cursor, limit, ...filters } = query;
    const { items, hasMore } = await listPublicVentures(filters, { skip, take: limit });
    const last = items.at(-1);
    return {
      data: items,
      nextCursor: hasMore && last ? encodeCursor(skip + limit, last.ventureId) : null,
    };
  },
);
