import { createHash, randomBytes } from "node:crypto";
import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import type { Actor } from "~/modules/users/permissions";
import type { SessionUser } from "~/modules/users/session.server";
import { DomainError } from "~/utils/errors";
import { isScope, type Scope } from "./scopes";

const TOKEN_PREFIX = "xk_";
const TOUCH_INTERVAL_MS = 60_000;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const listSelect = {
  id: true,
  name: true,
  scopes: true,
  prefix: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
} as const;

/** A new token: the secret is returned once and only its hash is kept. */
export async function createToken(
  actor: Actor,
  input: { name: string; scopes: Scope[]; expiresInDays?: number },
) {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        userId: actor.id,
        name: input.name,
        scopes: [...new Set(input.scopes)],
        tokenHash: hashToken(token),
        prefix: token.slice(0, 9),
        expiresAt,
      },
      select: listSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "apiToken.created",
      subjectType: "ApiToken",
      subjectId: created.id,
      after: { name: created.name, scopes: created.scopes },
    });
    return created;
  });
  return { token, row };
}

export function listTokens(userId: string) {
  return db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: listSelect });
}

export async function revokeToken(actor: Actor, tokenId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({
      where: { id: tokenId },
      select: { userId: true, revokedAt: true },
    });
    if (!token || token.userId !== actor.id) throw new DomainError("api.not_found");
    if (token.revokedAt) return;
    await tx.apiToken.update({
      where: { id: tokenId },
      data: { revokedAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "apiToken.revoked",
      subjectType: "ApiToken",
      subjectId: tokenId,
    });
  });
}

const actorSelect = {
  id: true,
  displayName: true,
  email: true,
  phone: true,
  primaryRole: true,
  countyCode: true,
  memberships: { select: { organisationId: true, role: true } },
} as const;

export interface ApiAuth {
  actor: SessionUser;
  /** The token's scopes, or "session" for a logged-in browser (all scopes; roles still decide). */
  scopes: Scope[] | "session";
  /** Rate-limit bucket: the token, else the caller's address. */
  tokenId: string | null;
}

/**
 * Who is calling: a Bearer token when one is sent (a bad one is refused, never downgraded to the
 * cookie), else the session cookie, else nobody.
 */
export async function authenticateApi(request: Request): Promise<ApiAuth | null> {
  const header = request.headers.get("authorization");
  if (!header) {
    const user = await getOptionalUser(request);
    return user ? { actor: user, scopes: "session", tokenId: null } : null;
  }
  const match = /^Bearer\s+(xk_[A-Za-z0-9_-]+)$/.exec(header.trim());
  if (!match) throw new DomainError("api.unauthorized");
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]!) },
    select: { id: true, userId: true, scopes: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
  const now = Date.now();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now))
    throw new DomainError("api.unauthorized");
  // One write a minute at most: a busy integration should not turn every read into a write.
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  const actor = await db.user.findUniqueOrThrow({ where: { id: row.userId }, select: actorSelect });
  return { actor, scopes: row.scopes.filter(isScope), tokenId: row.id };
}
