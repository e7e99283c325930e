import { z } from "zod";
import { VillageStatus } from "~/generated/prisma/enums";
import { listPublicVillages } from "~/modules/households/households.server";
import { COUNTY_CODES } from "~/modules/reference/reference";
import { PageQuery, defineEndpoint, encodeCursor, pageFromCursor, pageOf } from "./endpoint.server";

/** A village as the public sees it: where it is and its status by year; nothing of its households. */
export const PublicVillageSchema = z.object({
  id: z.string(),
  name: z.string(),
  township: z.string(),
  countyCode: z.string(),
  statuses: z.array(z.object({ year: z.number().int(), status: z.enum(Object.values(VillageStatus)) })),
});

const VillagesQuery = PageQuery.extend({
  county: z.enum(COUNTY_CODES, { message: "api.problem.invalid_request" }).optional(),
  township: z
    .string()
    .trim()
    .min(1, "api.problem.invalid_request")
    .max(40, "api.problem.invalid_request")
    .optional(),
});

/** Public like the plan's lists of poverty villages: no token needed; the per-address rate limit applies. */
export const listVillagesEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/villages",
    tag: "villages",
    summary: "api.op.getVillages",
    description: "api.op.getVillages.detail",
    query: VillagesQuery,
    response: pageOf(PublicVillageSchema),
  },
  async ({ query }) => {
    // County, township and name order: the cursor carries the offset of the next slice.
    const skip = pageFromCursor(query.cursor, 0);
    const { items, hasMore } = await listPublicVillages(
      { county: query.county, township: query.township },
      { skip, take: query.limit },
    );
    const last = items.at(-1);
    return {
      data: items,
      nextCursor: hasMore && last ? encodeCursor(skip + query.limit, last.id) : null,
    };
  },
);
