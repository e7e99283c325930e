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

/** The list's two statements for these filters: one page of card rows, and the total. */
export function needsPageQueries(filters: NeedFilters): { page: Prisma.Sql; count: Prisma.Sql } {
  const where = publishedSql(filters);
  return {
    page: Prisma.sql`
      SELECT n.id, n.kind::text AS kind, n.title, n.industry, n."countyCode", n.village,
        n."budgetMinFen", n."budgetMaxFen", n.urgency::text AS urgency,
        n.arrangements::text[] AS arrangements, n.deadline, n.status::text AS status, n."publishedAt",
        CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name,
          'verifiedAt', o."verifiedAt", 'povertyVillageAt', o."povertyVillageAt") END AS organisation,
        json_build_object('id', u.id, 'displayName', u."displayName", 'verifiedAt', u."verifiedAt") AS "postedBy",
        coalesce((SELECT json_agg(json_build_object('uploadId', p."uploadId"))
          FROM (SELECT "uploadId" FROM "NeedPhoto" WHERE "needId" = n.id ORDER BY "sortOrder" LIMIT 1) p),
          '[]') AS photos,
        (SELECT count(*)::int FROM "Application" a WHERE a."needId" = n.id) AS applications
      FROM "Need" n
      LEFT JOIN "Organisation" o ON o.id = n."organisationId"
      JOIN "User" u ON u.id = n."postedById"
      WHERE ${where}
      ORDER BY ${ORDER_SQL[filters.sort]}
      LIMIT ${NEEDS_PER_PAGE} OFFSET ${(filters.page - 1) * NEEDS_PER_PAGE}`,
    count: Prisma.sql`SELECT count(*)::int AS total FROM "Need" n WHERE ${where}`,
  };
}

/** A row of `needsPageQueries().page` as the card Prisma's select would give (JSON dates read back). */
export function toNeedCard({ applications, organisation, postedBy, ...card }: NeedCardRow): NeedCard {
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
 * site, so it is one statement of SQL rather than Prisma's model query, which cost three times
 * the CPU for the same rows (bench/reads.ts, docs/decisions/044); the rows have the shape
 * NEED_CARD_SELECT gives, which tests/integration/needs-list-sql.test.ts checks against the model query.
 */
export async function listNeeds(filters: NeedFilters) {
  const queries = needsPageQueries(filters);
  const [rows, [{ total }]] = await db.$transaction([
    db.$queryRaw<NeedCardRow[]>(queries.page),
    db.$queryRaw<{ total: number }[]>(queries.count),
  ]);
  const items = rows.map(toNeedCard);
  return { items, total, page: filters.page, pages: Math.max(1, Math.ceil(total / NEEDS_PER_PAGE)) };
}

/** Cards for the given ids, in the given order (search results keep the engine's ranking). */
export async function getNeedCards(ids: readonly string[]): Promise<NeedCard[]> {
  if (ids.length === 0) return [];
  const rows = await db.need.findMany({
    where: { id: { in: [...ids] }, hiddenAt: null, invitationOnly: false },
    select: NEED_CARD_SELECT,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is NeedCard => row !== undefined);
}

const detailSelect = {
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

/**
 * A need as the viewer may see it: drafts only to those who manage it, hidden needs only to
 * them and to bureau staff; everyone else gets 404, as if it did not exist.
 */
export async function getNeedForViewer(needId: string, viewer: Actor | null) {
  const need = await db.need.findUnique({ where: { id: needId }, select: detailSelect });
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
  const need = await db.need.findUnique({ where: { id: needId }, select: detailSelect });
  if (!need) throw new DomainError("need.not_found");
  if (!canManageNeed(actor, need)) throw new DomainError("need.forbidden");
  return need;
}
