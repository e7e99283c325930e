import { z } from "zod";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { applyToNeed } from "~/modules/applications/applications.server";
import { ApplySchema } from "~/modules/applications/applications.schema";
import { dashboardFigures } from "~/modules/dashboard/dashboard.server";
import { DashboardFiltersSchema } from "~/modules/dashboard/dashboard.schema";
import { ARRANGEMENT_TYPES } from "~/modules/marketplace/marketplace.schema";
import { recommendForNeed } from "~/modules/matching/matching.server";
import {
  getNeedCards,
  getNeedForViewer,
  publishedWhere,
  type NeedCard,
} from "~/modules/needs/needs.queries.server";
import { NEED_KINDS, NeedFormSchema, type NeedFilters } from "~/modules/needs/needs.schema";
import { createNeed } from "~/modules/needs/needs.server";
import { fieldsOf } from "~/modules/needs/needs.forms.server";
import { getOfferCards, getOfferPage, publishedOffersWhere } from "~/modules/offers/offers.server";
import { OFFER_KINDS, OFFER_SORTS, type OfferSort } from "~/modules/offers/offers.schema";
import { applyToProgramme } from "~/modules/programmes/programmes.server";
import { getProgramme, listPublicProgrammesPage } from "~/modules/programmes/programmes.queries.server";
import { ApplyFormSchema } from "~/modules/programmes/programmes.schema";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";
import { SearchParamsSchema } from "~/modules/search/search.schema";
import { searchMarketplace } from "~/modules/search/search.server";
import { listMyApplicationsPage } from "~/modules/workspace/workspace.server";
import { DomainError } from "~/utils/errors";
import { getAgreement, listMine } from "~/modules/agreements/agreements.queries.server";
import { plannedMilestones, type AgreementTerms } from "~/modules/agreements/terms";
import { ClientMessageId, MessageBody } from "~/modules/chat/chat.schema";
import {
  listConversations,
  messagesAfter,
  postMessage,
  requireParticipant,
} from "~/modules/chat/chat.server";
import { MilestoneActionSchema, ResolveDisputeSchema } from "~/modules/escrow/escrow.schema";
import {
  acceptMilestone,
  disputeMilestone,
  fundMilestone,
  getMilestonesView,
  listOpenDisputes,
  rejectMilestone,
  resolveDispute,
  submitMilestone,
} from "~/modules/escrow/escrow.server";
import { StatementFiltersSchema } from "~/modules/ledger/ledger.schema";
import { getAccountStatement, myAccounts } from "~/modules/wallet/wallet.server";
import { getLocale } from "~/i18n/i18n.server";
import type { Actor } from "~/modules/users/permissions";
import * as s from "./api.schema";
import {
  PageQuery,
  decodeCursor,
  defineEndpoint,
  encodeCursor,
  keysetAfter,
  pageFromCursor,
  pageOf,
  toPage,
  type CursorValue,
  type KeysetKey,
} from "./endpoint.server";

const IdParams = z.object({ id: z.string().min(1).max(64) });

/**
 * A list's sort as a keyset: one column (nulls last), then id descending. The cursor is the last
 * item's (value, id), so a page never repeats or skips a row when rows are added meanwhile.
 */
interface SortKey<F extends string> extends KeysetKey {
  field: F;
}
const orderOf = <F extends string>({ field, direction }: SortKey<F>) =>
  [{ [field]: { sort: direction, nulls: "last" } }, { id: "desc" }] as { [K in F | "id"]?: unknown }[];
const afterOf = <F extends string>(key: SortKey<F>, cursor: string | undefined) => keysetAfter(key, cursor);
const cursorOf =
  <F extends string>(key: SortKey<F>) =>
  (row: { id: string } & { [K in F]: Date | number | null }): [CursorValue, string] => {
    const value = row[key.field];
    return [value instanceof Date ? value.toISOString() : value, row.id];
  };

