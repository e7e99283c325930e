import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { ServiceStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { markForIndexing } from "~/modules/indexing/outbox.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition, type Transitions } from "~/utils/state-machine";
import type { ServiceFields, ServiceFilters } from "./spaces.schema";

export const SERVICES_PER_PAGE = 20;

/** The service state machine, as for offers. Every state is editable; editing a published service keeps it published. */
export const SERVICE_TRANSITIONS: Transitions<ServiceStatus> = {
  DRAFT: ["PUBLISHED"],
  PUBLISHED: ["WITHDRAWN"],
  WITHDRAWN: ["PUBLISHED"],
};

export interface RequestMeta {
  ip?: string | null;
}

const cardSelect = {
  id: true,
  category: true,
  title: true,
  industries: true,
  countiesServed: true,
  free: true,
  priceMinFen: true,
  priceMaxFen: true,
  turnaroundDays: true,
  status: true,
  publishedAt: true,
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

/** The space a new service is for: the one named, or the only one the actor runs. */
async function resolveSpace(tx: Tx, actor: Actor, organisationId: string | undefined): Promise<string> {
  const managed = actor.memberships
    .filter((membership) => membership.role === "SPACE")
    .map((membership) => membership.organisationId);
  if (!organisationId) {
    if (managed.length === 0) throw new DomainError("service.forbidden");
    if (managed.length > 1) throw new DomainError("service.space_required");
    organisationId = managed[0]!;
  }
  if (!managed.includes(organisationId) || !can(actor, "space.manageServices", { organisationId })) {
    throw new DomainError("service.not_space_member");
  }
  const space = await tx.organisation.findUnique({ where: { id: organisationId }, select: { type: true } });
  if (space?.type !== "STAR_SPACE") throw new DomainError("service.not_space_member");
  return organisationId;
}

const auditSelect = {
  id: true,
  status: true,
  category: true,
  title: true,
  description: true,
  industries: true,
  countiesServed: true,
  free: true,
  priceMinFen: true,
  priceMaxFen: true,
  turnaroundDays: true,
  organisationId: true,
  postedById: true,
  publishedAt: true,
  hiddenAt: true,
  hiddenReason: true,
} as const;

type AuditRow = Prisma.SpaceServiceGetPayload<{ select: typeof auditSelect }>;

function snapshot(row: AuditRow): Prisma.InputJsonObject {
  return {
    ...row,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    hiddenAt: row.hiddenAt?.toISOString() ?? null,
  };
}

function fieldsData(fields: ServiceFields) {
  return {
    category: fields.category,
    title: fields.title,
    description: fields.description,
    industries: fields.industries,
    countiesServed: fields.countiesServed,
    free: fields.free,
    // A free service has no price, whatever the caller passed.
    priceMinFen: fields.free ? null : fields.priceMinFen,
    priceMaxFen: fields.free ? null : fields.priceMaxFen,
    turnaroundDays: fields.turnaroundDays ?? null,
  };
}

async function loadForChange(tx: Tx, serviceId: string): Promise<AuditRow> {
  // Row lock: two changes to one service run one after the other, each seeing the other's result.
  await tx.$queryRaw`SELECT id FROM "SpaceService" WHERE id = ${serviceId} FOR UPDATE`;
  const service = await tx.spaceService.findUnique({ where: { id: serviceId }, select: auditSelect });
  if (!service) throw new DomainError("service.not_found");
  return service;
}

async function audit(
  tx: Tx,
  actorId: string,
  action: string,
  before: AuditRow | null,
  after: AuditRow,
  meta: RequestMeta,
) {
  await recordAudit(tx, {
    actorId,
    action,
    subjectType: "SpaceService",
    subjectId: after.id,
    before: before ? snapshot(before) : undefined,
    after: snapshot(after),
    ip: meta.ip,
  });
  await markForIndexing(tx, "services", after.id);
}

async function moveTo(
  tx: Tx,
  actorId: string,
  before: AuditRow,
  to: ServiceStatus,
  meta: RequestMeta,
): Promise<AuditRow> {
  assertTransition(SERVICE_TRANSITIONS, before.status, to, "service.invalid_transition");
  if (to === "PUBLISHED") {
    // Publishing needs the bureau's verification of the space; drafts do not.
    const space = await tx.organisation.findUnique({
      where: { id: before.organisationId },
      select: { verifiedAt: true },
    });
    if (!space?.verifiedAt) throw new DomainError("service.space_not_verified");
  }
  const after = await tx.spaceService.update({
    where: { id: before.id },
    data: { status: to, ...(to === "PUBLISHED" ? { publishedAt: new Date() } : {}) },
    select: auditSelect,
  });
  await audit(
    tx,
    actorId,
    to === "PUBLISHED" ? "service.published" : "service.withdrawn",
    before,
    after,
    meta,
  );
  return after;
}

/** Creates a service as a draft, or publishes it at once when asked (all or nothing). */
export async function createService(
  actor: Actor,
  fields: ServiceFields,
  options: { publish?: boolean } = {},
  meta: RequestMeta = {},
) {
  if (!can(actor, "space.manageServices")) throw new DomainError("service.forbidden");
  return db.$transaction(async (tx) => {
    const organisationId = await resolveSpace(tx, actor, fields.organisationId || undefined);
    let service = await tx.spaceService.create({
      data: { ...fieldsData(fields), organisationId, postedById: actor.id, status: "DRAFT" },
      select: auditSelect,
    });
    await audit(tx, actor.id, "service.created", null, service, meta);
    if (options.publish) service = await moveTo(tx, actor.id, service, "PUBLISHED", meta);
    return { id: service.id, status: service.status };
  });
}

/** Saves new content; the status stays unless `publish` moves a draft or withdrawn service live. The space never changes. */
export async function updateService(
  actor: Actor,
  serviceId: string,
  fields: ServiceFields,
  options: { publish?: boolean } = {},
  meta: RequestMeta = {},
) {
  return db.$transaction(async (tx) => {
    const before = await loadForChange(tx, serviceId);
    if (!ownsService(actor, before)) throw new DomainError("service.forbidden");
    let service = await tx.spaceService.update({
      where: { id: serviceId },
      data: fieldsData(fields),
      select: auditSelect,
    });
    await audit(tx, actor.id, "service.updated", before, service, meta);
    if (options.publish && service.status !== "PUBLISHED")
      service = await moveTo(tx, actor.id, service, "PUBLISHED", meta);
    return { id: service.id, status: service.status };
  });
}

/** The owner publishes, withdraws or re-publishes a service. */
export async function changeServiceStatus(
  actor: Actor,
  serviceId: string,
  to: "PUBLISHED" | "WITHDRAWN",
  meta: RequestMeta = {},
) {
  return db.$transaction(async (tx) => {
    const before = await loadForChange(tx, serviceId);
    if (!ownsService(actor, before)) throw new DomainError("service.forbidden");
    const after = await moveTo(tx, actor.id, before, to, meta);
    return { id: after.id, status: after.status };
  });
}

export const publishService = (actor: Actor, serviceId: string, meta: RequestMeta = {}) =>
  changeServiceStatus(actor, serviceId, "PUBLISHED", meta);
export const withdrawService = (actor: Actor, serviceId: string, meta: RequestMeta = {}) =>
  changeServiceStatus(actor, serviceId, "WITHDRAWN", meta);

/** The bureau takes a published service out of sight, with a reason every account of the space is told. */
export async function hideService(actor: Actor, serviceId: string, reason: string, meta: RequestMeta = {}) {
  if (!can(actor, "content.moderate")) throw new DomainError("service.forbidden");
  reason = reason.trim();
  if (reason.length < 2 || reason.length > 500) throw new DomainError("service.reason_required");
  const notifications = await db.$transaction(async (tx) => {
    const before = await loadForChange(tx, serviceId);
    if (before.status !== "PUBLISHED" || before.hiddenAt) throw new DomainError("service.not_hideable");
    const after = await tx.spaceService.update({
      where: { id: serviceId },
      data: { hiddenAt: new Date(), hiddenReason: reason },
      select: auditSelect,
    });
    await audit(tx, actor.id, "service.hidden", before, after, meta);
    const managers = await tx.membership.findMany({
      where: { organisationId: before.organisationId, role: "SPACE" },
      select: { userId: true },
    });
    const recipients = new Set([...managers.map((membership) => membership.userId), before.postedById]);
    return createNotifications(
      tx,
      [...recipients].map((userId) => ({
        userId,
        type: "service.hidden" as const,
        params: { service: before.title, reason },
        href: `/services/${serviceId}`,
      })),
    );
  });
  await deliverNotifications(notifications);
}

export async function unhideService(actor: Actor, serviceId: string, meta: RequestMeta = {}) {
  if (!can(actor, "content.moderate")) throw new DomainError("service.forbidden");
  await db.$transaction(async (tx) => {
    const before = await loadForChange(tx, serviceId);
    if (!before.hiddenAt) throw new DomainError("service.invalid_transition");
    const after = await tx.spaceService.update({
      where: { id: serviceId },
      data: { hiddenAt: null, hiddenReason: null },
      select: auditSelect,
    });
    await audit(tx, actor.id, "service.unhidden", before, after, meta);
  });
}

/**
 * A service's page for this viewer. Drafts are seen by the space only; withdrawn and hidden
 * services by the space and the bureau; everyone else gets "not found", never a hint it exists.
 */
export async function getServiceDetail(viewer: Actor | null, serviceId: string) {
  const service = await db.spaceService.findUnique({ where: { id: serviceId }, select: detailSelect });
  if (!service) throw new DomainError("service.not_found");
  const isOwner = ownsService(viewer, service);
  const canModerate = can(viewer, "content.moderate");
  const isPublic = service.status === "PUBLISHED" && !service.hiddenAt;
  if (!isOwner && !isPublic && !(canModerate && service.status !== "DRAFT"))
    throw new DomainError("service.not_found");
  return { service, isOwner, canModerate };
}

/** The service as its space edits it; anyone else is refused. */
export async function getServiceForEdit(actor: Actor, serviceId: string) {
  const service = await db.spaceService.findUnique({ where: { id: serviceId }, select: detailSelect });
  if (!service) throw new DomainError("service.not_found");
  if (!ownsService(actor, service))
    throw new DomainError(service.status === "DRAFT" ? "service.not_found" : "service.forbidden");
  return service;
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

/** Cards for the given ids, in the given order (search results keep the engine's ranking). */
export async function getServiceCards(ids: readonly string[]): Promise<ServiceCard[]> {
  if (ids.length === 0) return [];
  const rows = await db.spaceService.findMany({
    where: { id: { in: [...ids] }, ...visible },
    select: cardSelect,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is ServiceCard => row !== undefined);
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
