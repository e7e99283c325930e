import { listingActions } from "~/modules/listings/listing-action.server";
import { listingEdit } from "~/modules/listings/listing-form-action.server";
import { SERVICE_LISTING } from "~/modules/listings/listing-kinds";
import type { Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { listingAuditColumns } from "~/modules/listings/listing-columns";
import {
  listingLifecycle,
  type ListingWriteOptions,
  type RequestMeta,
} from "~/modules/listings/lifecycle.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { ServiceActionSchema, ServiceFormSchema, type ServiceFields } from "./spaces.schema";
import { ownsService } from "./spaces.queries.server";

/*
 * A space's services: create, edit, publish, withdraw, hide and unhide. The read models are in
 * spaces.queries.server.ts and the state tables in spaces.states.ts; callers keep importing from here.
 */

export type { RequestMeta } from "~/modules/listings/lifecycle.server";

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
  ...listingAuditColumns,
  category: true,
  industries: true,
  free: true,
  turnaroundDays: true,
} as const;

type ServiceRow = Prisma.SpaceServiceGetPayload<{ select: typeof auditSelect }>;

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

const services = listingLifecycle<ServiceRow, ReturnType<typeof fieldsData>>({
  table: "SpaceService",
  prefix: "service",
  index: "services",
  find: (tx, serviceId) => tx.spaceService.findUnique({ where: { id: serviceId }, select: auditSelect }),
  update: (tx, serviceId, data) =>
    tx.spaceService.update({ where: { id: serviceId }, data, select: auditSelect }),
  owns: ownsService,
  async assertPublishable(tx, service) {
    // Publishing needs the bureau's verification of the space; drafts do not.
    const space = await tx.organisation.findUnique({
      where: { id: service.organisationId },
      select: { verifiedAt: true },
    });
    if (!space?.verifiedAt) throw new DomainError("service.space_not_verified");
  },
  // Every account that runs the space is told, and whoever posted the service.
  async hiddenNotices(tx, service, reason) {
    const managers = await tx.membership.findMany({
      where: { organisationId: service.organisationId, role: "SPACE" },
      select: { userId: true },
    });
    const recipients = new Set([...managers.map((membership) => membership.userId), service.postedById]);
    return [...recipients].map((userId) => ({
      userId,
      type: "service.hidden" as const,
      params: { service: service.title, reason },
      href: `/services/${service.id}`,
    }));
  },
});

/** Creates a service as a draft, or publishes it at once when asked (all or nothing). */
export async function createService(
  actor: Actor,
  fields: ServiceFields,
  options: ListingWriteOptions = {},
  meta: RequestMeta = {},
) {
  if (!can(actor, "space.manageServices")) throw new DomainError("service.forbidden");
  return services.create(
    actor,
    async (tx) => {
      const organisationId = await resolveSpace(tx, actor, fields.organisationId || undefined);
      return tx.spaceService.create({
        data: { ...fieldsData(fields), organisationId, postedById: actor.id, status: "DRAFT" },
        select: auditSelect,
      });
    },
    options,
    meta,
  );
}

/** Saves new content; the status stays unless `publish` moves a draft or withdrawn service live. The space never changes. */
export function updateService(
  actor: Actor,
  serviceId: string,
  fields: ServiceFields,
  options: ListingWriteOptions = {},
  meta: RequestMeta = {},
) {
  return services.update(actor, serviceId, fieldsData(fields), options, meta);
}

/** The owner publishes, withdraws or re-publishes a service. */
export function changeServiceStatus(
  actor: Actor,
  serviceId: string,
  to: "PUBLISHED" | "WITHDRAWN",
  meta: RequestMeta = {},
) {
  return services.changeStatus(actor, serviceId, to, meta);
}

export const publishService = services.publish;
export const withdrawService = services.withdraw;
/** The bureau takes a published service out of sight, with a reason every account of the space is told. */
export const hideService = services.hide;
export const unhideService = services.unhide;

export { SERVICE_TRANSITIONS } from "./spaces.states";
/** What a service's page posts (publish, withdraw, hide, unhide), for the shared listing action. */
export const SERVICE_ACTIONS = listingActions(SERVICE_LISTING, ServiceActionSchema, services);

/** What the service's edit form saves. The space never changes; a posted organisationId is ignored. */
export const SERVICE_EDIT = listingEdit(SERVICE_LISTING, ServiceFormSchema, updateService);

export * from "./spaces.queries.server";