const NEED_SORT_KEYS = {
  newest: { field: "publishedAt", direction: "desc", kind: "date" },
  deadline: { field: "deadline", direction: "asc", kind: "date" },
  budget: { field: "budgetMaxFen", direction: "desc", kind: "number" },
} as const satisfies Record<NeedFilters["sort"], SortKey<string>>;

const OFFER_SORT_KEYS = {
  newest: { field: "publishedAt", direction: "desc", kind: "date" },
  price_asc: { field: "priceMinFen", direction: "asc", kind: "number" },
  price_desc: { field: "priceMaxFen", direction: "desc", kind: "number" },
} as const satisfies Record<OfferSort, SortKey<string>>;

const strictQuery = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((q) => q || undefined);

function needCard<T extends Pick<NeedCard, "_count" | "photos">>({ _count, photos: _photos, ...card }: T) {
  return { ...card, applicationCount: _count.applications };
}

export const listNeedsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/needs",
    tag: "needs",
    scope: "needs:read",
    summary:
      "Published needs with the filters and sorts of the /needs page (status defaults to OPEN; sort newest, deadline soonest or budget highest, empty values last, ties by id)",
    query: PageQuery.extend({
      industry: z.enum(INDUSTRY_CODES).optional(),
      county: z.enum(COUNTY_CODES).optional(),
      arrangement: z.enum(ARRANGEMENT_TYPES).optional(),
      kind: z.enum(NEED_KINDS).optional(),
      status: z.enum(["OPEN", "IN_PROGRESS", "COMPLETED"]).optional(),
      verified: z.literal("1").optional(),
      q: strictQuery,
      sort: z.enum(["newest", "deadline", "budget"]).default("newest"),
    }),
    response: pageOf(s.NeedCardSchema),
  },
  async ({ query }) => {
    const { limit, cursor, sort, ...filters } = query;
    const key = NEED_SORT_KEYS[sort];
    const where = { AND: [publishedWhere(filters), afterOf(key, cursor)] } as Prisma.NeedWhereInput;
    const orderBy = orderOf(key) as Prisma.NeedOrderByWithRelationInput[];
    const rows = await db.need.findMany({
      where,
      orderBy,
      take: limit + 1,
      select: { id: true, publishedAt: true, deadline: true, budgetMaxFen: true },
    });
    const page = toPage(rows, limit, cursorOf(key));
    return {
      data: (await getNeedCards(page.data.map((row) => row.id))).map(needCard),
      nextCursor: page.nextCursor,
    };
  },
);

export const getNeedEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/needs/{id}",
    tag: "needs",
    scope: "needs:read",
    summary: "One need",
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
    summary:
      'Create a need as a draft, or publish it at once with intent "publish" (photos are added on the web page)',
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
    summary: "Recommended offers and experts for a need its poster manages",
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
    summary: "Apply to an open need as an expert (price in yuan, as typed)",
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
    summary: "My applications as an expert, latest change first",
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

export const listOffersEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/offers",
    tag: "offers",
    scope: "offers:read",
    summary:
      "Published offers with the filters of the /offers page; sort newest, price_asc (by lowest price) or price_desc (by highest price), unpriced last, ties by id",
    query: PageQuery.extend({
      industry: z.enum(INDUSTRY_CODES).optional(),
      county: z.enum(COUNTY_CODES).optional(),
      arrangement: z.enum(ARRANGEMENT_TYPES).optional(),
      kind: z.enum(OFFER_KINDS).optional(),
      verified: z.literal("1").optional(),
      q: strictQuery,
      sort: z.enum(OFFER_SORTS).default("newest"),
    }),
    response: pageOf(s.OfferCardSchema),
  },
  async ({ query }) => {
    const { limit, cursor, sort, verified, ...filters } = query;
    const key = OFFER_SORT_KEYS[sort];
    const where = {
      AND: [publishedOffersWhere({ ...filters, verified: verified === "1" }), afterOf(key, cursor)],
    } as Prisma.OfferWhereInput;
    const orderBy = orderOf(key) as Prisma.OfferOrderByWithRelationInput[];
    const rows = await db.offer.findMany({
      where,
      orderBy,
      take: limit + 1,
      select: { id: true, publishedAt: true, priceMinFen: true, priceMaxFen: true },
    });
    const page = toPage(rows, limit, cursorOf(key));
    return { data: await getOfferCards(page.data.map((row) => row.id)), nextCursor: page.nextCursor };
  },
);

