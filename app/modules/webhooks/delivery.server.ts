import { createHmac, timingSafeEqual } from "node:crypto";
import type { Logger } from "pino";
import { db } from "~/db.server";
import { assertDeliverableUrl } from "./webhooks.server";
import { startPeriodicJob } from "~/utils/periodic-job.server";
import { assertTransition } from "~/utils/state-machine";
import { WEBHOOK_DELIVERY_TRANSITIONS } from "./webhooks.states";

export const BATCH_SIZE = 20;
export const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Wait after the 1st, 2nd, … failed attempt; after the 8th the delivery is FAILED. */
const BACKOFF_MS = [30_000, 2 * MINUTE, 10 * MINUTE, HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR];

export function backoffMs(attempts: number): number {
  return BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!;
}

function hmac(secret: string, timestamp: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
}

/** The `XiangKe-Signature` header value: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. */
export function signatureHeader(secret: string, rawBody: string, now = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, rawBody)}`;
}

/**
 * For receivers: true when `header` (XiangKe-Signature) signs exactly `rawBody` (the bytes as
 * received, before any JSON parsing) with `secret`, and was made within `toleranceSeconds` of
 * `now` — the timestamp is signed too, so an old request cannot be replayed by a third party.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  rawBody: string,
  toleranceSeconds = 300,
  now = new Date(),
): boolean {
  const parts = new Map(
    (header ?? "").split(",").map((part) => part.trim().split("=", 2) as [string, string]),
  );
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(hmac(secret, timestamp, rawBody), "hex"));
}

type Due = {
  id: string;
  event: string;
  payload: unknown;
  attempts: number;
  createdAt: Date;
  url: string;
  secret: string;
};

async function send(
  delivery: Due,
  now: Date,
  fetchImpl: typeof fetch,
): Promise<{ ok: boolean; statusCode: number | null; error: string | null }> {
  const body = JSON.stringify({
    id: delivery.id,
    event: delivery.event,
    occurredAt: occurredAt(delivery),
    data: delivery.payload,
  });
  try {
    // Checked again at every attempt: a name that pointed to a public address at registration
    // may point into the private network now (DNS rebinding).
    await assertDeliverableUrl(delivery.url);
    const response = await fetchImpl(delivery.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "XiangKe-Event": delivery.event,
        "XiangKe-Delivery": delivery.id,
        "XiangKe-Signature": signatureHeader(delivery.secret, body, now),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
    };
  }
}

function occurredAt(delivery: Due): string {
  const data = delivery.payload as { occurredAt?: unknown } | null;
  return typeof data?.occurredAt === "string" ? data.occurredAt : delivery.createdAt.toISOString();
}

/**
 * Sends up to one batch of due deliveries. Each is claimed with `FOR UPDATE SKIP LOCKED` inside
 * a short transaction that also pushes its next attempt time forward, so a second process (or an
 * overlapping run) skips it, and a crash mid-send just means it is tried again later. The HTTP
 * call happens outside any transaction; the outcome is written after it.
 */
export async function deliverDue(
  now = new Date(),
  fetchImpl: typeof fetch = fetch,
): Promise<{ delivered: number; failed: number; retrying: number }> {
  const claimed = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT d.id FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId"
      WHERE d.status = 'PENDING' AND d."nextAttemptAt" <= ${now} AND e.active
      ORDER BY d."nextAttemptAt" LIMIT ${BATCH_SIZE} FOR UPDATE OF d SKIP LOCKED`;
    const ids = rows.map((row) => row.id);
    // A lease: if this process dies while sending, the deliveries come due again in a minute.
    await tx.webhookDelivery.updateMany({
      where: { id: { in: ids } },
      data: { nextAttemptAt: new Date(now.getTime() + TIMEOUT_MS + MINUTE) },
    });
    return tx.webhookDelivery.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        event: true,
        payload: true,
        status: true,
        attempts: true,
        createdAt: true,
        endpoint: { select: { url: true, secret: true } },
      },
    });
  });
  const outcome = { delivered: 0, failed: 0, retrying: 0 };
  await Promise.all(
    claimed.map(async ({ endpoint, ...delivery }) => {
      const result = await send({ ...delivery, ...endpoint }, now, fetchImpl);
      const attempts = delivery.attempts + 1;
      const common = { attempts, lastStatusCode: result.statusCode, lastError: result.error };
      if (result.ok) {
        assertTransition(
          WEBHOOK_DELIVERY_TRANSITIONS,
          delivery.status,
          "DELIVERED",
          "webhooks.invalid_transition",
        );
        outcome.delivered++;
        await db.webhookDelivery.update({
          where: { id: delivery.id },
          data: { ...common, status: "DELIVERED", deliveredAt: new Date() },
          select: { id: true },
        });
      } else if (attempts >= MAX_ATTEMPTS) {
        assertTransition(
          WEBHOOK_DELIVERY_TRANSITIONS,
          delivery.status,
          "FAILED",
          "webhooks.invalid_transition",
        );
        outcome.failed++;
        await db.webhookDelivery.update({
          where: { id: delivery.id },
          data: { ...common, status: "FAILED" },
          select: { id: true },
        });
      } else {
        outcome.retrying++;
        await db.webhookDelivery.update({
          where: { id: delivery.id },
          data: { ...common, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) },
          select: { id: true },
        });
      }
    }),
  );
  return outcome;
}

/** Sends due deliveries every 15 s (the state is in the database, so a restart loses nothing). */
export function startWebhookJobs(log: Logger, intervalMs = 15_000): () => Promise<void> {
  return startPeriodicJob(
    () =>
      deliverDue()
        .then(({ delivered, failed }) => {
          if (delivered > 0 || failed > 0) log.info({ delivered, failed }, "webhooks delivered");
        })
        .catch((error: unknown) => log.error({ err: error }, "webhook delivery job failed")),
    intervalMs,
    { runAtStart: false },
  );
}
