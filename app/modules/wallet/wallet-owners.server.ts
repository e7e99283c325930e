import { db, type Tx } from "~/db.server";
import { walletHref } from "./wallet-links";
import type { Role } from "~/generated/prisma/enums";
import { formatMoney } from "~/i18n/format";
import type { Owner } from "~/modules/ledger/ledger.server";
import { createNotifications, type NewNotification } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";

/** Organisation roles whose members hold the organisation's wallet (deposit notices, withdrawals). */
export const WALLET_MANAGING_ROLES: readonly Role[] = ["VILLAGE", "INSTITUTION", "SPACE"];

/** The owner a wallet account id names, or null when the id is not a wallet's. */
export function parseWalletId(accountId: string): Owner | null {
  const match = /^wallet:(user|org):([\w-]{1,64})$/.exec(accountId);
  if (!match) return null;
  return match[1] === "user" ? { userId: match[2]! } : { organisationId: match[2]! };
}

/** A person holds their own wallet and the wallets of organisations they manage. */
export function canManageWallet(actor: Actor, accountId: string): boolean {
  const owner = parseWalletId(accountId);
  if (!owner) return false;
  if ("userId" in owner) return owner.userId === actor.id;
  return actor.memberships.some(
    (m) => m.organisationId === owner.organisationId && WALLET_MANAGING_ROLES.includes(m.role),
  );
}

/** Statements are seen by the wallet's holders, finance staff, and the bureau (read-only). */
export function canViewAccount(actor: Actor, accountId: string): boolean {
  return canManageWallet(actor, accountId) || can(actor, "finance.manage") || can(actor, "finance.read");
}

export function ownerFields(owner: Owner) {
  return "userId" in owner ? { userId: owner.userId } : { organisationId: owner.organisationId };
}

export async function ownerExists(owner: Owner, client: Tx = db): Promise<boolean> {
  if ("userId" in owner)
    return Boolean(await client.user.findUnique({ where: { id: owner.userId }, select: { id: true } }));
  return Boolean(
    await client.organisation.findUnique({ where: { id: owner.organisationId }, select: { id: true } }),
  );
}

/** Who hears about money arriving in or leaving a wallet. */
async function walletHolders(tx: Tx, owner: Owner): Promise<string[]> {
  if ("userId" in owner) return [owner.userId];
  const members = await tx.membership.findMany({
    where: { organisationId: owner.organisationId, role: { in: [...WALLET_MANAGING_ROLES] } },
    select: { userId: true },
  });
  return members.map((member) => member.userId);
}

export async function notifyHolders(
  tx: Tx,
  owner: Owner,
  accountId: string,
  notification: Omit<NewNotification, "userId" | "href">,
) {
  const holders = await walletHolders(tx, owner);
  return createNotifications(
    tx,
    holders.map((userId) => ({ ...notification, userId, href: walletHref(accountId) })),
  );
}

// Notification texts are stored once and read in either language; "¥1,234.50" reads in both.
export const moneyText = (fen: number) => formatMoney("en", fen);