export const getOfferEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/offers/{id}",
    tag: "offers",
    scope: "offers:read",
    summary: "One offer",
    params: IdParams,
    response: s.OfferSchema,
  },
  async ({ params, actor }) => (await getOfferPage(actor, params.id)).offer,
);

export const searchEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/search",
    tag: "search",
    scope: "search:read",
    summary:
      "Full-text search with facets, as the /search page (type = needs, offers, experts or services; 20 a page). The search engine ranks by page: `nextCursor` carries the next page's number, so keep the other parameters the same when following it",
    query: SearchParamsSchema.omit({ page: true }).extend({ cursor: z.string().max(200).optional() }),
    response: s.SearchResultSchema,
  },
  async ({ query: { cursor, ...query } }) => {
    const page = pageFromCursor(cursor);
    const {
      needs,
      offers,
      services,
      experts,
      terms: _terms,
      ...result
    } = {
      needs: undefined,
      offers: undefined,
      services: undefined,
      experts: undefined,
      ...(await searchMarketplace({ ...query, page })),
    };
    const data = (needs?.map(needCard) ?? offers ?? services ?? experts ?? []) as { id: string }[];
    return {
      ...result,
      data,
      nextCursor: page < result.pages && data.length ? encodeCursor(page + 1, "search") : null,
    };
  },
);

export const listProgrammesEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/programmes",
    tag: "programmes",
    scope: "programmes:read",
    summary: "Published support programmes, open first",
    query: PageQuery,
    response: pageOf(s.ProgrammeSchema),
  },
  async ({ query }) => {
    // Few rows in an order by status: the cursor carries the offset of the next slice.
    const skip = pageFromCursor(query.cursor, 0);
    const rows = await listPublicProgrammesPage({ skip, take: query.limit + 1 });
    const data = rows.slice(0, query.limit);
    const last = data.at(-1);
    return {
      data,
      nextCursor: rows.length > query.limit && last ? encodeCursor(skip + query.limit, last.id) : null,
    };
  },
);

export const getProgrammeEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/programmes/{id}",
    tag: "programmes",
    scope: "programmes:read",
    summary: "One published programme",
    params: IdParams,
    response: s.ProgrammeSchema,
  },
  async ({ params }) => {
    const programme = await getProgramme(params.id);
    if (!programme) throw new DomainError("programme.not_found");
    return programme;
  },
);

export const applyToProgrammeEndpoint = defineEndpoint(
  {
    method: "POST",
    path: "/api/v1/programmes/{id}/applications",
    tag: "programmes",
    scope: "programmes:write",
    status: 201,
    idempotent: true,
    summary: "Apply to a programme for one of my organisations (amount in yuan, as typed)",
    params: IdParams,
    body: ApplyFormSchema,
    response: s.CreatedSchema,
  },
  ({ actor, params, body, unit }) => applyToProgramme(actor!, params.id, body, new Date(), unit),
);

export const dashboardEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/dashboard",
    tag: "dashboard",
    scope: "dashboard:read",
    permission: "dashboard.read",
    summary: "The bureau's figures by year, county and industry (bureau and admin only)",
    query: DashboardFiltersSchema.omit({ map: true }),
    response: s.DashboardSchema,
  },
  async ({ query }) => dashboardFigures(query),
);

// ---- Conversations (the /messages pages and the chat socket) ----

