import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import type { OfficerRole } from "./counties.schema";

/*
 * Decisions (a newcomer will ask):
 * - An officer role replaces the account's primary role; the grant row keeps the role and county it
 *   replaced, and revoking puts them back. Organisation memberships are untouched.
 * - Revoking also ends every session of the person: the role change already takes effect on their
 *   next request (sessions read the role from the database), and a fresh login makes it plain.
 * - Accounts made officers before this page (the demo accounts) have no grant; they are listed
 *   but cannot be revoked here, because nobody knows what role to give back.
 */

function assertGranter(actor: Actor) {
  if (!can(actor, "officer.grant")) throw new DomainError("counties.forbidden");
}

export interface GrantInput {
  identifier: { kind: "phone" | "email"; value: string };
  role: OfficerRole;
  countyCode?: string;
}

/** Makes an existing account a county officer of one county, or a finance officer. */
export async function grantOfficer(actor: Actor, input: GrantInput, meta: RequestMeta) {
  assertGranter(actor);
  if (input.role === "COUNTY" && !input.countyCode) throw new DomainError("counties.county_required");
  const where =
    input.identifier.kind === "phone" ? { phone: input.identifier.value } : { email: input.identifier.value };
  const found = await db.user.findUnique({ where, select: { id: true, deletedAt: true } });
  if (!found || found.deletedAt) throw new DomainError("counties.user_not_found");
  if (found.id === actor.id) throw new DomainError("counties.not_self");
  return db.$transaction(async (tx) => {
    // The user row's lock orders two grants (or a grant and a revoke) of the same person.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${found.id} FOR UPDATE`;
    const user = await tx.user.findUniqueOrThrow({
      where: { id: found.id },
      select: { id: true, primaryRole: true, countyCode: true, memberships: { select: { role: true } } },
    });
    if (user.primaryRole === "ADMIN") throw new DomainError("counties.not_admin");
    if (user.primaryRole === "BUREAU" || user.memberships.some((m) => m.role === "BUREAU"))
      throw new DomainError("counties.city_staff");
    // An officer who also acts for an organisation would pre-screen, monitor or co-sign its own
    // projects: the officer role goes to a personal account.
    if (user.memberships.length > 0) throw new DomainError("counties.acts_for_organisation");
    const countyCode = input.role === "COUNTY" ? input.countyCode! : user.countyCode;
    const active = await tx.officerGrant.findFirst({
      where: { userId: user.id, revokedAt: null },
      select: { id: true, role: true, countyCode: true },
    });
    // The same grant twice (a double tap) is the first one; anything else is revoked first.
    if (active && active.role === input.role && active.countyCode === countyCode) return active;
    if (active || user.primaryRole === "COUNTY" || user.primaryRole === "FINANCE")
      throw new DomainError("counties.already_officer");
    const grant = await tx.officerGrant.create({
      data: {
        userId: user.id,
        role: input.role,
        countyCode,
        previousRole: user.primaryRole,
        previousCountyCode: user.countyCode,
        grantedById: actor.id,
      },
      select: { id: true, role: true, countyCode: true },
    });
    await tx.user.update({
      where: { id: user.id },
      data: { primaryRole: input.role, countyCode },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "officer.granted",
      subjectType: "User",
      subjectId: user.id,
      before: { primaryRole: user.primaryRole, countyCode: user.countyCode },
      after: { primaryRole: input.role, countyCode, grantId: grant.id },
      ip: meta.ip,
    });
    return grant;
  });
}

/** Takes the officer role back: the account returns to the role and county it had, logged out. */
export async function revokeOfficer(actor: Actor, grantId: string, meta: RequestMeta) {
  assertGranter(actor);
  await db.$transaction(async (tx) => {
    const grant = await tx.officerGrant.findUnique({
      where: { id: grantId },
      select: {
        id: true,
        userId: true,
        role: true,
        countyCode: true,
        previousRole: true,
        previousCountyCode: true,
      },
    });
    if (!grant) throw new DomainError("counties.not_found");
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${grant.userId} FOR UPDATE`;
    // Conditional: of two revokes of one grant, the second finds it revoked and stops.
    const { count } = await tx.officerGrant.updateMany({
      where: { id: grant.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: actor.id },
    });
    if (count === 0) throw new DomainError("counties.grant_revoked");
    const user = await tx.user.findUniqueOrThrow({
      where: { id: grant.userId },
      select: { primaryRole: true, countyCode: true },
    });
    const restored = { primaryRole: grant.previousRole, countyCode: grant.previousCountyCode };
    await tx.user.update({ where: { id: grant.userId }, data: restored, select: { id: true } });
    await tx.session.deleteMany({ where: { userId: grant.userId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "officer.revoked",
      subjectType: "User",
      subjectId: grant.userId,
      before: { primaryRole: user.primaryRole, countyCode: user.countyCode, grantId: grant.id },
      after: restored,
      ip: meta.ip,
    });
  });
}

export interface OfficerRow {
  userId: string;
  displayName: string;
  role: OfficerRole;
  countyCode: string | null;
  grantId: string | null;
  grantedAt: Date | null;
}

/** The current county officers (by county) and finance officers, with their grant if any. */
export async function listOfficers(actor: Actor): Promise<OfficerRow[]> {
  assertGranter(actor);
  const users = await db.user.findMany({
    where: { primaryRole: { in: ["COUNTY", "FINANCE"] }, deletedAt: null },
    select: {
      id: true,
      displayName: true,
      primaryRole: true,
      countyCode: true,
      officerGrants: {
        where: { revokedAt: null },
        select: { id: true, grantedAt: true },
        orderBy: { grantedAt: "desc" },
        take: 1,
      },
    },
    orderBy: [{ primaryRole: "asc" }, { countyCode: "asc" }, { displayName: "asc" }],
    take: 500,
  });
  return users.map((user) => ({
    userId: user.id,
    displayName: user.displayName,
    role: user.primaryRole as OfficerRole,
    countyCode: user.primaryRole === "COUNTY" ? user.countyCode : null,
    grantId: user.officerGrants[0]?.id ?? null,
    grantedAt: user.officerGrants[0]?.grantedAt ?? null,
  }));
}
