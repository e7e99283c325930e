import { randomBytes } from "node:crypto";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Actor } from "~/modules/users/permissions";
import { WALLET_MANAGING_ROLES } from "~/modules/wallet/wallet.server";
import { DomainError } from "~/utils/errors";
import { WEBHOOK_EVENT_SCHEMAS, type WebhookEvent, type WebhookPayload } from "./events";
import type { RegisterEndpointInput } from "./webhooks.schema";
import type { RequestMeta } from "~/utils/request.server";

const MAX_ENDPOINTS = 10;
export const DELIVERIES_PAGE_SIZE = 20;

/** The same people who hold an organisation's wallet manage where its events are sent. */
export function managesWebhooks(actor: Actor | null | undefined, organisationId: string): boolean {
  return Boolean(
    actor?.memberships.some(
      (m) => m.organisationId === organisationId && WALLET_MANAGING_ROLES.includes(m.role),
    ),
  );
}

function assertManages(actor: Actor, organisationId: string) {
  if (!managesWebhooks(actor, organisationId)) throw new DomainError("webhooks.forbidden");
}

const newSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Loopback, RFC 1918, CGNAT, link-local (cloud metadata lives there) and IPv6 local ranges. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(ip) === 4) {
    const [a = 0, b = 0] = ip.split(".").map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  if (isIP(ip) === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
    if (mapped) return isPrivateAddress(mapped[1]!);
    return ip === "::" || ip === "::1" || /^f[cd]/.test(ip) || /^fe[89ab]/.test(ip);
  }
  return false;
}

/**
 * https:// only; plain http:// just to localhost outside production so tests and developers can
 * run a local receiver. In production a host that is, or resolves to, a private address is
 * refused, so a webhook cannot be used to probe the platform's own network.
 */
export async function assertDeliverableUrl(raw: string): Promise<void> {
  if (!URL.canParse(raw)) throw new DomainError("webhooks.insecure_url");
  const url = new URL(raw);
  const production = process.env.NODE_ENV === "production";
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local && !production))
    throw new DomainError("webhooks.insecure_url");
  if (!production) return;
  if (local || isPrivateAddress(url.hostname)) throw new DomainError("webhooks.private_host");
  if (isIP(url.hostname.replace(/^\[|\]$/g, ""))) return;
  const addresses = await lookup(url.hostname, { all: true }).catch(() => []);
  if (addresses.some((a) => isPrivateAddress(a.address))) throw new DomainError("webhooks.private_host");
}

/** Registers an endpoint; the secret is returned here once and never shown again. */
export async function registerEndpoint(
  actor: Actor,
  organisationId: string,
  input: RegisterEndpointInput,
  meta: RequestMeta = {},
): Promise<{ id: string; secret: string }> {
  assertManages(actor, organisationId);
  await assertDeliverableUrl(input.url);
  const events = [...new Set(input.events)];
  return db.$transaction(async (tx) => {
    if ((await tx.webhookEndpoint.count({ where: { organisationId } })) >= MAX_ENDPOINTS)
      throw new DomainError("webhooks.too_many", { max: MAX_ENDPOINTS });
    const secret = newSecret();
    const endpoint = await tx.webhookEndpoint.create({
      data: { organisationId, url: input.url, events, secret, createdById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.registered",
      subjectType: "WebhookEndpoint",
      subjectId: endpoint.id,
      after: { organisationId, url: input.url, events },
      ip: meta.ip,
    });
    return { id: endpoint.id, secret };
  });
}

/** The organisation and its endpoints (without secrets) with their latest deliveries. */
export async function listEndpoints(actor: Actor, organisationId: string, recent = 5) {
  assertManages(actor, organisationId);
  const organisation = await db.organisation.findUnique({
    where: { id: organisationId },
    select: { id: true, name: true },
  });
  if (!organisation) throw new DomainError("webhooks.not_found");
  const endpoints = await db.webhookEndpoint.findMany({
    where: { organisationId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      url: true,
      events: true,
      active: true,
      createdAt: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: recent,
        select: {
          id: true,
          event: true,
          status: true,
          attempts: true,
          lastStatusCode: true,
          lastError: true,
          createdAt: true,
        },
      },
    },
  });
  return { organisation, endpoints };
}

/** Loads an endpoint for a manager of its organisation; `organisationId` guards against ids from another organisation's URL. */
async function managedEndpoint(client: Tx, actor: Actor, endpointId: string, organisationId?: string) {
  const endpoint = await client.webhookEndpoint.findUnique({
    where: { id: endpointId },
    select: { id: true, organisationId: true, url: true, active: true },
  });
  if (!endpoint || (organisationId && endpoint.organisationId !== organisationId))
    throw new DomainError("webhooks.not_found");
  assertManages(actor, endpoint.organisationId);
  return endpoint;
}

export async function setEndpointActive(
  actor: Actor,
  endpointId: string,
  active: boolean,
  organisationId?: string,
  meta: RequestMeta = {},
): Promise<void> {
  await db.$transaction(async (tx) => {
    const endpoint = await managedEndpoint(tx, actor, endpointId, organisationId);
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { active, disabledAt: active ? null : new Date() },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? "webhook.enabled" : "webhook.disabled",
      subjectType: "WebhookEndpoint",
      subjectId: endpoint.id,
      before: { active: endpoint.active },
      after: { active },
      ip: meta.ip,
    });
  });
}

