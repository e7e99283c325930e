import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { can, rolesOf, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { NeedFilters } from "./needs.schema";
import { canManageNeed } from "./needs.server";

export const NEEDS_PER_PAGE = 20;

/** What a need's card shows, as Prisma selects it (getNeedCards; the SQL list gives the same shape). */
export const NEED_CARD_SELECT = {
  id: true,
  kind: true,
  title: true,
  industry: true,
  countyCode: true,
  village: true,
  budgetMinFen: true,
  budgetMaxFen: true,
  urgency: true,
  arrangements: true,
  deadline: true,
  status: true,
  publishedAt: true,
  organisation: { select: { id: true, name: true, verifiedAt: true, povertyVillageAt: true } },
  postedBy: { select: { id: true, displayName: true, verifiedAt: true } },
  photos: { orderBy: { sortOrder: "asc" }, take: 1, select: { uploadId: true } },
  _count: { select: { applications: true } },
} as const satisfies Prisma.NeedSelect;

export type NeedCard = Prisma.NeedGetPayload<{ select: typeof NEED_CARD_SELECT }>;

/** The public list's visibility and filters; the open API pages through the same rows. */
export function publishedWhere(filters: Omit<NeedFilters, "sort" | "page">): Prisma.NeedWhereInput {
  const where: Prisma.NeedWhereInput = {
    hiddenAt: null,
    // Invitation-only needs are for their organisation, its invitees and the bureau: never listed.
    invitationOnly: false,
    status: filters.status ?? "OPEN",
    industry: filters.industry,
    countyCode: filters.county,
    kind: filters.kind,
  };
  if (filters.arrangement) where.arrangements = { has: filters.arrangement };
  if (filters.verified) {
    where.OR = [
      { organisation: { verifiedAt: { not: null } } },
      { organisationId: null, postedBy: { verifiedAt: { not: null } } },
    ];
  }
  if (filters.q) {
    where.AND = [
      {
        OR: [
          { title: { contains: filters.q, mode: "insensitive" } },
          { description: { contains: filters.q, mode: "insensitive" } },
        ],
      },
    ];
  }
  return where;
}

const ORDER_SQL: Record<NeedFilters["sort"], Prisma.Sql> = {
  newest: Prisma.sql`n."publishedAt" DESC, n.id DESC`,
  deadline: Prisma.sql`n.deadline ASC NULLS LAST, n.id DESC`,
  budget: Prisma.sql`n."budgetMaxFen" DESC NULLS LAST, n.id DESC`,
};

/** `publishedWhere` as SQL over `"Need" n`, for the list's own statement. */
function publishedSql(filters: Omit<NeedFilters, "sort" | "page">): Prisma.Sql {
  const conditions = [
    Prisma.sql`n."hiddenAt" IS NULL`,
    Prisma.sql`n."invitationOnly" = false`,
    Prisma.sql`n.status = ${filters.status ?? "OPEN"}::"NeedStatus"`,
  ];
  if (filters.industry) conditions.push(Prisma.sql`n.industry = ${filters.industry}`);
  if (filters.county) conditions.push(Prisma.sql`n."countyCode" = ${filters.county}`);
  if (filters.kind) conditions.push(Prisma.sql`n.kind = ${filters.kind}::"NeedKind"`);
  if (filters.arrangement)
    conditions.push(Prisma.sql`${filters.arrangement}::"ArrangementType" = ANY (n.arrangements)`);
  if (filters.verified) {
    conditions.push(Prisma.sql`(
      EXISTS (SELECT 1 FROM "Organisation" vo WHERE vo.id = n."organisationId" AND vo."verifiedAt" IS NOT NULL)
      OR (n."organisationId" IS NULL AND EXISTS (
        SELECT 1 FROM "User" vu WHERE vu.id = n."postedById" AND vu."verifiedAt" IS NOT NULL)))`);
  }
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    conditions.push(Prisma.sql`(n.title ILIKE ${pattern} OR n.description ILIKE ${pattern})`);
  }
  return Prisma.join(conditions, " AND ");
}

export interface NeedCardRow extends Omit<NeedCard, "organisation" | "postedBy" | "_count"> {
  organisation: {
    id: string;
    name: string;
    verifiedAt: string | null;
    povertyVillageAt: string | null;
  } | null;
  postedBy: { id: string; displayName: string; verifiedAt: string | null };
  applications: number;
}

