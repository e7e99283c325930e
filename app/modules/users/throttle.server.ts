import { db } from "~/db.server";
import { DomainError } from "~/utils/errors";
import { blockedFor, limiter } from "~/utils/rate-limiter.server";

/**
 * The one guard for every place a password is checked (login, change password, signing): the
 * rule is docs/decisions/029-password-guessing.md. Failures are counted per (account, address),
 * per address and per account; each count past its free allowance makes the next attempt from
 * there wait, the wait doubling with every further failure. Nothing is locked outright: an
 * address with no failures of its own, or a device the owner logged in from before, is at most
 * slowed, so a guesser cannot keep the owner out.
 */
export const FREE_FAILURES_PER_PAIR = 3;
export const FREE_FAILURES_PER_IP = 20;
/** Failures per account per hour (from all addresses) past which unknown devices are slowed. */
export const ACCOUNT_CEILING = 100;
export const FIRST_WAIT_SECONDS = 5;
export const MAX_WAIT_SECONDS = 15 * 60;
export const ACCOUNT_SLOW_SECONDS = 30;

const HOUR = 60 * 60;
const counters = {
  pair: () => failureCounter("pw-pair", 24 * HOUR),
  ip: () => failureCounter("pw-ip", HOUR),
  account: () => failureCounter("pw-account", HOUR),
};
// A key here is "blocked" (waiting) until its block runs out; rate-limiter-flexible's block().
const waits = () => limiter({ name: "pw-wait", points: 1, durationSeconds: 1, sharedWithoutRedis: true });

function failureCounter(name: string, durationSeconds: number) {
  return limiter({ name, points: 1_000_000, durationSeconds, sharedWithoutRedis: true });
}

export interface PasswordAttempt {
  /** The account's user id, or `unknown:<identifier>` when a login names no account. */
  accountKey: string;
  ip: string;
  /** The browser carries the signed cookie of an earlier login to this account. */
  knownDevice?: boolean;
}

const pairKey = (attempt: PasswordAttempt) => `${attempt.accountKey}@${attempt.ip}`;

/** The wait after `failures` failures with `free` of them allowed: 0, then 5 s, 10 s, 20 s … 15 min. */
export function waitSeconds(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (failures - free - 1));
}

/** Refuses the attempt while any of its waits runs, naming the seconds left. */
export async function assertPasswordAttemptAllowed(attempt: PasswordAttempt): Promise<void> {
  const keys = [`pair:${pairKey(attempt)}`, `ip:${attempt.ip}`];
  if (!attempt.knownDevice) keys.push(`account:${attempt.accountKey}`);
  const left = await Promise.all(keys.map((key) => blockedFor(waits(), key)));
  const wait = Math.max(...left);
  if (wait > 0) throw new DomainError("auth.throttled", { seconds: Math.ceil(wait / 1000) });
}

async function recordFailure(attempt: PasswordAttempt): Promise<void> {
  const [pair, ip, account] = await Promise.all([
    counters.pair().penalty(pairKey(attempt), 1),
    counters.ip().penalty(attempt.ip, 1),
    counters.account().penalty(attempt.accountKey, 1),
  ]);
  const blocks: [string, number][] = [
    [`pair:${pairKey(attempt)}`, waitSeconds(pair.consumedPoints, FREE_FAILURES_PER_PAIR)],
    [`ip:${attempt.ip}`, waitSeconds(ip.consumedPoints, FREE_FAILURES_PER_IP)],
    [`account:${attempt.accountKey}`, account.consumedPoints > ACCOUNT_CEILING ? ACCOUNT_SLOW_SECONDS : 0],
  ];
  await Promise.all(
    blocks.filter(([, seconds]) => seconds > 0).map(([key, seconds]) => waits().block(key, seconds)),
  );
}

/**
 * Checks a password under the guard: refuses while a wait runs (DomainError auth.throttled,
 * 429), otherwise runs `verify` and counts its answer. A success clears the failures of this
 * account from this address; the address's and the account's own counts run out with time.
 */
export async function checkPassword(
  attempt: PasswordAttempt,
  verify: () => Promise<boolean>,
): Promise<boolean> {
  await assertPasswordAttemptAllowed(attempt);
  const valid = await verify();
  if (valid) await counters.pair().delete(pairKey(attempt));
  else await recordFailure(attempt);
  return valid;
}

/** Every login attempt is also a LoginAttempt row: who tried to get into an account, and from where. */
export async function recordLoginAttempt(identifier: string, ip: string, succeeded: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { identifier, ip, succeeded }, select: { id: true } });
}