/** A new secret, returned once; deliveries still pending are signed with it from now on. */
export async function rotateSecret(
  actor: Actor,
  endpointId: string,
  organisationId?: string,
  meta: RequestMeta = {},
): Promise<{ secret: string }> {
  return db.$transaction(async (tx) => {
    const endpoint = await managedEndpoint(tx, actor, endpointId, organisationId);
    const secret = newSecret();
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secret }, select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.secret_rotated",
      subjectType: "WebhookEndpoint",
      subjectId: endpoint.id,
      ip: meta.ip,
    });
    return { secret };
  });
}

export async function deleteEndpoint(
  actor: Actor,
  endpointId: string,
  organisationId?: string,
  meta: RequestMeta = {},
): Promise<void> {
  await db.$transaction(async (tx) => {
    const endpoint = await managedEndpoint(tx, actor, endpointId, organisationId);
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id }, select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.deleted",
      subjectType: "WebhookEndpoint",
      subjectId: endpoint.id,
      before: { organisationId: endpoint.organisationId, url: endpoint.url },
      ip: meta.ip,
    });
  });
}

/** One endpoint's delivery log, newest first, a page at a time. */
export async function listDeliveries(actor: Actor, organisationId: string, endpointId: string, page = 1) {
  const endpoint = await managedEndpoint(db, actor, endpointId, organisationId);
  const where = { endpointId: endpoint.id };
  const [total, deliveries] = await Promise.all([
    db.webhookDelivery.count({ where }),
    db.webhookDelivery.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (Math.max(1, page) - 1) * DELIVERIES_PAGE_SIZE,
      take: DELIVERIES_PAGE_SIZE,
      select: {
        id: true,
        event: true,
        payload: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        lastStatusCode: true,
        lastError: true,
        deliveredAt: true,
        replayOfId: true,
        createdAt: true,
      },
    }),
  ]);
  return { endpoint, deliveries, total, pages: Math.max(1, Math.ceil(total / DELIVERIES_PAGE_SIZE)) };
}

/**
 * Inside the caller's transaction: one delivery per active endpoint of those organisations that
 * subscribed to the event. Being in the same transaction, an event exists only if the change
 * it reports committed. The payload is checked against the event's schema here, so a service
 * that sends a wrong shape fails in its own tests rather than at a receiver.
 */
export async function enqueueEvent<E extends WebhookEvent>(
  tx: Tx,
  input: { organisationIds: (string | null | undefined)[]; event: E; payload: WebhookPayload<E> },
): Promise<number> {
  const organisationIds = [...new Set(input.organisationIds.filter((id): id is string => Boolean(id)))];
  if (organisationIds.length === 0) return 0;
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { organisationId: { in: organisationIds }, active: true, events: { has: input.event } },
    select: { id: true },
  });
  if (endpoints.length === 0) return 0;
  const payload = WEBHOOK_EVENT_SCHEMAS[input.event].parse(input.payload) as Prisma.InputJsonValue;
  const { count } = await tx.webhookDelivery.createMany({
    data: endpoints.map((endpoint) => ({ endpointId: endpoint.id, event: input.event, payload })),
  });
  return count;
}

/**
 * A public event (the ban list): one delivery per active endpoint of any organisation that
 * subscribed to it, in the caller's transaction like enqueueEvent.
 */
export async function enqueuePublicEvent<E extends WebhookEvent>(
  tx: Tx,
  input: { event: E; payload: WebhookPayload<E> },
): Promise<number> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { active: true, events: { has: input.event } },
    select: { id: true },
  });
  if (endpoints.length === 0) return 0;
  const payload = WEBHOOK_EVENT_SCHEMAS[input.event].parse(input.payload) as Prisma.InputJsonValue;
  const { count } = await tx.webhookDelivery.createMany({
    data: endpoints.map((endpoint) => ({ endpointId: endpoint.id, event: input.event, payload })),
  });
  return count;
}

/** Sends a delivery's event again as a new delivery, whatever became of the first. */
export async function replayDelivery(
  actor: Actor,
  deliveryId: string,
  organisationId?: string,
  meta: RequestMeta = {},
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const original = await tx.webhookDelivery.findUnique({
      where: { id: deliveryId },
      select: { id: true, endpointId: true, event: true, payload: true },
    });
    if (!original) throw new DomainError("webhooks.not_found");
    await managedEndpoint(tx, actor, original.endpointId, organisationId);
    const replay = await tx.webhookDelivery.create({
      data: {
        endpointId: original.endpointId,
        event: original.event,
        payload: original.payload as Prisma.InputJsonValue,
        replayOfId: original.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.replayed",
      subjectType: "WebhookDelivery",
      subjectId: replay.id,
      after: { replayOfId: original.id, event: original.event },
      ip: meta.ip,
    });
    return replay;
  });
}
