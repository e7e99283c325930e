import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import type { FinancePermissionInput, MemberPermission } from "./wallet.schema";

/*
 * The organisation's member permissions, granted by its administrator (the member who registered
 * it). 财务权限: they see its wallet and statement and ask for its withdrawals. 签约权限: verified
 * members holding it sign agreements for the organisation (agreements.signers.server.ts).
 */

async function assertAdministrator(actor: Actor, organisationId: string) {
  const membership = await db.membership.findUnique({
    where: { userId_organisationId: { userId: actor.id, organisationId } },
    select: { administrator: true },
  });
  if (!membership) throw new DomainError("wallet.not_a_member");
  if (!membership.administrator) throw new DomainError("wallet.not_administrator");
}

/** The organisation and its members, each with the permissions they hold (administrator only). */
export async function listFinanceMembers(actor: Actor, organisationId: string) {
  await assertAdministrator(actor, organisationId);
  const organisation = await db.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    select: { id: true, name: true },
  });
  const members = await db.membership.findMany({
    where: { organisationId },
    orderBy: { createdAt: "asc" },
    select: {
      userId: true,
      role: true,
      administrator: true,
      financeGrantedAt: true,
      signingGrantedAt: true,
      user: { select: { displayName: true, verifiedAt: true } },
    },
  });
  return {
    organisation,
    members: members.map((member) => ({
      userId: member.userId,
      displayName: member.user.displayName,
      role: member.role,
      administrator: member.administrator,
      verified: member.user.verifiedAt !== null,
      finance: member.financeGrantedAt !== null,
      signing: member.signingGrantedAt !== null,
    })),
  };
}

/** The administrator grants or revokes one member's finance or signing permission; audited. */
export async function grantFinance(
  actor: Actor,
  organisationId: string,
  {
    permission = "finance",
    ...input
  }: Omit<FinancePermissionInput, "permission"> & {
    permission?: MemberPermission;
  },
  meta: RequestMeta = {},
) {
  await assertAdministrator(actor, organisationId);
  return db.$transaction(async (tx) => {
    const member = await tx.membership.findUnique({
      where: { userId_organisationId: { userId: input.userId, organisationId } },
      select: { financeGrantedAt: true, signingGrantedAt: true },
    });
    if (!member) throw new DomainError("wallet.not_a_member");
    const signing = permission === "signing";
    const before = (signing ? member.signingGrantedAt : member.financeGrantedAt) !== null;
    if (before !== input.granted) {
      const at = input.granted ? new Date() : null;
      const by = input.granted ? actor.id : null;
      await tx.membership.update({
        where: { userId_organisationId: { userId: input.userId, organisationId } },
        data: signing
          ? { signingGrantedAt: at, signingGrantedById: by }
          : { financeGrantedAt: at, financeGrantedById: by },
        select: { userId: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: `organisation.${permission}_${input.granted ? "granted" : "revoked"}`,
        subjectType: "Organisation",
        subjectId: organisationId,
        before: { userId: input.userId, [permission]: before },
        after: { userId: input.userId, [permission]: input.granted },
        ip: meta.ip,
      });
    }
    return { userId: input.userId, [permission]: input.granted };
  });
}
