import { z } from "zod";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { applyToNeed } from "~/modules/applications/applications.server";
import { ApplySchema } from "~/modules/applications/applications.schema";
import { dashboardFigures } from "~/modules/dashboard/dashboard.server";
import { DashboardFiltersSchema } from "~/modules/dashboard/dashboard.schema";
import { ARRANGEMENT_TYPES } from "~/modules/marketplace/marketplace.schema";
import { recommendForNeed } from "~/modules/matching/matching.server";
import { getNeedCards, getNeedForViewer, type NeedCard } from "~/modules/needs/needs.queries.server";
import { NEED_KINDS, NeedFormSchema } from "~/modules/needs/needs.schema";
import { createNeed } from "~/modules/needs/needs.server";
import { fieldsOf } from "~/modules/needs/needs.forms.server";
import { getOfferCards, getOfferPage } from "~/modules/offers/offers.server";
import { OFFER_KINDS } from "~/modules/offers/offers.schema";
import { applyToProgramme } from "~/modules/programmes/programmes.server";
import { getProgramme, listPublicProgrammes } from "~/modules/programmes/programmes.queries.server";
import { ApplyFormSchema } from "~/modules/programmes/programmes.schema";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";
import { SearchParamsSchema } from "~/modules/search/search.schema";
import { searchMarketplace } from "~/modules/search/search.server";
import { listMyApplications } from "~/modules/workspace/workspace.server";
import { DomainError } from "~/utils/errors";
import * as s from "./api.schema";
import { PageQuery, decodeCursor, defineEndpoint, pageOf, toPage } from "./endpoint.server";

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Newest first with ties broken by id: the cursor is the last item's (publishedAt, id). */
function afterCursor(cursor: string | undefined) {
  if (!cursor) return {};
  const { sort, id } = decodeCursor(cursor);
  if (typeof sort !== "string" || Number.isNaN(Date.parse(sort))) throw new DomainError("api.invalid_cursor");
  const publishedAt = new Date(sort);
  return { OR: [{ publishedAt: { lt: publishedAt } }, { publishedAt, id: { lt: id } }] };
}
const NEWEST = [{ publishedAt: "desc" as const }, { id: "desc" as const }];
const cursorOf = (item: { publishedAt: Date | null; id: string }): [string | null, string] => [item.publishedAt?.toISOString() ?? null, item.id];

function needCard<T extends Pick<NeedCard, "_count" | "photos">>({ _count, photos: _photos, ...card }: T) {
  return { ...card, applicationCount: _count.applications };
}

export const listNeedsEndpoint = defineEndpoint(
  {
    method: "GET", path: "/api/v1/needs", tag: "needs", scope: "needs:read",
    summary: "Open needs, newest first, with the filters of the /needs page",
    query: PageQuery.extend({
      industry: z.enum(INDUSTRY_CODES).optional(),
      county: z.enum(COUNTY_CODES).optional(),
      arrangement: z.enum(ARRANGEMENT_TYPES).optional(),
      kind: z.enum(NEED_KINDS).optional(),
    }),
    response: pageOf(s.NeedCardSchema),
  },
  async ({ query }) => {
    const where: Prisma.NeedWhereInput = {
      status: "OPEN", hiddenAt: null, industry: query.industry, countyCode: query.county, kind: query.kind,
      ...(query.arrangement ? { arrangements: { has: query.arrangement } } : {}),
      ...afterCursor(query.cursor),
    };
    const rows = await db.need.findMany({ where, orderBy: NEWEST, take: query.limit + 1, select: { id: true, publishedAt: true } });
    const page = toPage(rows, query.limit, cursorOf);
    return { data: (await getNeedCards(page.data.map((row) => row.id))).map(needCard), nextCursor: page.nextCursor };
  },
);

export const getNeedEndpoint = defineEndpoint(
  { method: "GET", path: "/api/v1/needs/{id}", tag: "needs", scope: "needs:read", summary: "One need", params: IdParams, response: s.NeedSchema },
  async ({ params, actor }) => {
    const { need } = await getNeedForViewer(params.id, actor);
    return { ...needCard({ ...need, photos: [] }), photos: need.photos.map((photo) => ({ uploadId: photo.uploadId })) };
  },
);

export const createNeedEndpoint = defineEndpoint(
  {
    method: "POST", path: "/api/v1/needs", tag: "needs", scope: "needs:write", permission: "need.post", status: 201, idempotent: true,
    summary: "Create a need as a draft, or publish it at once with intent \"publish\" (photos are added on the web page)",
    body: NeedFormSchema, response: s.CreatedNeedSchema,
  },
  ({ actor, body, meta }) =>
    createNeed({ actor: actor!, organisationId: body.organisationId, fields: fieldsOf(body), photos: [], publish: body.intent === "publish", meta }),
);

