import { z } from "zod";
import { TOWN_PROJECT_KINDS, TOWN_STATUSES, TownsApiQuerySchema } from "~/modules/towns/towns.schema";
import { listTownsForApi } from "~/modules/towns/towns.server";
import { PageQuery, defineEndpoint, encodeCursor, pageFromCursor, pageOf } from "./endpoint.server";

/** A characteristic town (特色小镇) with its plan and the ids of its projects. */
export const TownSchema = z.object({
  id: z.string(),
  name: z.string(),
  countyCode: z.string(),
  ecologyPlan: z.string(),
  functionPlan: z.string(),
  industryPlan: z.string(),
  environmentPlan: z.string(),
  status: z.enum(TOWN_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  projects: z.array(z.object({ kind: z.enum(TOWN_PROJECT_KINDS), id: z.string() })),
});

/** Public like the /towns page: no token needed; the per-address rate limit still applies. */
export const listTownsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/towns",
    tag: "towns",
    summary: "api.op.getTowns",
    description: "api.op.getTowns.detail",
    query: PageQuery.extend(TownsApiQuerySchema.shape),
    response: pageOf(TownSchema),
  },
  async ({ query }) => {
    // Oldest first: the cursor carries the offset of the next slice.
    const skip = pageFromCursor(query.cursor, 0);
    const { cursor: _cursor, limit, ...filters } = query;
    const { items, hasMore } = await listTownsForApi(filters, { skip, take: limit });
    const last = items.at(-1);
    return { data: items, nextCursor: hasMore && last ? encodeCursor(skip + limit, last.id) : null };
  },
);
