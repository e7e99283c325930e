import { db, isUniqueViolation, type Tx } from "~/db.server";
import { type Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import { DomainError } from "~/utils/errors";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "./password.server";
import { isOrganisationRole } from "./roles";
import { createSession, destroySession } from "./session.server";
import { checkPassword, recordLoginAttempt } from "./throttle.server";
import type { LoginInput, RegisterInput } from "./users.schema";
import type { RequestMeta } from "~/utils/request.server";

/** Logging in and registering are throttled per address, so the address must be known. */
type AuthRequestMeta = RequestMeta & { ip: string };

/** Creates the account (and, for an organisation role, its unverified organisation) and logs in. */
/**
 * `withUser` runs inside the registration's transaction (the privacy notice consent): a person is
 * never registered without it, nor it recorded for nobody.
 */
export async function registerUser(
  input: RegisterInput,
  meta: AuthRequestMeta,
  withUser: (tx: Tx, userId: string) => Promise<void> = async () => undefined,
) {
  const passwordHash = await hashPassword(input.password);
  const contact =
    input.identifier.kind === "phone" ? { phone: input.identifier.value } : { email: input.identifier.value };
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          ...contact,
          displayName: input.displayName,
          passwordHash,
          primaryRole: input.role,
          countyCode: input.countyCode ?? null,
        },
        select: { id: true, displayName: true, primaryRole: true },
      });
      if (isOrganisationRole(input.role) && input.organisationName && input.organisationType) {
        const organisation = await tx.organisation.create({
          data: {
            name: input.organisationName,
            type: input.organisationType as Prisma.OrganisationCreateInput["type"],
            countyCode: input.countyCode ?? null,
            // Whoever registers the organisation administers it, handles its money and signs for
            // it (once verified as a person) until they grant those permissions to others.
            memberships: {
              create: {
                userId: created.id,
                role: input.role,
                administrator: true,
                financeGrantedAt: new Date(),
                financeGrantedById: created.id,
                signingGrantedAt: new Date(),
                signingGrantedById: created.id,
              },
            },
          },
          select: { id: true, name: true, type: true },
        });
        await recordAudit(tx, {
          actorId: created.id,
          action: "organisation.created",
          subjectType: "Organisation",
          subjectId: organisation.id,
          after: organisation,
          ip: meta.ip,
        });
      }
      await recordAudit(tx, {
        actorId: created.id,
        action: "user.registered",
        subjectType: "User",
        subjectId: created.id,
        after: { primaryRole: created.primaryRole, contact: input.identifier.kind },
        ip: meta.ip,
      });
      await withUser(tx, created.id);
      return created;
    });
    const sessionId = await createSession(user.id, meta);
    return { user, sessionId };
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("auth.identifier_taken");
    throw error;
  }
}

/**
 * Checks the password under the password guard and opens a new session (a new id every login).
 * `knownAccountIds` are the accounts this browser logged in to before (the signed device cookie).
 */
export async function logIn(
  input: Pick<LoginInput, "identifier" | "password">,
  meta: AuthRequestMeta & { knownAccountIds?: string[] },
) {
  const identifier = input.identifier.value;
  const where = input.identifier.kind === "phone" ? { phone: identifier } : { email: identifier };
  const user = await db.user.findUnique({
    where,
    select: { id: true, passwordHash: true, displayName: true },
  });
  const attempt = {
    accountKey: user?.id ?? `unknown:${identifier}`,
    ip: meta.ip,
    knownDevice: Boolean(user && meta.knownAccountIds?.includes(user.id)),
  };
  const valid = await checkPassword(attempt, () =>
    user ? verifyPassword(input.password, user.passwordHash) : verifyAgainstDecoy(input.password),
  );
  await recordLoginAttempt(identifier, meta.ip, valid);
  if (!user || !valid) throw new DomainError("auth.invalid_credentials");
  const sessionId = await createSession(user.id, meta);
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: user.id,
      action: "user.logged_in",
      subjectType: "User",
      subjectId: user.id,
      ip: meta.ip,
    }),
  );
  return { user: { id: user.id, displayName: user.displayName }, sessionId };
}

export async function logOut(sessionId: string, actorId: string, meta: AuthRequestMeta): Promise<void> {
  await destroySession(sessionId);
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId,
      action: "user.logged_out",
      subjectType: "User",
      subjectId: actorId,
      ip: meta.ip,
    }),
  );
}

/** Changes the password and ends every other session of the user, keeping the current one. */
export async function changePassword(
  input: { userId: string; currentSessionId: string; currentPassword: string; newPassword: string },
  meta: AuthRequestMeta,
): Promise<void> {
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { passwordHash: true } });
  if (!user) throw new DomainError("auth.not_found");
  const valid = await checkPassword({ accountKey: input.userId, ip: meta.ip }, () =>
    verifyPassword(input.currentPassword, user.passwordHash),
  );
  if (!valid) {
    throw new DomainError("auth.current_password_wrong");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: input.userId },
      data: { passwordHash, passwordChangedAt: new Date() },
      select: { id: true },
    });
    await tx.session.deleteMany({ where: { userId: input.userId, id: { not: input.currentSessionId } } });
    await recordAudit(tx, {
      actorId: input.userId,
      action: "user.password_changed",
      subjectType: "User",
      subjectId: input.userId,
      ip: meta.ip,
    });
  });
}
