import { z } from "zod";
import { publicPairings } from "~/modules/pairings/pairings.queries.server";
import { COMMITMENT_KINDS, PairingsQuerySchema } from "~/modules/pairings/pairings.schema";
import { PageQuery, defineEndpoint, encodeCursor, pageFromCursor, pageOf } from "./endpoint.server";

/** An agreed pairing (issue 23): institution, place, commitments and what its reports add up to. */
export const PublicPairingSchema = z.object({
  id: z.string(),
  status: z.enum(["PROPOSED", "ACTIVE", "ENDED"]),
  institution: z.object({ id: z.string(), name: z.string(), type: z.string() }),
  countyCode: z.string(),
  village: z.object({ id: z.string(), name: z.string(), township: z.string() }).nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  reportsFiled: z.number().int(),
  commitments: z.array(
    z.object({
      kind: z.enum(COMMITMENT_KINDS),
      /** FUNDING_FEN in fen; the other kinds are counts. */
      targetPerYear: z.number().int(),
      reportedTotal: z.number().int(),
    }),
  ),
});

/** Public, like the ban list: no token needed; the per-address rate limit still applies. */
export const listPairingsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/pairings",
    tag: "pairings",
    summary: "api.op.getPairings",
    description: "api.op.getPairings.detail",
    query: PageQuery.extend(PairingsQuerySchema.shape),
    response: pageOf(PublicPairingSchema),
  },
  async ({ query }) => {
    const skip = pageFromCursor(query.cursor, 0);
    const { data, hasMore } = await publicPairings({
      countyCode: query.countyCode,
      status: query.status,
      skip,
      limit: query.limit,
    });
    const last = data.at(-1);
    return { data, nextCursor: hasMore && last ? encodeCursor(skip + query.limit, last.id) : null };
  },
);
