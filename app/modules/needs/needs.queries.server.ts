import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { can, rolesOf, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { NeedFilters } from "./needs.schema";
import { canManageNeed } from "./needs.server";

export const NEEDS_PER_PAGE = 20;

const cardSelect = {
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

export type NeedCard = Prisma.NeedGetPayload<{ select: typeof cardSelect }>;

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

const ORDER: Record<NeedFilters["sort"], Prisma.NeedOrderByWithRelationInput[]> = {
  newest: [{ publishedAt: "desc" }, { id: "desc" }],
  deadline: [{ deadline: { sort: "asc", nulls: "last" } }, { id: "desc" }],
  budget: [{ budgetMaxFen: { sort: "desc", nulls: "last" } }, { id: "desc" }],
};

/** The public list: published, not hidden, filtered and sorted, 20 a page. */
export async function listNeeds(filters: NeedFilters) {
  const where = publishedWhere(filters);
  const [total, items] = await db.$transaction([
    db.need.count({ where }),
    db.need.findMany({
      where,
      select: cardSelect,
      orderBy: ORDER[filters.sort],
      skip: (filters.page - 1) * NEEDS_PER_PAGE,
      take: NEEDS_PER_PAGE,
    }),
  ]);
  return { items, total, page: filters.page, pages: Math.max(1, Math.ceil(total / NEEDS_PER_PAGE)) };
}

/** Cards for the given ids, in the given order (search results keep the engine's ranking). */
export async function getNeedCards(ids: readonly string[]): Promise<NeedCard[]> {
  if (ids.length === 0) return [];
  const rows = await db.need.findMany({
    where: { id: { in: [...ids] }, hiddenAt: null, invitationOnly: false },
    select: cardSelect,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is NeedCard => row !== undefined);
}

const detailSelect = {
  ...cardSelect,
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