const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

/** A need's card as SQL over `"Need" n` (joined to `"Organisation" o` and `"User" u`, CARD_FROM). */
const CARD_COLUMNS = Prisma.sql`
  n.id, n.kind::text AS kind, n.title, n.industry, n."countyCode", n.village,
  n."budgetMinFen", n."budgetMaxFen", n.urgency::text AS urgency,
  n.arrangements::text[] AS arrangements, n.deadline, n.status::text AS status, n."publishedAt",
  CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name,
    'verifiedAt', o."verifiedAt", 'povertyVillageAt', o."povertyVillageAt") END AS organisation,
  json_build_object('id', u.id, 'displayName', u."displayName", 'verifiedAt', u."verifiedAt") AS "postedBy",
  coalesce((SELECT json_agg(json_build_object('uploadId', p."uploadId"))
    FROM (SELECT "uploadId" FROM "NeedPhoto" WHERE "needId" = n.id ORDER BY "sortOrder" LIMIT 1) p),
    '[]') AS photos,
  (SELECT count(*)::int FROM "Application" a WHERE a."needId" = n.id) AS applications`;
const CARD_FROM = Prisma.sql`"Need" n
  LEFT JOIN "Organisation" o ON o.id = n."organisationId"
  JOIN "User" u ON u.id = n."postedById"`;

/**
 * The list's one statement for these filters: the total, with one page of card rows beside it.
 * It always returns a row (the total), whose card columns are null when the page is empty.
 */
export function needsPageQuery(filters: NeedFilters): Prisma.Sql {
  const where = publishedSql(filters);
  return Prisma.sql`
    WITH total AS (SELECT count(*)::int AS total FROM "Need" n WHERE ${where})
    SELECT total.total, page.* FROM total LEFT JOIN LATERAL (
      SELECT ${CARD_COLUMNS}
      FROM ${CARD_FROM}
      WHERE ${where}
      ORDER BY ${ORDER_SQL[filters.sort]}
      LIMIT ${NEEDS_PER_PAGE} OFFSET ${(filters.page - 1) * NEEDS_PER_PAGE}
    ) page ON true`;
}

/** `needsPageQuery`'s rows as the page's cards and the total. */
export function readNeedsPage(rows: (NeedCardRow & { total: number })[]): {
  items: NeedCard[];
  total: number;
} {
  const total = rows[0]?.total ?? 0;
  // An empty page still gives the total's row, with null card columns.
  const items = rows
    .filter((row) => (row.id as string | null) !== null)
    .map(({ total: _total, ...row }): NeedCard => toNeedCard(row));
  return { items, total };
}

/** A card row of the SQL above as the card Prisma's select would give (JSON dates read back). */
export function toNeedCard<Row extends NeedCardRow>({
  applications,
  organisation,
  postedBy,
  ...card
}: Row): Omit<Row, "applications" | "organisation" | "postedBy"> &
  Pick<NeedCard, "organisation" | "postedBy" | "_count"> {
  return {
    ...card,
    organisation: organisation && {
      ...organisation,
      verifiedAt: dateOrNull(organisation.verifiedAt),
      povertyVillageAt: dateOrNull(organisation.povertyVillageAt),
    },
    postedBy: { ...postedBy, verifiedAt: dateOrNull(postedBy.verifiedAt) },
    _count: { applications },
  };
}

/**
 * The public list: published, not hidden, filtered and sorted, 20 a page. The busiest read of the
 * site, so it is one statement of SQL (page and total, one round trip) rather than Prisma's model
 * query, which cost three times the CPU for the same rows (bench/reads.ts, docs/decisions/044);
 * the rows have the shape NEED_CARD_SELECT gives, which tests/integration/needs-list-sql.test.ts
 * checks against the model query.
 */
export async function listNeeds(filters: NeedFilters) {
  const { items, total } = readNeedsPage(await db.$queryRaw(needsPageQuery(filters)));
  return { items, total, page: filters.page, pages: Math.max(1, Math.ceil(total / NEEDS_PER_PAGE)) };
}

