import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { secureCookies } from "~/utils/cookie-security.server";
import type { Role } from "~/generated/prisma/enums";
import { singleton } from "~/utils/singleton.server";
import type { RequestMeta } from "~/utils/request.server";

// lastSeenAt drives the staff idle timeout, so it must be fresh to the minute; once a minute is
// still far fewer writes than one per request.
const TOUCH_INTERVAL_MS = 60 * 1000;
const STAFF_ROLES: ReadonlySet<Role> = new Set(["BUREAU", "COUNTY", "FINANCE", "ADMIN"]);

/** Bureau and admin accounts (by primary role or an organisation role) time out when idle. */
function isStaff(user: { primaryRole: Role; memberships: { role: Role }[] }): boolean {
  return (
    STAFF_ROLES.has(user.primaryRole) ||
    user.memberships.some((membership) => STAFF_ROLES.has(membership.role))
  );
}

export interface SessionUser {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  primaryRole: Role;
  countyCode: string | null;
  memberships: { organisationId: string; role: Role }[];
}

function sessionCookie() {
  const env = getEnv();
  const secret = env.SESSION_SECRET;
  if (!secret) throw new Error("SESSION_SECRET is not set: the server sets it before handling requests");
  const secure = secureCookies();
  return singleton(`session-cookie:${secret}:${secure}`, () =>
    createCookie("xk_session", {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/",
      secrets: [secret],
      maxAge: env.SESSION_TTL_DAYS * 24 * 60 * 60,
    }),
  );
}

export async function readSessionId(cookieHeader: string | null | undefined): Promise<string | null> {
  if (!cookieHeader) return null;
  const value: unknown = await sessionCookie().parse(cookieHeader);
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function serializeSessionCookie(sessionId: string): Promise<string> {
  return sessionCookie().serialize(sessionId);
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

export async function createSession(userId: string, meta: RequestMeta): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const ttlMs = getEnv().SESSION_TTL_DAYS * 24 * 60 * 60 * 1000;
  await db.session.create({
    data: {
      id,
      userId,
      expiresAt: new Date(Date.now() + ttlMs),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
    select: { id: true },
  });
  return id;
}

/**
 * The user behind a session id, or null when the session is unknown, expired, or a staff session
 * left idle longer than STAFF_IDLE_MINUTES (such a session is deleted: logging in again is needed).
 */
export async function getSessionUser(sessionId: string): Promise<SessionUser | null> {
  // One statement, asked on every signed-in request: the session, its user and the user's
  // memberships (three statements one after another as Prisma relation reads).
  const [session] = await db.$queryRaw<
    {
      expiresAt: Date;
      lastSeenAt: Date;
      user: Omit<SessionUser, "memberships">;
      memberships: SessionUser["memberships"];
    }[]
  >`
    SELECT s."expiresAt", s."lastSeenAt",
      json_build_object('id', u.id, 'displayName', u."displayName", 'email', u.email, 'phone', u.phone,
        'primaryRole', u."primaryRole", 'countyCode', u."countyCode") AS "user",
      coalesce((SELECT json_agg(json_build_object('organisationId', m."organisationId", 'role', m.role) ORDER BY m."organisationId")
        FROM "Membership" m WHERE m."userId" = u.id), '[]'::json) AS memberships
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${sessionId}`;
  if (!session) return null;
  const now = Date.now();
  const idleLimitMs = getEnv().STAFF_IDLE_MINUTES * 60 * 1000;
  const user: SessionUser = { ...session.user, memberships: session.memberships };
  const idleStaff = isStaff(user) && now - session.lastSeenAt.getTime() > idleLimitMs;
  if (session.expiresAt.getTime() <= now || idleStaff) {
    await db.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    // One statement (Prisma's updateMany is BEGIN, UPDATE, COMMIT): most signed-in requests of a
    // phone that comes back after a minute touch the session.
    await db.$executeRaw`UPDATE "Session" SET "lastSeenAt" = ${new Date(now)} WHERE id = ${sessionId}`;
  }
  return user;
}

export async function getUserFromCookie(
  cookieHeader: string | null | undefined,
): Promise<SessionUser | null> {
  const sessionId = await readSessionId(cookieHeader);
  return sessionId ? getSessionUser(sessionId) : null;
}

export async function destroySession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}
