import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import type { RecoveryChannel } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { mailConfigured, sendMail } from "~/modules/outbound/mail.server";
import { smsProvider } from "~/modules/outbound/sms.server";
import { hashPassword } from "~/modules/users/password.server";
import type { LoginInput } from "~/modules/users/users.schema";
import { DomainError } from "~/utils/errors";
import { blockedFor, count, limiter } from "~/utils/rate-limiter.server";
import { CODE_TTL_MINUTES, type ResetPasswordInput } from "./recovery.schema";

/**
 * Password recovery by an e-mail link, a text-message code or a code an administrator hands over
 * (assisted.server.ts). Codes are random, kept only as an HMAC, spent once, expire after
 * CODE_TTL_MINUTES, and a reset ends every session of the account. Asking for a reset answers
 * the same whether or not the account exists.
 */
export { CODE_TTL_MINUTES };
export const MAX_CODES_PER_ACCOUNT = 3;
export const MAX_REQUESTS_PER_IP = 10;
export const MAX_CODE_FAILURES_PER_ACCOUNT = 5;
export const MAX_CODE_FAILURES_PER_IP = 20;

const WINDOW_SECONDS = CODE_TTL_MINUTES * 60;
const shared = (name: string, points: number, durationSeconds: number) =>
  limiter({ name, points, durationSeconds, sharedWithoutRedis: true });
const limits = {
  codesPerAccount: () => shared("reset-issue-account", MAX_CODES_PER_ACCOUNT, WINDOW_SECONDS),
  requestsPerIp: () => shared("reset-issue-ip", MAX_REQUESTS_PER_IP, 60 * 60),
  failuresPerAccount: () => shared("reset-code-account", MAX_CODE_FAILURES_PER_ACCOUNT, WINDOW_SECONDS),
  failuresPerIp: () => shared("reset-code-ip", MAX_CODE_FAILURES_PER_IP, 60 * 60),
};

type Identifier = LoginInput["identifier"];

function secret(): string {
  const value = getEnv().SESSION_SECRET;
  if (!value) throw new Error("SESSION_SECRET is not set: the server sets it before handling requests");
  return value;
}

export function codeHash(subject: string, code: string): string {
  return createHmac("sha256", secret()).update(`${subject}:${code}`).digest("hex");
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function newDigits(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, "0");
}

async function throttle(limit: ReturnType<typeof shared>, key: string): Promise<void> {
  const wait = await blockedFor(limit, key);
  if (wait > 0)
    throw new DomainError("recovery.throttled", { minutes: Math.max(1, Math.ceil(wait / 60_000)) });
}

function findUser(identifier: Identifier) {
  return db.user.findUnique({
    where: identifier.kind === "phone" ? { phone: identifier.value } : { email: identifier.value },
    select: { id: true, phone: true, email: true, primaryRole: true, displayName: true },
  });
}

/** Stores a new code (its HMAC) for the account; earlier unspent codes of the channel end. */
export async function storeCode(input: {
  userId: string;
  channel: RecoveryChannel;
  hash: string;
  issuedById?: string;
  now?: Date;
}): Promise<Date> {
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000);
  await db.$transaction([
    db.recoveryCode.updateMany({
      where: { userId: input.userId, channel: input.channel, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    }),
    db.recoveryCode.create({
      data: {
        userId: input.userId,
        channel: input.channel,
        codeHash: input.hash,
        issuedById: input.issuedById ?? null,
        expiresAt,
      },
      select: { id: true },
    }),
  ]);
  return expiresAt;
}

/**
 * Sends a reset link (e-mail) or code (text message) when the account exists. The answer never
 * says whether it does: an unknown account, one that asked too often, or an e-mail account while
 * no SMTP server is configured all return as a sent message does. Only the address's own limit is
 * told, since it does not depend on the account.
 */
