import { z } from "zod";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";
import { SERVICE_CATEGORIES, ServiceFormSchema } from "~/modules/spaces/spaces.schema";
import { getPublishedServices, visibleServices } from "~/modules/spaces/spaces.queries.server";
import {
  createService,
  getServiceDetail,
  publishService,
  updateService,
  withdrawService,
} from "~/modules/spaces/spaces.server";
import * as s from "./api.schema";
import { PageQuery, defineEndpoint, pageOf } from "./endpoint.server";
import { IdParams, strictQuery } from "./endpoint-shapes.server";
import { listingWriteEndpoints } from "./listing-endpoints.server";
import { keysetPageIds } from "./listing-query.server";

// A Star Innovation Space's services (星创天地服务), written by the space's accounts as on its pages.

const NEWEST = { field: "publishedAt", direction: "desc", kind: "date" } as const;

/** The published services, newest first, with the filters of the services search. */
export const listServicesEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/services",
    tag: "services",
    scope: "services:read",
    summary: "api.op.getServices",
    description: "api.op.getServices.detail",
    query: PageQuery.extend({
      category: z.enum(SERVICE_CATEGORIES).optional(),
      county: z.enum(COUNTY_CODES).optional(),
      industry: z.enum(INDUSTRY_CODES).optional(),
      space: z.string().min(1).max(40).optional(),
      free: z.literal("1").optional(),
      verified: z.literal("1").optional(),
      q: strictQuery,
    }),
    response: pageOf(s.ServiceSchema),
  },
  async ({ query: { limit, cursor, category, county, industry, space, free, verified, q } }) => {
    const conditions: Prisma.SpaceServiceWhereInput[] = [visibleServices];
    if (category) conditions.push({ category });
    if (county) conditions.push({ countiesServed: { has: county } });
    // No industries means the service suits any industry, as on the pages.
    if (industry)
      conditions.push({ OR: [{ industries: { has: industry } }, { industries: { isEmpty: true } }] });
    if (space) conditions.push({ organisationId: space });
    if (free) conditions.push({ free: true });
    if (verified) conditions.push({ organisation: { verifiedAt: { not: null } } });
    if (q) {
      const contains = { contains: q, mode: "insensitive" } as const;
      conditions.push({ OR: [{ title: contains }, { description: contains }] });
    }
    const { ids, nextCursor } = await keysetPageIds(NEWEST, { limit, cursor }, (window) =>
      db.spaceService.findMany({
        where: { AND: [...conditions, window.after] } as Prisma.SpaceServiceWhereInput,
        orderBy: window.orderBy as Prisma.SpaceServiceOrderByWithRelationInput[],
        take: window.take,
        select: { id: true, publishedAt: true },
      }),
    );
    return { data: await getPublishedServices(ids), nextCursor };
  },
);

export const getServiceEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/services/{id}",
    tag: "services",
    scope: "services:read",
    summary: "api.op.getServicesId",
    description: "api.op.getServicesId.detail",
    params: IdParams,
    response: s.ServiceSchema,
  },
  async ({ params, actor }) => (await getServiceDetail(actor, params.id)).service,
);

export const {
  create: createServiceEndpoint,
  update: updateServiceEndpoint,
  publish: publishServiceEndpoint,
  withdraw: withdrawServiceEndpoint,
} = listingWriteEndpoints({
  path: "/api/v1/services",
  tag: "services",
  scope: "services:write",
  permission: "space.manageServices",
  form: ServiceFormSchema,
  texts: {
    create: { summary: "api.op.postServices", description: "api.op.postServices.detail" },
    update: { summary: "api.op.putServicesId", description: "api.op.putServicesId.detail" },
    publish: { summary: "api.op.postServicesIdPublish", description: "api.op.postServicesIdPublish.detail" },
    withdraw: {
      summary: "api.op.postServicesIdWithdraw",
      description: "api.op.postServicesIdWithdraw.detail",
    },
  },
  create: createService,
  update: updateService,
  publish: publishService,
  withdraw: withdrawService,
});