/** Another person's conversation answers like a missing one, as the pages do. */
async function participantOnly(actor: Actor, conversationId: string, meta: { ip: string }) {
  try {
    return await requireParticipant(actor.id, conversationId, meta);
  } catch (error) {
    if (error instanceof DomainError && error.code === "chat.not_participant")
      throw new DomainError("chat.not_found");
    throw error;
  }
}

export const listConversationsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/conversations",
    tag: "messages",
    scope: "messages:read",
    permission: "chat.use",
    summary: "My conversations, most recent first (ties by id), with unread counts",
    query: PageQuery,
    response: pageOf(s.ConversationSchema),
  },
  async ({ actor, query }) => {
    // The page's list (with unread counts) is built whole; the keyset is applied to it here.
    const all = (await listConversations(actor!.id)).sort(
      (a, b) => b.lastActivity.localeCompare(a.lastActivity) || b.id.localeCompare(a.id),
    );
    let rest = all;
    if (query.cursor) {
      const { sort, id } = decodeCursor(query.cursor);
      if (typeof sort !== "string") throw new DomainError("api.invalid_cursor");
      rest = all.filter((item) => item.lastActivity < sort || (item.lastActivity === sort && item.id < id));
    }
    return toPage(rest.slice(0, query.limit + 1), query.limit, (item) => [item.lastActivity, item.id]);
  },
);

export const listMessagesEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/conversations/{id}/messages",
    tag: "messages",
    scope: "messages:read",
    permission: "chat.use",
    summary:
      "Messages oldest first after sequence number `after` (or after the `cursor` of the previous page); participants only",
    params: IdParams,
    query: PageQuery.extend({
      limit: z.coerce
        .number()
        .int()
        .min(1, "api.problem.invalid_request")
        .max(200, "api.problem.invalid_request")
        .default(50),
      after: z.coerce.number().int().min(0).optional(),
    }),
    response: pageOf(s.MessageSchema),
  },
  async ({ actor, params, query, meta }) => {
    await participantOnly(actor!, params.id, meta);
    let after = query.after ?? 0;
    if (query.cursor) {
      const { sort } = decodeCursor(query.cursor);
      if (typeof sort !== "number") throw new DomainError("api.invalid_cursor");
      after = sort;
    }
    const { messages, hasMore } = await messagesAfter(params.id, after, query.limit);
    const last = messages.at(-1);
    return { data: messages, nextCursor: hasMore && last ? encodeCursor(last.seq, last.id) : null };
  },
);

export const sendMessageEndpoint = defineEndpoint(
  {
    method: "POST",
    path: "/api/v1/conversations/{id}/messages",
    tag: "messages",
    scope: "messages:write",
    permission: "chat.use",
    summary:
      "Send a text message; a resend with the same clientId returns the stored message (created: false) and is not delivered twice",
    params: IdParams,
    body: z.object({
      clientId: ClientMessageId,
      body: MessageBody.refine((text) => text.length > 0, "chat.errors.empty"),
    }),
    response: s.SentMessageSchema,
  },
  async ({ actor, params, body, meta }) => {
    await participantOnly(actor!, params.id, meta);
    // The page's send: stored once per clientId, then published to the conversation's sockets.
    return postMessage({
      senderId: actor!.id,
      conversationId: params.id,
      clientId: body.clientId,
      body: body.body,
    });
  },
);

// ---- Agreements and milestones (the /agreements pages) ----