/** Cards for the given ids, in the given order (search results keep the engine's ranking). */
export async function getNeedCards(ids: readonly string[]): Promise<NeedCard[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<NeedCardRow[]>`
    SELECT ${CARD_COLUMNS} FROM ${CARD_FROM}
    WHERE n.id = ANY(${[...ids]}) AND n."hiddenAt" IS NULL AND n."invitationOnly" = false`;
  const byId = new Map(rows.map((row) => [row.id, toNeedCard(row)]));
  return ids.map((id) => byId.get(id)).filter((row): row is NeedCard => row !== undefined);
}

export const NEED_DETAIL_SELECT = {
  ...NEED_CARD_SELECT,
  description: true,
  productName: true,
  origin: true,
  story: true,
  brandServices: true,
  invitationOnly: true,
  organisationId: true,
  postedById: true,
  hiddenAt: true,
  hiddenReason: true,
  createdAt: true,
  photos: {
    orderBy: { sortOrder: "asc" },
    select: { uploadId: true, upload: { select: { width: true, height: true } } },
  },
} as const satisfies Prisma.NeedSelect;

export type NeedDetail = Prisma.NeedGetPayload<{ select: typeof NEED_DETAIL_SELECT }>;

interface NeedDetailRow extends NeedCardRow {
  description: string;
  productName: string | null;
  origin: string | null;
  story: string | null;
  brandServices: NeedDetail["brandServices"];
  invitationOnly: boolean;
  organisationId: string | null;
  postedById: string;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  createdAt: Date;
  allPhotos: NeedDetail["photos"];
}

/**
 * A need with everything its page shows (`detailSelect`'s shape), in one statement: the page of a
 * need is a fifth of what a crowd asks for, and Prisma's model query took five statements
 * (docs/decisions/044; tests/integration/needs-list-sql.test.ts compares the two).
 */
export async function findNeedDetail(needId: string): Promise<NeedDetail | null> {
  const [row] = await db.$queryRaw<NeedDetailRow[]>`
    SELECT ${CARD_COLUMNS}, n.description, n."productName", n.origin, n.story,
      n."brandServices"::text[] AS "brandServices", n."invitationOnly", n."organisationId",
      n."postedById", n."hiddenAt", n."hiddenReason", n."createdAt",
      coalesce((SELECT json_agg(json_build_object('uploadId', p."uploadId",
          'upload', json_build_object('width', up.width, 'height', up.height)) ORDER BY p."sortOrder")
        FROM "NeedPhoto" p JOIN "Upload" up ON up.id = p."uploadId" WHERE p."needId" = n.id), '[]') AS "allPhotos"
    FROM ${CARD_FROM}
    WHERE n.id = ${needId}`;
  if (!row) return null;
  const { allPhotos, ...rest } = row;
  return { ...toNeedCard(rest), photos: allPhotos };
}

/**
 * A need as the viewer may see it: drafts only to those who manage it, hidden needs only to
 * them and to bureau staff; everyone else gets 404, as if it did not exist.
 */
export async function getNeedForViewer(needId: string, viewer: Actor | null) {
  const need = await findNeedDetail(needId);
  if (!need) throw new DomainError("need.not_found");
  const manages = viewer ? canManageNeed(viewer, need) : false;
  const moderates = can(viewer, "content.moderate");
  if (need.status === "DRAFT" && !manages) throw new DomainError("need.not_found");
  if (need.hiddenAt && !manages && !moderates) throw new DomainError("need.not_found");
  if (need.invitationOnly && !manages && !(await mayViewInvitationOnly(need, viewer)))
    throw new DomainError("need.not_found");
  return { need, manages, moderates };
}

/**
 * Who sees an invitation-only need besides those who manage it: its organisation's members, the
 * experts invited to it (or who applied through an invitation) and bureau staff.
 */
async function mayViewInvitationOnly(
  need: { id: string; organisationId: string | null },
  viewer: Actor | null,
): Promise<boolean> {
  if (!viewer) return false;
  if (can(viewer, "content.moderate") || rolesOf(viewer).has("BUREAU")) return true;
  if (need.organisationId && viewer.memberships.some((m) => m.organisationId === need.organisationId))
    return true;
  const invited = await db.needInvitation.count({ where: { needId: need.id, expertId: viewer.id } });
  return invited > 0;
}

export async function getNeedForEdit(needId: string, actor: Actor) {
  const need = await findNeedDetail(needId);
  if (!need) throw new DomainError("need.not_found");
  if (!canManageNeed(actor, need)) throw new DomainError("need.forbidden");
  return need;
}
