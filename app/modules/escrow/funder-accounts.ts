import type { Role } from "~/generated/prisma/enums";
import { can, type Actor } from "~/modules/users/permissions";

/** Who may pay from an organisation's wallet: its paying-side members (as for an agreement's payer). */
const ORG_PAYING_ROLES: readonly Role[] = ["VILLAGE", "FARMER", "INSTITUTION"];

export type FunderAccount =
  { kind: "org"; id: string } | { kind: "user"; id: string } | { kind: "programme"; id: string };

/** A payer's ledger account id ("wallet:org:<id>", "wallet:user:<id>", "programme:<id>") read back; null for any other account. */
export function parseFunderAccount(accountId: string): FunderAccount | null {
  const match = /^(wallet:org|wallet:user|programme):([A-Za-z0-9_-]{1,100})$/.exec(accountId);
  if (!match) return null;
  const kind = match[1] === "wallet:org" ? "org" : match[1] === "wallet:user" ? "user" : "programme";
  return { kind, id: match[2]! };
}

/**
 * Whether the actor may move money out of a payer's account into escrow: a paying-side member of
 * the organisation, the person whose wallet it is, or programme staff for a programme's co-pay.
 */
export function mayFundFrom(actor: Actor, accountId: string): boolean {
  const account = parseFunderAccount(accountId);
  if (!account) return false;
  if (account.kind === "org")
    return actor.memberships.some(
      (m) => m.organisationId === account.id && ORG_PAYING_ROLES.includes(m.role),
    );
  if (account.kind === "user") return actor.id === account.id;
  return can(actor, "programme.manage");
}

export { ORG_PAYING_ROLES };