/** The agreement page's data in the API's shape; non-parties get agreement.not_found (404). */
async function agreementView(agreementId: string, actor: Actor) {
  const page = await getAgreement(agreementId, actor);
  const milestones = page.agreement.activatedAt ? await getMilestonesView(agreementId, actor.id) : [];
  const terms = page.inForce?.terms as AgreementTerms | undefined;
  return {
    ...page.agreement,
    party: page.party,
    payer: page.payer,
    payee: page.payee,
    terms:
      page.inForce && terms
        ? {
            version: page.inForce.version,
            signedAt: page.inForce.signedAt,
            termsHash: page.inForce.termsHash,
            startDate: terms.startDate ?? null,
            endDate: terms.endDate ?? null,
            components: (terms.components ?? []).map((component) => component.type),
            milestoneTotalFen: plannedMilestones(terms).reduce(
              (sum, milestone) => sum + milestone.amountFen,
              0,
            ),
          }
        : null,
    pending: page.pending ? { version: page.pending.version, status: page.pending.status } : null,
    milestones: milestones.map(({ canFund, canSubmit, canAccept, canReject, canDispute, ...milestone }) => ({
      ...milestone,
      can: { fund: canFund, submit: canSubmit, accept: canAccept, reject: canReject, dispute: canDispute },
    })),
  };
}

export const listAgreementsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/agreements",
    tag: "agreements",
    scope: "agreements:read",
    summary: "Agreements where I am on a side, latest change first, with terms summary and milestones",
    query: PageQuery,
    response: pageOf(s.AgreementSchema),
  },
  async ({ actor, query }) => {
    // listMine is the /agreements page's list (at most 200); the cursor is an offset into it.
    const rows = await listMine(actor!);
    let start = 0;
    if (query.cursor) {
      const { sort } = decodeCursor(query.cursor);
      if (typeof sort !== "number" || sort < 0) throw new DomainError("api.invalid_cursor");
      start = sort;
    }
    const slice = rows.slice(start, start + query.limit);
    const data = await Promise.all(slice.map((row) => agreementView(row.agreement.id, actor!)));
    const last = slice.at(-1);
    return {
      data,
      nextCursor:
        rows.length > start + query.limit && last
          ? encodeCursor(start + query.limit, last.agreement.id)
          : null,
    };
  },
);

export const getAgreementEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/agreements/{id}",
    tag: "agreements",
    scope: "agreements:read",
    summary: "One agreement with its terms summary and milestones",
    params: IdParams,
    response: s.AgreementSchema,
  },
  ({ actor, params }) => agreementView(params.id, actor!),
);

/** A milestone of an agreement the caller cannot see answers 404, as the agreement does. */
async function visibleMilestone(actor: Actor, milestoneId: string) {
  const milestone = await db.milestone.findUnique({
    where: { id: milestoneId },
    select: { agreementId: true },
  });
  if (!milestone) throw new DomainError("escrow.not_found");
  await getAgreement(milestone.agreementId, actor);
}

const SubmitBody = MilestoneActionSchema.options[1].pick({ note: true });
const ReasonBody = MilestoneActionSchema.options[3].pick({ reason: true });
const ResolveBody = ResolveDisputeSchema.pick({ payeeYuan: true, note: true });
const milestoneSpec = (action: string, summary: string) => ({
  method: "POST" as const,
  path: `/api/v1/milestones/{id}/${action}`,
  tag: "milestones",
  scope: "money:write" as const,
  params: IdParams,
  response: s.MilestoneResultSchema,
  requireIdempotencyKey: true,
  summary: `${summary} (Idempotency-Key required)`,
});
const keyOf = (request: Request) => request.headers.get("idempotency-key")!;

// fund and accept move money: the escrow service keeps the key itself (as the page's JSON mode).
export const fundMilestoneEndpoint = defineEndpoint(
  milestoneSpec("fund", "The paying side funds the milestone's escrow from its wallet"),
  async ({ actor, params, request, meta }) => {
    await visibleMilestone(actor!, params.id);
    return fundMilestone(actor!, params.id, keyOf(request), meta);
  },
);

export const acceptMilestoneEndpoint = defineEndpoint(
  milestoneSpec("accept", "The paying side accepts the delivery: the escrow goes to the expert's wallet"),
  async ({ actor, params, request, meta }) => {
    await visibleMilestone(actor!, params.id);
    return acceptMilestone(actor!, params.id, keyOf(request), meta);
  },
);

