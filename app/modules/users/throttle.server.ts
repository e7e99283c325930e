import { db } from "~/db.server";
import { DomainError } from "~/utils/errors";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

/**
 * Refuses a login when the account, or the address it comes from, failed too often within the
 * window. Counting rows in PostgreSQL keeps the limit shared by every app instance.
 */
export async function assertLoginAllowed(identifier: string, ip: string, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  // A successful login clears the account's earlier failures.
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { identifier, succeeded: true, createdAt: { gt: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  const accountSince = lastSuccess?.createdAt ?? since;
  const [byAccount, byIp] = await Promise.all([
    db.loginAttempt.findMany({
      where: { identifier, succeeded: false, createdAt: { gt: accountSince } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      take: MAX_FAILURES_PER_ACCOUNT,
    }),
    db.loginAttempt.findMany({
      where: { ip, succeeded: false, createdAt: { gt: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      take: MAX_FAILURES_PER_IP,
    }),
  ]);
  const blocking = [
    byAccount.length >= MAX_FAILURES_PER_ACCOUNT ? byAccount.at(-1) : undefined,
    byIp.length >= MAX_FAILURES_PER_IP ? byIp.at(-1) : undefined,
  ].filter((attempt) => attempt !== undefined);
  if (blocking.length === 0) return;
  const unblockAt = Math.max(...blocking.map((attempt) => attempt.createdAt.getTime() + THROTTLE_WINDOW_MS));
  const minutes = Math.max(1, Math.ceil((unblockAt - now.getTime()) / 60_000));
  throw new DomainError("auth.throttled", { minutes });
}

export async function recordLoginAttempt(identifier: string, ip: string, succeeded: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { identifier, ip, succeeded }, select: { id: true } });
}
