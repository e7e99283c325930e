import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { listingCardColumns } from "~/modules/listings/listing-columns";
import { listingForOwner, listingForViewer, type ListingReader } from "~/modules/listings/listing-access";
import { isOpenToOthers } from "~/modules/listings/listing-kinds";
import { can, type Actor } from "~/modules/users/permissions";
import type { ServiceFilters } from "./spaces.schema";

/* Services as people find and read them: the selects, who manages a space, the pages and the lists. */

export const SERVICES_PER_PAGE = 20;

const cardSelect = {
  ...listingCardColumns,
  category: true,
  industries: true,
  free: true,
  turnaroundDays: true,
  organisation: { select: { id: true, name: true, nameEn: true, verifiedAt: true } },
} as const;

const detailSelect = {
  ...cardSelect,
  description: true,
  organisationId: true,
  postedById: true,
  hiddenAt: true,
  hiddenReason: true,
  updatedAt: true,
} as const;

export type ServiceCard = Prisma.SpaceServiceGetPayload<{ select: typeof cardSelect }>;
export type ServiceDetail = Prisma.SpaceServiceGetPayload<{ select: typeof detailSelect }>;

/** Whether the actor runs this space: a member of the organisation with the SPACE role. */
export function managesSpace(actor: Actor | null | undefined, organisationId: string): boolean {
  return Boolean(
    actor?.memberships.some(
      (membership) => membership.organisationId === organisationId && membership.role === "SPACE",
    ),
  );
}

/** A service belongs to its space; every SPACE account of that space may manage it. */
export function ownsService(actor: Actor | null | undefined, service: { organisationId: string }): boolean {
  return managesSpace(actor, service.organisationId);
}

/** How the service's pages read it (see listing-access.ts). */
const SERVICE_READER: ListingReader<ServiceDetail> = {
  prefix: "service",
  find: (serviceId) => db.spaceService.findUnique({ where: { id: serviceId }, select: detailSelect }),
  owns: ownsService,
};

/** The spaces the actor may post services for, for the form's "which space" choice. */
export async function getSpaceOptions(actor: Actor) {
  const ids = actor.memberships
    .filter(
      (membership) =>
        membership.role === "SPACE" &&
        can(actor, "space.manageServices", { organisationId: membership.organisationId }),
    )
    .map((membership) => membership.organisationId);
  return db.organisation.findMany({
    where: { id: { in: ids }, type: "STAR_SPACE" },
    select: { id: true, name: true, verifiedAt: true },
    orderBy: { name: "asc" },
  });
}

/** A service's page for this viewer (see listingForViewer), with what the viewer may do there. */
export async function getServiceDetail(viewer: Actor | null, serviceId: string) {
  const {
    listing: service,
    isOwner,
    canModerate,
  } = await listingForViewer(viewer, serviceId, SERVICE_READER);
  // Villages and farmers ask for a live service through its request form.
  const canRequest = can(viewer, "service.request") && isOpenToOthers(service, isOwner);
  return { service, isOwner, canModerate, canRequest };
}

/** The service as its space edits it; anyone else is refused. */
export function getServiceForEdit(actor: Actor, serviceId: string) {
  return listingForOwner(actor, serviceId, SERVICE_READER);
}

function orderFor(sort: ServiceFilters["sort"]): Prisma.SpaceServiceOrderByWithRelationInput[] {
  // Free services are the cheapest; "to be agreed" comes last; ties go to the newest.
  if (sort === "price_asc") {
    return [
      { free: "desc" },
      { priceMinFen: { sort: "asc", nulls: "last" } },
      { priceMaxFen: { sort: "asc", nulls: "last" } },
      { publishedAt: "desc" },
      { id: "asc" },
    ];
  }
  return [{ publishedAt: "desc" }, { id: "asc" }];
}

const visible = { status: "PUBLISHED", hiddenAt: null } as const;

/** Published, visible services matching the filters: one page of cards and the total count. */
export async function listServices(filters: Partial<ServiceFilters> = {}) {
  const page = Math.max(1, Math.trunc(filters.page ?? 1));
  const conditions: Prisma.SpaceServiceWhereInput[] = [visible];
  if (filters.category) conditions.push({ category: filters.category });
  if (filters.county) conditions.push({ countiesServed: { has: filters.county } });
  // No industries means the service suits any industry.
  if (filters.industry)
    conditions.push({ OR: [{ industries: { has: filters.industry } }, { industries: { isEmpty: true } }] });
  if (filters.free) conditions.push({ free: true });
  if (filters.verified) conditions.push({ organisation: { verifiedAt: { not: null } } });
  if (filters.q) {
    const contains = { contains: filters.q, mode: "insensitive" } as const;
    conditions.push({
      OR: [{ title: contains }, { description: contains }, { organisation: { name: contains } }],
    });
  }
  const where: Prisma.SpaceServiceWhereInput = { AND: conditions };
  const [services, total] = await Promise.all([
    db.spaceService.findMany({
      where,
      select: cardSelect,
      orderBy: orderFor(filters.sort ?? "newest"),
      skip: (page - 1) * SERVICES_PER_PAGE,
      take: SERVICES_PER_PAGE,
    }),
    db.spaceService.count({ where }),
  ]);
  return { services, total, page, pageCount: Math.max(1, Math.ceil(total / SERVICES_PER_PAGE)) };
}

/** Published services' full records for the given ids, in the given order (the API's list). */
export function getPublishedServices(ids: readonly string[]): Promise<ServiceDetail[]> {
  return visibleInOrder(ids, detailSelect);
}

/** Where a published, visible service stands, for lists that page through them by key. */
export const visibleServices: Prisma.SpaceServiceWhereInput = visible;

/** Cards for the given ids, in the given order (search results keep the engine's ranking). */
export function getServiceCards(ids: readonly string[]): Promise<ServiceCard[]> {
  return visibleInOrder(ids, cardSelect);
}

/** The visible services among `ids`, read with `select`, in the order of `ids`. */
async function visibleInOrder<S extends Prisma.SpaceServiceSelect & { id: true }>(
  ids: readonly string[],
  select: S,
): Promise<Prisma.SpaceServiceGetPayload<{ select: S }>[]> {
  if (ids.length === 0) return [];
  const rows = (await db.spaceService.findMany({
    where: { id: { in: [...ids] }, ...visible },
    select,
  })) as Prisma.SpaceServiceGetPayload<{ select: S }>[];
  const byId = new Map(rows.map((row) => [(row as { id: string }).id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

const listSelect = { ...cardSelect, hiddenAt: true, hiddenReason: true, updatedAt: true } as const;

/** A space's services for its page: published ones, or every state for the space's own accounts. */
export function listServicesOfSpace(organisationId: string, includeDrafts: boolean) {
  return db.spaceService.findMany({
    where: { organisationId, ...(includeDrafts ? {} : visible) },
    select: listSelect,
    orderBy: includeDrafts
      ? [{ updatedAt: "desc" }, { id: "asc" }]
      : [{ publishedAt: "desc" }, { id: "asc" }],
    take: 100,
  });
}

/** Every service of every space the actor runs, in any state, for their workspace: newest change first. */
export function listMyServices(actor: Actor) {
  const spaceIds = actor.memberships
    .filter((membership) => membership.role === "SPACE")
    .map((membership) => membership.organisationId);
  return db.spaceService.findMany({
    where: { organisationId: { in: spaceIds } },
    select: listSelect,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 100,
  });
}