// The others move no money; the API's own key store makes a retry return the first result.
export const submitMilestoneEndpoint = defineEndpoint(
  {
    ...milestoneSpec("submit", "The expert delivers with a note (photos are added on the web page)"),
    idempotent: true,
    body: SubmitBody,
  },
  async ({ actor, params, body, meta, unit }) => {
    await visibleMilestone(actor!, params.id);
    const result = await submitMilestone(actor!, params.id, { note: body.note, files: [] }, meta, unit);
    return { milestoneId: params.id, status: "SUBMITTED", ...result };
  },
);

export const rejectMilestoneEndpoint = defineEndpoint(
  {
    ...milestoneSpec("reject", "The paying side sends the delivery back with a reason"),
    idempotent: true,
    body: ReasonBody,
  },
  async ({ actor, params, body, meta, unit }) => {
    await visibleMilestone(actor!, params.id);
    await rejectMilestone(actor!, params.id, body.reason, meta, unit);
    return { milestoneId: params.id, status: "REJECTED" };
  },
);

export const disputeMilestoneEndpoint = defineEndpoint(
  {
    ...milestoneSpec("dispute", "Either side stops the milestone for the bureau to rule on"),
    idempotent: true,
    body: ReasonBody,
  },
  async ({ actor, params, body, meta, unit }) => {
    await visibleMilestone(actor!, params.id);
    await disputeMilestone(actor!, params.id, body.reason, meta, unit);
    return { milestoneId: params.id, status: "DISPUTED" };
  },
);

// The bureau's side of a dispute (the /bureau/disputes page).
export const listDisputesEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/disputes",
    tag: "milestones",
    scope: "agreements:read",
    permission: "dispute.resolve",
    summary: "Disputed milestones waiting for a ruling, oldest first (bureau and admin only)",
    response: pageOf(s.DisputeSchema),
  },
  async ({ actor }) => ({ data: await listOpenDisputes(actor!), nextCursor: null }),
);

export const resolveDisputeEndpoint = defineEndpoint(
  {
    ...milestoneSpec(
      "resolve",
      "Bureau staff rule on a dispute: payeeYuan of the escrow to the expert, the rest back to the payer",
    ),
    permission: "dispute.resolve",
    body: ResolveBody,
  },
  ({ actor, params, body, request, meta }) =>
    resolveDispute(actor!, params.id, { payeeFen: body.payeeYuan, note: body.note }, keyOf(request), meta),
);

// ---- Wallets (the /wallet pages) ----

export const listWalletsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/wallets",
    tag: "wallets",
    scope: "statements:read",
    summary: "My wallet and those of the organisations I manage, with balances",
    response: pageOf(s.WalletSchema),
  },
  async ({ actor }) => ({ data: await myAccounts(actor!), nextCursor: null }),
);

export const statementEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/wallets/{accountId}/statement",
    tag: "wallets",
    scope: "statements:read",
    summary:
      "An account's statement, newest first, with the filters of the /wallet page (from, to as YYYY-MM-DD; reason)",
    params: z.object({ accountId: z.string().min(1).max(120) }),
    query: StatementFiltersSchema.omit({ page: true }).extend({ cursor: z.string().max(200).optional() }),
    response: s.StatementSchema,
  },
  async ({ actor, params, query, request }) => {
    // The statement is paged like the page; the cursor carries the next page's number.
    let page = 1;
    if (query.cursor) {
      const { sort } = decodeCursor(query.cursor);
      if (typeof sort !== "number" || !Number.isInteger(sort) || sort < 1)
        throw new DomainError("api.invalid_cursor");
      page = sort;
    }
    const { cursor: _cursor, ...filters } = query;
    const result = await getAccountStatement(
      actor!,
      params.accountId,
      { ...filters, page },
      await getLocale(request),
    );
    return {
      account: result.account,
      total: result.total,
      data: result.lines,
      nextCursor: page < result.pages ? encodeCursor(page + 1, params.accountId) : null,
    };
  },
);
