import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { ServiceStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { markForIndexing } from "~/modules/indexing/outbox.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import type { ServiceFields } from "./spaces.schema";
import { SERVICE_TRANSITIONS } from "./spaces.states";
import { ownsService } from "./spaces.queries.server";

/*
 * A space's services: create, edit, publish, withdraw, hide and unhide. The read models are in
 * spaces.queries.server.ts and the state tables in spaces.states.ts; callers keep importing from here.
 */

export interface RequestMeta {
  ip?: string | null;
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

export { SERVICE_TRANSITIONS } from "./spaces.states";
export {
  SERVICES_PER_PAGE,
  getServiceCards,
  getServiceDetail,
  getServiceForEdit,
  getSpaceOptions,
  listMyServices,
  listServices,
  listServicesOfSpace,
  managesSpace,
  ownsService,
  type ServiceCard,
  type ServiceDetail,
} from "./spaces.queries.server";
