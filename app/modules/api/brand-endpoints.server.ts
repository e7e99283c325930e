import { z } from "zod";
import { AGENCY_SERVICE_TYPES, BRAND_TRADE_KINDS } from "~/modules/creative/brand-partners.schema";
import { listBrandsForApi } from "~/modules/creative/brands.server";
import { BRAND_STAGES, BrandsApiQuerySchema } from "~/modules/creative/creative.schema";
import { AgencyEngagementStatus } from "~/generated/prisma/enums";
import { PageQuery, defineEndpoint, encodeCursor, pageFromCursor, pageOf } from "./endpoint.server";

const Party = z.object({ id: z.string(), name: z.string() });

/** A brand project (品牌孵化) with its stages, partner agencies and trades. */
export const BrandSchema = z.object({
  id: z.string(),
  name: z.string(),
  productName: z.string(),
  countyCode: z.string(),
  stage: z.enum(BRAND_STAGES),
  owner: Party.nullable(),
  incubator: Party.nullable(),
  launchedAt: z.string().nullable(),
  abandonedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  stages: z.array(z.object({ stage: z.enum(BRAND_STAGES), at: z.string() })),
  agencies: z.array(
    z.object({
      agency: Party,
      serviceType: z.enum(AGENCY_SERVICE_TYPES),
      status: z.enum(
        Object.values(AgencyEngagementStatus) as [AgencyEngagementStatus, ...AgencyEngagementStatus[]],
      ),
      deliveredAt: z.string().nullable(),
    }),
  ),
  trades: z.array(
    z.object({
      buyer: Party,
      kind: z.enum(BRAND_TRADE_KINDS),
      priceFen: z.number().int(),
      tradedOn: z.string(),
    }),
  ),
});

/** Public like the /brands pages: no token needed; the per-address rate limit still applies. */
export const listBrandsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/brands",
    tag: "brands",
    summary: "api.op.getBrands",
    description: "api.op.getBrands.detail",
    query: PageQuery.extend(BrandsApiQuerySchema.shape),
    response: pageOf(BrandSchema),
  },
  async ({ query }) => {
    // Oldest first: the cursor carries the offset of the next slice.
    const skip = pageFromCursor(query.cursor, 0);
    const { cursor: _cursor, limit, ...filters } = query;
    const { items, hasMore } = await listBrandsForApi(filters, { skip, take: limit });
    const last = items.at(-1);
    return { data: items, nextCursor: hasMore && last ? encodeCursor(skip + limit, last.id) : null };
  },
);