export const needMatchesEndpoint = defineEndpoint(
  { method: "GET", path: "/api/v1/needs/{id}/matches", tag: "needs", scope: "needs:read", summary: "Recommended offers and experts for a need its poster manages", params: IdParams, response: s.MatchesSchema },
  async ({ params, actor }) => {
    const { manages, moderates } = await getNeedForViewer(params.id, actor);
    if (!manages && !moderates) throw new DomainError("need.forbidden");
    return recommendForNeed(params.id);
  },
);

export const applyToNeedEndpoint = defineEndpoint(
  {
    method: "POST", path: "/api/v1/needs/{id}/applications", tag: "applications", scope: "applications:write", status: 201, idempotent: true,
    summary: "Apply to an open need as an expert (price in yuan, as typed)",
    params: IdParams, body: ApplySchema.omit({ intent: true }), response: s.CreatedApplicationSchema,
  },
  ({ actor, params, body, meta }) => applyToNeed({ actor: actor!, needId: params.id, application: { ...body, intent: "apply" }, meta }),
);

export const listApplicationsEndpoint = defineEndpoint(
  { method: "GET", path: "/api/v1/applications", tag: "applications", scope: "applications:read", summary: "My applications as an expert, latest change first (at most 100)", response: pageOf(s.OwnApplicationSchema) },
  async ({ actor }) => ({ data: await listMyApplications(actor!.id), nextCursor: null }),
);

export const listOffersEndpoint = defineEndpoint(
  {
    method: "GET", path: "/api/v1/offers", tag: "offers", scope: "offers:read", summary: "Published offers, newest first",
    query: PageQuery.extend({
      industry: z.enum(INDUSTRY_CODES).optional(),
      county: z.enum(COUNTY_CODES).optional(),
      arrangement: z.enum(ARRANGEMENT_TYPES).optional(),
      kind: z.enum(OFFER_KINDS as [string, ...string[]]).optional(),
    }),
    response: pageOf(s.OfferCardSchema),
  },
  async ({ query }) => {
    const where = {
      status: "PUBLISHED", hiddenAt: null, industry: query.industry, kind: query.kind,
      ...(query.county ? { countiesServed: { has: query.county } } : {}),
      ...(query.arrangement ? { arrangements: { has: query.arrangement } } : {}),
      ...afterCursor(query.cursor),
    } as Prisma.OfferWhereInput;
    const rows = await db.offer.findMany({ where, orderBy: NEWEST, take: query.limit + 1, select: { id: true, publishedAt: true } });
    const page = toPage(rows, query.limit, cursorOf);
    return { data: await getOfferCards(page.data.map((row) => row.id)), nextCursor: page.nextCursor };
  },
);

export const getOfferEndpoint = defineEndpoint(
  { method: "GET", path: "/api/v1/offers/{id}", tag: "offers", scope: "offers:read", summary: "One offer", params: IdParams, response: s.OfferSchema },
  async ({ params, actor }) => (await getOfferPage(actor, params.id)).offer,
);

export const searchEndpoint = defineEndpoint(
  {
    method: "GET", path: "/api/v1/search", tag: "search", scope: "search:read",
    summary: "Full-text search with facets, as the /search page (type = needs, offers, experts or services; page of 20)",
    query: SearchParamsSchema, response: s.SearchResultSchema,
  },
  async ({ query }) => {
    const { needs, offers, services, experts, terms: _terms, ...result } = { needs: undefined, offers: undefined, services: undefined, experts: undefined, ...(await searchMarketplace(query)) };
    return { ...result, data: (needs?.map(needCard) ?? offers ?? services ?? experts ?? []) as { id: string }[] };
  },
);

export const listProgrammesEndpoint = defineEndpoint(
  { method: "GET", path: "/api/v1/programmes", tag: "programmes", scope: "programmes:read", summary: "Published support programmes, open first", response: pageOf(s.ProgrammeSchema) },
  async () => ({ data: await listPublicProgrammes(), nextCursor: null }),
);

export const getProgrammeEndpoint = defineEndpoint(
  { method: "GET", path: "/api/v1/programmes/{id}", tag: "programmes", scope: "programmes:read", summary: "One published programme", params: IdParams, response: s.ProgrammeSchema },
  async ({ params }) => {
    const programme = await getProgramme(params.id);
    if (!programme) throw new DomainError("programme.not_found");
    return programme;
  },
);

export const applyToProgrammeEndpoint = defineEndpoint(
  {
    method: "POST", path: "/api/v1/programmes/{id}/applications", tag: "programmes", scope: "programmes:write", status: 201, idempotent: true,
    summary: "Apply to a programme for one of my organisations (amount in yuan, as typed)",
    params: IdParams, body: ApplyFormSchema, response: s.CreatedSchema,
  },
  ({ actor, params, body }) => applyToProgramme(actor!, params.id, body),
);

export const dashboardEndpoint = defineEndpoint(
  {
    method: "GET", path: "/api/v1/dashboard", tag: "dashboard", scope: "dashboard:read", permission: "dashboard.read",
    summary: "The bureau's figures by year, county and industry (bureau and admin only)",
    query: DashboardFiltersSchema.omit({ map: true }), response: s.DashboardSchema,
  },
  async ({ query }) => dashboardFigures(query),
);
