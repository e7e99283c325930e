import { db } from "~/db.server";
import { DomainError } from "~/utils/errors";
import { blockedFor, count, limiter } from "~/utils/rate-limiter.server";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

const failuresByAccount = () =>
  limiter({
    name: "login-account",
    points: MAX_FAILURES_PER_ACCOUNT,
    durationSeconds: THROTTLE_WINDOW_MS / 1000,
    sharedWithoutRedis: true,
  });
const failuresByIp = () =>
  limiter({
    name: "login-ip",
    points: MAX_FAILURES_PER_IP,
    durationSeconds: THROTTLE_WINDOW_MS / 1000,
    sharedWithoutRedis: true,
  });

/**
 * Refuses a login when the account, or the address it comes from, failed too often within the
 * window (counted by rate-limiter-flexible in PostgreSQL, or in Redis when RATE_LIMIT_STORE=redis,
 * so that every app process shares the count).
 */
export async function assertLoginAllowed(identifier: string, ip: string): Promise<void> {
  const waits = await Promise.all([
    blockedFor(failuresByAccount(), identifier),
    blockedFor(failuresByIp(), ip),
  ]);
  const wait = Math.max(...waits);
  if (wait === 0) return;
  throw new DomainError("auth.throttled", { minutes: Math.max(1, Math.ceil(wait / 60_000)) });
}

/**
 * Counts a failure against the account and the address; a success clears the account's earlier
 * failures. Every attempt is also kept as a LoginAttempt row: the record to read when someone
 * asks who tried to get into an account, and from where.
 */
export async function recordLoginAttempt(identifier: string, ip: string, succeeded: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { identifier, ip, succeeded }, select: { id: true } });
  if (succeeded) await failuresByAccount().delete(identifier);
  else await Promise.all([count(failuresByAccount(), identifier), count(failuresByIp(), ip)]);
}
