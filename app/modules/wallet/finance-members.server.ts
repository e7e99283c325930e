import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import type { FinancePermissionInput } from "./wallet.schema";

/*
 * 财务权限: an organisation's money is handled only by the members its administrator (the member
 * who registered it) names. They see its wallet and statement and ask for its withdrawals.
 */

async function assertAdministrator(actor: Actor, organisationId: string) {
  const membership = await db.membership.findUnique({
    where: { userId_organisationId: { userId: actor.id, organisationId } },
    select: { administrator: true },
  });
  if (!membership) throw new DomainError("wallet.not_a_member");
  if (!membership.administrator) throw new DomainError("wallet.not_administrator");
}

/** The organisation and its members, each with whether they hold the finance permission (administrator only). */
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
      user: { select: { displayName: true } },
    },
  });
  return {
    organisation,
    members: members.map((member) => ({
      userId: member.userId,
      displayName: member.user.displayName,
      role: member.role,
      administrator: member.administrator,
      finance: member.financeGrantedAt !== null,
    })),
  };
}

/** The administrator grants or revokes one member's finance permission; audited. */
export async function grantFinance(
  actor: Actor,
  organisationId: string,
  input: FinancePermissionInput,
  meta: RequestMeta = {},
) {
  await assertAdministrator(actor, organisationId);
  return db.$transaction(async (tx) => {
    const member = await tx.membership.findUnique({
      where: { userId_organisationId: { userId: input.userId, organisationId } },
      select: { financeGrantedAt: true },
    });
    if (!member) throw new DomainError("wallet.not_a_member");
    const before = member.financeGrantedAt !== null;
    if (before !== input.granted) {
      await tx.membership.update({
        where: { userId_organisationId: { userId: input.userId, organisationId } },
        data: input.granted
          ? { financeGrantedAt: new Date(), financeGrantedById: actor.id }
          : { financeGrantedAt: null, financeGrantedById: null },
        select: { userId: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: input.granted ? "organisation.finance_granted" : "organisation.finance_revoked",
        subjectType: "Organisation",
        subjectId: organisationId,
        before: { userId: input.userId, finance: before },
        after: { userId: input.userId, finance: input.granted },
        ip: meta.ip,
      });
    }
    return { userId: input.userId, finance: input.granted };
  });
}