export async function requestPasswordReset(
  identifier: Identifier,
  meta: { ip: string; origin: string },
): Promise<void> {
  await throttle(limits.requestsPerIp(), meta.ip);
  await count(limits.requestsPerIp(), meta.ip);
  const user = await findUser(identifier);
  if (!user) return;
  if ((await count(limits.codesPerAccount(), user.id)) > MAX_CODES_PER_ACCOUNT) return;
  const channel: RecoveryChannel = identifier.kind === "email" ? "EMAIL" : "SMS";
  if (channel === "EMAIL" && !mailConfigured()) {
    console.warn("password reset by e-mail asked for, but no SMTP server is configured");
    return;
  }
  try {
    if (channel === "EMAIL") {
      const token = randomBytes(32).toString("base64url");
      await storeCode({ userId: user.id, channel, hash: codeHash("link", token) });
      const link = `${meta.origin}/reset-password?token=${token}`;
      await sendMail({
        to: identifier.value,
        subject: "乡科：重设密码 / XiangKe: reset your password",
        text: [
          `${user.displayName}，您好：`,
          `请在 ${CODE_TTL_MINUTES} 分钟内打开下面的链接重设密码；如果不是您本人操作，请忽略本邮件。`,
          link,
          "",
          `To reset your XiangKe password, open the link above within ${CODE_TTL_MINUTES} minutes.`,
          "If you did not ask for it, ignore this message.",
        ].join("\n"),
      });
    } else {
      const code = newDigits(6);
      await storeCode({ userId: user.id, channel, hash: codeHash(user.id, code) });
      await smsProvider().sendCode({ phone: identifier.value, code, minutes: CODE_TTL_MINUTES });
    }
  } catch (error) {
    // The person sees the usual answer and may ask again; the operator sees why nothing arrived.
    console.warn(`password reset ${channel} could not be sent`, error);
    return;
  }
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: user.id,
      action: "user.password_reset_requested",
      subjectType: "User",
      subjectId: user.id,
      after: { channel },
      ip: meta.ip,
    }),
  );
}

/** The unspent, unexpired code the input names, or a refusal (counted against account and address). */
async function findCode(input: ResetPasswordInput, ip: string, now: Date) {
  await throttle(limits.failuresPerIp(), ip);
  if (input.method === "link") {
    const hash = codeHash("link", input.token);
    const found = await db.recoveryCode.findFirst({
      where: { codeHash: hash, channel: "EMAIL", usedAt: null, expiresAt: { gt: now } },
      select: { id: true, userId: true, channel: true },
    });
    if (found) return found;
    await count(limits.failuresPerIp(), ip);
    throw new DomainError("recovery.link_invalid");
  }
  const accountKey = input.identifier.value;
  await throttle(limits.failuresPerAccount(), accountKey);
  const user = await findUser(input.identifier);
  const candidates = user
    ? await db.recoveryCode.findMany({
        where: {
          userId: user.id,
          channel: { in: ["SMS", "ASSISTED"] },
          usedAt: null,
          expiresAt: { gt: now },
        },
        select: { id: true, userId: true, channel: true, codeHash: true },
      })
    : [];
  const hash = user ? codeHash(user.id, input.code) : "";
  const match = candidates.find((candidate) => sameHash(candidate.codeHash, hash));
  if (match) return match;
  const [failures] = await Promise.all([
    count(limits.failuresPerAccount(), accountKey),
    count(limits.failuresPerIp(), ip),
  ]);
  // Guessing stops being worth it: past the limit every outstanding code of the account ends.
  if (user && failures >= MAX_CODE_FAILURES_PER_ACCOUNT) {
    await db.recoveryCode.updateMany({
      where: { userId: user.id, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
  }
  throw new DomainError("recovery.code_invalid");
}

/**
 * Sets a new password with a code or link: the code is spent (once, even when two requests race),
 * every other outstanding code of the account ends, and so does every session.
 */
export async function resetPassword(input: ResetPasswordInput, meta: { ip: string }): Promise<void> {
  const now = new Date();
  const code = await findCode(input, meta.ip, now);
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    const spent = await tx.recoveryCode.updateMany({
      where: { id: code.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (spent.count !== 1)
      throw new DomainError(input.method === "link" ? "recovery.link_invalid" : "recovery.code_invalid");
    await tx.recoveryCode.updateMany({
      where: { userId: code.userId, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    await tx.user.update({
      where: { id: code.userId },
      data: { passwordHash, passwordChangedAt: now },
      select: { id: true },
    });
    await tx.session.deleteMany({ where: { userId: code.userId } });
    await recordAudit(tx, {
      actorId: code.userId,
      action: "user.password_reset",
      subjectType: "User",
      subjectId: code.userId,
      after: { channel: code.channel },
      ip: meta.ip,
    });
  });
}

export { findUser as findRecoveryUser };
