import { z } from "zod";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { applyToNeed } from "~/modules/applications/applications.server";
import { ApplySchema } from "~/modules/applications/applications.schema";
import { recommendForNeed } from "~/modules/matching/matching.server";
import { getNeedCards, getNeedForViewer, publishedWhere } from "~/modules/needs/needs.queries.server";
import { NEED_KINDS, NeedFormSchema, type NeedFilters } from "~/modules/needs/needs.schema";
import { createNeed } from "~/modules/needs/needs.server";
import { fieldsOf } from "~/modules/needs/needs.forms.server";
import { listMyApplicationsPage } from "~/modules/workspace/workspace.server";
import { DomainError } from "~/utils/errors";
import * as s from "./api.schema";
import { PageQuery, defineEndpoint, pageOf, toPage } from "./endpoint.server";
import { type SortKey, strictQuery, afterOf, cursorOf, needCard, IdParams } from "./endpoint-shapes.server";
import { keysetPageIds, placeFilters } from "./listing-query.server";

const NEED_SORT_KEYS = {
  newest: { field: "publishedAt", direction: "desc", kind: "date" },
  deadline: { field: "deadline", direction: "asc", kind: "date" },
  budget: { field: "budgetMaxFen", direction: "desc", kind: "number" },
} as const satisfies Record<NeedFilters["sort"], SortKey<string>>;

export const listNeedsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/needs",
    tag: "needs",
    scope: "needs:read",
    summary: "api.op.getNeeds",
    description: "api.op.getNeeds.detail",
    query: PageQuery.extend({
      ...placeFilters,
      kind: z.enum(NEED_KINDS).optional(),
      status: z.enum(["OPEN", "IN_PROGRESS", "COMPLETED"]).optional(),
      verified: z.literal("1").optional(),
      q: strictQuery,
      sort: z.enum(["newest", "deadline", "budget"]).default("newest"),
    }),
    response: pageOf(s.NeedCardSchema),
  },
  async ({ query: { limit, cursor, sort, ...filters } }) => {
    const { ids, nextCursor } = await keysetPageIds(NEED_SORT_KEYS[sort], { limit, cursor }, (window) =>
      db.need.findMany({
        where: { AND: [publishedWhere(filters), window.after] } as Prisma.NeedWhereInput,
        orderBy: window.orderBy as Prisma.NeedOrderByWithRelationInput[],
        take: window.take,
        select: { id: true, publishedAt: true, deadline: true, budgetMaxFen: true },
      }),
    );
    return { data: (await getNeedCards(ids)).map(needCard), nextCursor };
  },
);

export const getNeedEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/needs/{id}",
    tag: "needs",
    scope: "needs:read",
    summary: "api.op.getNeedsId",
    params: IdParams,
    response: s.NeedSchema,
  },
  async ({ params, actor }) => {
    const { need } = await getNeedForViewer(params.id, actor);
    return {
      ...needCard({ ...need, photos: [] }),
      photos: need.photos.map((photo) => ({ uploadId: photo.uploadId })),
    };
  },
);

export const createNeedEndpoint = defineEndpoint(
  {
    method: "POST",
    path: "/api/v1/needs",
    tag: "needs",
    scope: "needs:write",
    permission: "need.post",
    status: 201,
    idempotent: true,
    summary: "api.op.postNeeds",
    description: "api.op.postNeeds.detail",
    body: NeedFormSchema,
    response: s.CreatedNeedSchema,
  },
  ({ actor, body, meta, unit }) =>
    createNeed({
      actor: actor!,
      organisationId: body.organisationId,
      fields: fieldsOf(body),
      photos: [],
      publish: body.intent === "publish",
      meta,
      unit,
    }),
);

export const needMatchesEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/needs/{id}/matches",
    tag: "needs",
    scope: "needs:read",
    summary: "api.op.getNeedsIdMatches",
    description: "api.op.getNeedsIdMatches.detail",
    params: IdParams,
    response: s.MatchesSchema,
  },
  async ({ params, actor }) => {
    const { manages, moderates } = await getNeedForViewer(params.id, actor);
    if (!manages && !moderates) throw new DomainError("need.forbidden");
    return recommendForNeed(params.id);
  },
);

export const applyToNeedEndpoint = defineEndpoint(
  {
    method: "POST",
    path: "/api/v1/needs/{id}/applications",
    tag: "applications",
    scope: "applications:write",
    status: 201,
    idempotent: true,
    summary: "api.op.postNeedsIdApplications",
    description: "api.op.postNeedsIdApplications.detail",
    params: IdParams,
    body: ApplySchema.omit({ intent: true }),
    response: s.CreatedApplicationSchema,
  },
  ({ actor, params, body, meta, unit }) =>
    applyToNeed({ actor: actor!, needId: params.id, application: { ...body, intent: "apply" }, meta, unit }),
);

export const listApplicationsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/applications",
    tag: "applications",
    scope: "applications:read",
    summary: "api.op.getApplications",
    description: "api.op.getApplications.detail",
    query: PageQuery,
    response: pageOf(s.OwnApplicationSchema),
  },
  async ({ actor, query }) => {
    const key = { field: "updatedAt", direction: "desc", kind: "date", nullable: false } as const;
    const rows = await listMyApplicationsPage(actor!.id, {
      after: afterOf(key, query.cursor) as Prisma.ApplicationWhereInput,
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, cursorOf(key));
  },
);
