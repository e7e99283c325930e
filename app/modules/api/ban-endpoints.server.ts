import { z } from "zod";
import { PublicBanQuery, listPublicBans } from "~/modules/sanctions/public-bans.server";
import { PageQuery, defineEndpoint, encodeCursor, pageFromCursor, pageOf } from "./endpoint.server";

/** A ban on the public list: the organisation with its credit code, or a person by name only. */
export const PublicBanSchema = z.object({
  banId: z.string(),
  subjectKind: z.enum(["ORGANISATION", "PERSON"]),
  organisationName: z.string().nullable(),
  creditCode: z.string().nullable(),
  personName: z.string().nullable(),
  reason: z.string(),
  programmeTitle: z.string().nullable(),
  decidedAt: z.string(),
  endsAt: z.string(),
  liftedAt: z.string().nullable(),
  status: z.enum(["ACTIVE", "ENDED", "LIFTED"]),
});

/** Public like the /bans page: no token needed; the per-address rate limit still applies. */
export const listBansEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/bans",
    tag: "bans",
    summary: "api.op.getBans",
    description: "api.op.getBans.detail",
    query: PageQuery.extend(PublicBanQuery.shape),
    response: pageOf(PublicBanSchema),
  },
  async ({ query }) => {
    // Newest decision first: the cursor carries the offset of the next slice.
    const skip = pageFromCursor(query.cursor, 0);
    const { cursor: _cursor, limit, ...filters } = query;
    const { items, hasMore } = await listPublicBans(filters, { skip, take: limit });
    const last = items.at(-1);
    return {
      data: items,
      nextCursor: hasMore && last ? encodeCursor(skip + limit, last.banId) : null,
    };
  },
);
