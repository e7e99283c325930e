import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { ServiceRequestStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { endOfDayInLuoyang } from "~/utils/dates";
import type { ServiceRequestFields } from "./service-requests.schema";
import { managesSpace, type RequestMeta } from "./spaces.server";
import { REQUEST_TRANSITIONS } from "./spaces.states";

const rowSelect = {
  id: true,
  serviceId: true,
  organisationId: true,
  requesterId: true,
  requesterOrganisationId: true,
  description: true,
  countyCode: true,
  village: true,
  preferredDate: true,
  audienceGroup: true,
  status: true,
  response: true,
  respondedById: true,
  respondedAt: true,
  completedAt: true,
  rating: true,
  feedback: true,
  createdAt: true,
} as const;

type Row = Prisma.ServiceRequestGetPayload<{ select: typeof rowSelect }>;

function snapshot(row: Row): Prisma.InputJsonObject {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    ...row,
    preferredDate: iso(row.preferredDate),
    respondedAt: iso(row.respondedAt),
    completedAt: iso(row.completedAt),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Runs one change to a request under a row lock, audits it and notifies the other side after commit. */
async function change(
  requestId: string,
  action: string,
  actorId: string,
  meta: RequestMeta,
  apply: (
    tx: Tx,
    before: Row,
  ) => Promise<{ after: Row; notify: (context: NotifyContext) => NewNotification[] }>,
) {
  const rows = await db.$transaction(async (tx) => {
    // Two answers to one request run one after the other; the second sees the first's status.
    await tx.$queryRaw`SELECT id FROM "ServiceRequest" WHERE id = ${requestId} FOR UPDATE`;
    const before = await tx.serviceRequest.findUnique({ where: { id: requestId }, select: rowSelect });
    if (!before) throw new DomainError("service_request.not_found");
    const { after, notify } = await apply(tx, before);
    await recordAudit(tx, {
      actorId,
      action,
      subjectType: "ServiceRequest",
      subjectId: requestId,
      before: snapshot(before),
      after: snapshot(after),
      ip: meta.ip,
    });
    return createNotifications(tx, notify(await notifyContext(tx, after)));
  });
  await deliverNotifications(rows);
}

interface NotifyContext {
  service: string;
  space: string;
  requester: string;
  spaceUserIds: string[];
  requesterId: string;
}

async function notifyContext(
  tx: Tx,
  row: Pick<Row, "serviceId" | "organisationId" | "requesterId">,
): Promise<NotifyContext> {
  const [service, space, requester, members] = await Promise.all([
    tx.spaceService.findUniqueOrThrow({ where: { id: row.serviceId }, select: { title: true } }),
    tx.organisation.findUniqueOrThrow({ where: { id: row.organisationId }, select: { name: true } }),
    tx.user.findUniqueOrThrow({ where: { id: row.requesterId }, select: { displayName: true } }),
    tx.membership.findMany({
      where: { organisationId: row.organisationId, role: "SPACE" },
      select: { userId: true },
    }),
  ]);
  return {
    service: service.title,
    space: space.name,
    requester: requester.displayName,
    spaceUserIds: members.map((m) => m.userId),
    requesterId: row.requesterId,
  };
}

const toSpace = (
  context: NotifyContext,
  type: NewNotification["type"],
  params: Record<string, string | number>,
): NewNotification[] =>
  context.spaceUserIds.map((userId) => ({ userId, type, params, href: "/spaces/requests" }));

const toRequester = (
  context: NotifyContext,
  type: NewNotification["type"],
  params: Record<string, string | number>,
): NewNotification[] => [{ userId: context.requesterId, type, params, href: "/requests" }];

/**
 * A village or farmer asks a space for one of its published services. Banned requesters are not
 * stopped: a ban is about taking on funded work, not about asking for advice.
 */
export async function requestService(
  actor: Actor,
  serviceId: string,
  fields: ServiceRequestFields,
  meta: RequestMeta = {},
) {
  if (!can(actor, "service.request")) throw new DomainError("service_request.forbidden");
  if (fields.preferredDate && endOfDayInLuoyang(fields.preferredDate).getTime() <= Date.now())
    throw new DomainError("service_request.preferred_date");
  const description = fields.description.trim();
  if (description.length < 10 || description.length > 2000)
    throw new DomainError("service_request.description");
  const result = await db.$transaction(async (tx) => {
    const service = await tx.spaceService.findUnique({
      where: { id: serviceId },
      select: { status: true, hiddenAt: true, organisationId: true },
    });
    if (!service) throw new DomainError("service_request.not_found");
    if (service.status !== "PUBLISHED" || service.hiddenAt)
      throw new DomainError("service_request.service_unavailable");
    if (managesSpace(actor, service.organisationId)) throw new DomainError("service_request.forbidden");
    const requesterOrganisationId =
      actor.memberships.find((membership) => membership.role === "VILLAGE")?.organisationId ?? null;
    const row = await tx.serviceRequest.create({
      data: {
        serviceId,
        organisationId: service.organisationId,
        requesterId: actor.id,
        requesterOrganisationId,
        description,
        countyCode: fields.countyCode,
        audienceGroup: fields.audienceGroup,
        village: fields.village || null,
        preferredDate: fields.preferredDate ? new Date(`${fields.preferredDate}T00:00:00+08:00`) : null,
      },
      select: rowSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "service_request.submitted",
      subjectType: "ServiceRequest",
      subjectId: row.id,
      after: snapshot(row),
      ip: meta.ip,
    });
    const context = await notifyContext(tx, row);
    const notifications = await createNotifications(
      tx,
      toSpace(context, "service_request.submitted", {
        service: context.service,
        requester: context.requester,
      }),
    );
    return { id: row.id, notifications };
  });
  await deliverNotifications(result.notifications);
  return { id: result.id };
}

function requireSpaceMember(actor: Actor, row: Row) {
  if (
    !managesSpace(actor, row.organisationId) ||
    !can(actor, "space.manageServices", { organisationId: row.organisationId })
  ) {
    throw new DomainError("service_request.forbidden");
  }
}

function requireRequester(actor: Actor, row: Row) {
  if (row.requesterId !== actor.id) throw new DomainError("service_request.forbidden");
}

function move(tx: Tx, row: Row, to: ServiceRequestStatus, data: Prisma.ServiceRequestUpdateInput = {}) {
  assertTransition(REQUEST_TRANSITIONS, row.status, to, "service_request.invalid_transition");
  return tx.serviceRequest.update({
    where: { id: row.id },
    data: { ...data, status: to },
    select: rowSelect,
  });
}

/** The space takes the request on, saying when and who will come. */
export async function acceptRequest(
  actor: Actor,
  requestId: string,
  response: string,
  meta: RequestMeta = {},
) {
  response = response.trim();
  if (response.length < 2 || response.length > 1000) throw new DomainError("service_request.answer_required");
  await change(requestId, "service_request.accepted", actor.id, meta, async (tx, before) => {
    requireSpaceMember(actor, before);
    const after = await move(tx, before, "ACCEPTED", {
      response,
      respondedById: actor.id,
      respondedAt: new Date(),
    });
    return {
      after,
      notify: (c) => toRequester(c, "service_request.accepted", { service: c.service, space: c.space }),
    };
  });
}

/** The space turns the request down, with the reason the requester reads. */
export async function declineRequest(
  actor: Actor,
  requestId: string,
  reason: string,
  meta: RequestMeta = {},
) {
  reason = reason.trim();
  if (reason.length < 2 || reason.length > 500) throw new DomainError("service_request.reason_required");
  await change(requestId, "service_request.declined", actor.id, meta, async (tx, before) => {
    requireSpaceMember(actor, before);
    const after = await move(tx, before, "DECLINED", {
      response: reason,
      respondedById: actor.id,
      respondedAt: new Date(),
    });
    return {
      after,
      notify: (c) =>
        toRequester(c, "service_request.declined", { service: c.service, space: c.space, reason }),
    };
  });
}

/** The space marks the service delivered; the requester may then rate it. */
export async function completeRequest(actor: Actor, requestId: string, meta: RequestMeta = {}) {
  await change(requestId, "service_request.completed", actor.id, meta, async (tx, before) => {
    requireSpaceMember(actor, before);
    const after = await move(tx, before, "COMPLETED", { completedAt: new Date() });
    return {
      after,
      notify: (c) => toRequester(c, "service_request.completed", { service: c.service, space: c.space }),
    };
  });
}

/** The requester calls it off while it is still waiting or accepted. */
export async function cancelRequest(actor: Actor, requestId: string, meta: RequestMeta = {}) {
  await change(requestId, "service_request.cancelled", actor.id, meta, async (tx, before) => {
    requireRequester(actor, before);
    const after = await move(tx, before, "CANCELLED");
    return {
      after,
      notify: (c) => toSpace(c, "service_request.cancelled", { service: c.service, requester: c.requester }),
    };
  });
}

/** The requester rates a completed request once, 1 to 5, with optional words. */
export async function rateRequest(
  actor: Actor,
  requestId: string,
  input: { rating: number; feedback?: string },
  meta: RequestMeta = {},
) {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
    throw new DomainError("service_request.rating_invalid");
  await change(requestId, "service_request.rated", actor.id, meta, async (tx, before) => {
    requireRequester(actor, before);
    if (before.status !== "COMPLETED") throw new DomainError("service_request.not_completed");
    if (before.rating !== null) throw new DomainError("service_request.already_rated");
    const after = await tx.serviceRequest.update({
      where: { id: requestId },
      data: { rating: input.rating, feedback: input.feedback?.trim().slice(0, 1000) || null },
      select: rowSelect,
    });
    return {
      after,
      notify: (c) => toSpace(c, "service_request.rated", { service: c.service, rating: input.rating }),
    };
  });
}

const listSelect = {
  ...rowSelect,
  updatedAt: true,
} as const;

/** Titles, names and people for a page of requests (ServiceRequest has no relations to join). */
async function withNames<T extends Pick<Row, "serviceId" | "organisationId" | "requesterId">>(rows: T[]) {
  const [services, spaces, people] = await Promise.all([
    db.spaceService.findMany({
      where: { id: { in: rows.map((r) => r.serviceId) } },
      select: { id: true, title: true, category: true },
    }),
    db.organisation.findMany({
      where: { id: { in: rows.map((r) => r.organisationId) } },
      select: { id: true, name: true, nameEn: true },
    }),
    db.user.findMany({
      where: { id: { in: rows.map((r) => r.requesterId) } },
      select: { id: true, displayName: true },
    }),
  ]);
  const service = new Map(services.map((s) => [s.id, s]));
  const space = new Map(spaces.map((s) => [s.id, s]));
  const person = new Map(people.map((p) => [p.id, p]));
  return rows.map((row) => ({
    ...row,
    service: service.get(row.serviceId) ?? null,
    space: space.get(row.organisationId) ?? null,
    requester: person.get(row.requesterId) ?? null,
  }));
}

/** The inbox of every space the actor runs: newest first, optionally one status, with counts per status. */
export async function listSpaceInbox(actor: Actor, filter: { status?: ServiceRequestStatus } = {}) {
  const spaceIds = actor.memberships.filter((m) => m.role === "SPACE").map((m) => m.organisationId);
  if (spaceIds.length === 0) throw new DomainError("service_request.forbidden");
  const where: Prisma.ServiceRequestWhereInput = { organisationId: { in: spaceIds } };
  const [rows, groups] = await Promise.all([
    db.serviceRequest.findMany({
      where: { ...where, ...(filter.status ? { status: filter.status } : {}) },
      select: listSelect,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 100,
    }),
    db.serviceRequest.groupBy({ by: ["status"], where, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(groups.map((group) => [group.status, group._count._all])) as Partial<
    Record<ServiceRequestStatus, number>
  >;
  return { requests: await withNames(rows), counts };
}

/** The requester's own requests, newest first. */
export async function listMyRequests(actor: Actor) {
  const rows = await db.serviceRequest.findMany({
    where: { requesterId: actor.id },
    select: listSelect,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 100,
  });
  return withNames(rows);
}

/** The service a request form is for, or "not available" when it cannot be requested now. */
export async function getRequestableService(serviceId: string) {
  const service = await db.spaceService.findUnique({
    where: { id: serviceId },
    select: {
      id: true,
      title: true,
      status: true,
      hiddenAt: true,
      organisation: { select: { id: true, name: true, nameEn: true } },
    },
  });
  if (!service) throw new DomainError("service_request.not_found");
  if (service.status !== "PUBLISHED" || service.hiddenAt)
    throw new DomainError("service_request.service_unavailable");
  return service;
}
