import type { Db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { hashPassword } from "~/modules/users/password.server";
import { normaliseIdentifier } from "~/modules/users/users.schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";

/**
 * On an empty database: one verified account per role, so a visitor can try every side of the
 * platform. Skipped as soon as any user exists.
 */
export async function seedDemoData(db: Db): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const verifiedAt = new Date();
  await db.$transaction(async (tx) => {
    const organisations = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const identifier = normaliseIdentifier(account.login);
      if (!identifier) throw new Error(`demo login ${account.login} is not a valid identifier`);
      const user = await tx.user.create({
        data: {
          [identifier.kind]: identifier.value,
          displayName: account.displayName,
          passwordHash,
          primaryRole: account.role,
          countyCode: account.countyCode ?? account.organisation?.countyCode ?? null,
        },
        select: { id: true },
      });
      if (account.organisation) {
        const { key, ...organisation } = account.organisation;
        const created = await tx.organisation.create({ data: { ...organisation, verifiedAt }, select: { id: true } });
        organisations.set(key, created.id);
        await tx.membership.create({ data: { userId: user.id, organisationId: created.id, role: account.role } });
      }
      // The farmer belongs to the cooperative; the expert works at the university.
      const joins = { FARMER: "coop", EXPERT: "university" } as const;
      const joinKey = account.role in joins ? joins[account.role as keyof typeof joins] : undefined;
      const joinId = joinKey && organisations.get(joinKey);
      if (joinId) await tx.membership.create({ data: { userId: user.id, organisationId: joinId, role: account.role } });
      await recordAudit(tx, { actorId: null, action: "demo.seeded", subjectType: "User", subjectId: user.id });
    }
  });
  return true;
}
