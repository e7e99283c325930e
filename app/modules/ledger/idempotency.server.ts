import { createHash } from "node:crypto";
import type { Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/utils/errors";
import { IdempotencyKeySchema } from "./ledger.schema";

/** JSON with sorted keys, so the same request always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export interface IdempotencyInput {
  actorId: string;
  key: string;
  /** What the request does, e.g. "milestone.fund"; part of the request's identity. */
  scope: string;
  /** The request's parameters (ids, amounts): a replay must carry the same. */
  request: unknown;
}

/**
 * Runs a money-moving action once per key, inside the caller's transaction. The key row is
 * inserted first: a concurrent request with the same key waits on it (unique index) and then
 * finds the first result. A replay returns that result; the same key with other parameters is
 * refused. If the action fails, the transaction rolls back with the key, so a retry runs anew.
 */
export async function idempotent<T extends Prisma.InputJsonValue>(
  tx: Tx,
  input: IdempotencyInput,
  run: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  const key = IdempotencyKeySchema.safeParse(input.key);
  if (!key.success) throw new DomainError("idempotency.key_invalid");
  const requestHash = sha256(canonicalJson({ scope: input.scope, request: input.request }));
  const inserted = await tx.$executeRaw`
    INSERT INTO "IdempotencyKey" ("actorId", key, scope, "requestHash", result, "createdAt")
    VALUES (${input.actorId}, ${key.data}, ${input.scope}, ${requestHash}, 'null'::jsonb, now())
    ON CONFLICT ("actorId", key) DO NOTHING`;
  if (inserted === 0) {
    const existing = await tx.idempotencyKey.findUniqueOrThrow({
      where: { actorId_key: { actorId: input.actorId, key: key.data } },
      select: { requestHash: true, result: true },
    });
    if (existing.requestHash !== requestHash) throw new DomainError("idempotency.key_reused");
    return { result: existing.result as T, replayed: true };
  }
  const result = await run();
  await tx.idempotencyKey.update({
    where: { actorId_key: { actorId: input.actorId, key: key.data } },
    data: { result },
  });
  return { result, replayed: false };
}
