import { db } from "~/db.server";
import type { Role } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { codeHash, findRecoveryUser, newDigits, storeCode } from "./recovery.server";
import type { IssueRecoveryCodeInput } from "./recovery.schema";

const STAFF: ReadonlySet<Role> = new Set(["BUREAU", "COUNTY", "FINANCE", "ADMIN"]);

/** The organisations the actor administers (Membership.administrator). */
async function administeredOrganisations(actorId: string): Promise<string[]> {
  const memberships = await db.membership.findMany({
    where: { userId: actorId, administrator: true },
    select: { organisationId: true },
  });
  return memberships.map((membership) => membership.organisationId);
}

/** Bureau staff, or an administrator of at least one organisation, may hand out reset codes. */
export async function mayIssueRecoveryCodes(actor: Actor): Promise<boolean> {
  return can(actor, "account.recover") || (await administeredOrganisations(actor.id)).length > 0;
}

/**
 * After checking the person's identity (face to face, by a call to the number on file), bureau
 * staff or an administrator of the person's organisation issues a one-time reset code and reads it
 * to them. Staff accounts are reset only by the platform's admins; nobody issues one for
 * themselves. The audit log keeps who issued it, for whom and how identity was checked — never
 * the code.
 */
export async function issueAssistedCode(
  actor: Actor,
  input: IssueRecoveryCodeInput,
  meta: { ip: string },
): Promise<{ code: string; expiresAt: Date; displayName: string }> {
  const target = await findRecoveryUser(input.identifier);
  if (!target) throw new DomainError("recovery.user_not_found");
  if (target.id === actor.id) throw new DomainError("recovery.forbidden");
  const targetRoles = await db.membership.findMany({
    where: { userId: target.id },
    select: { role: true, organisationId: true },
  });
  const targetIsStaff = STAFF.has(target.primaryRole) || targetRoles.some((m) => STAFF.has(m.role));
  const asStaff = can(actor, "account.recover") && (!targetIsStaff || can(actor, "user.manage"));
  const administered = new Set(await administeredOrganisations(actor.id));
  const asAdministrator = !targetIsStaff && targetRoles.some((m) => administered.has(m.organisationId));
  // Unknown and out-of-reach accounts answer alike, so the form cannot probe who is registered.
  if (!asStaff && !asAdministrator) throw new DomainError("recovery.user_not_found");
  const code = newDigits(8);
  const expiresAt = await storeCode({
    userId: target.id,
    channel: "ASSISTED",
    hash: codeHash(target.id, code),
    issuedById: actor.id,
  });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor.id,
      action: "user.recovery_code_issued",
      subjectType: "User",
      subjectId: target.id,
      after: { channel: "ASSISTED", identityCheck: input.identityCheck, expiresAt: expiresAt.toISOString() },
      ip: meta.ip,
    }),
  );
  return { code, expiresAt, displayName: target.displayName };
}
