import { db, type Tx } from "~/db.server";
import { walletHref } from "./wallet-links";
import type { Role } from "~/generated/prisma/enums";
import { moneyParam } from "~/i18n/format";
import type { Owner } from "~/modules/ledger/ledger.server";
import { createNotifications, type NewNotification } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";

/** Organisation roles whose members follow the organisation's money (webhooks). */
export const WALLET_MANAGING_ROLES: readonly Role[] = ["VILLAGE", "INSTITUTION", "SPACE"];

/** The owner a wallet account id names, or null when the id is not a wallet's. */
export function parseWalletId(accountId: string): Owner | null {
  const match = /^wallet:(user|org):([\w-]{1,64})$/.exec(accountId);
  if (!match) return null;
  return match[1] === "user" ? { userId: match[2]! } : { organisationId: match[2]! };
}

/**
 * The organisations whose wallet the actor handles: those whose administrator granted them the
 * finance permission (财务权限). Read from the database, not the session, so a revoked grant
 * stops the next request.
 */
export async function financeOrganisationIds(
  actor: Pick<Actor, "id" | "memberships">,
  client: Tx = db,
): Promise<string[]> {
  if (actor.memberships.length === 0) return [];
  const rows = await client.membership.findMany({
    where: { userId: actor.id, financeGrantedAt: { not: null } },
    select: { organisationId: true },
  });
  return rows.map((row) => row.organisationId);
}

/**
 * A person holds their own wallet; an organisation's wallet is held by the members it granted
 * the finance permission, and by no one else — not even its other members.
 */
export async function canManageWallet(actor: Actor, accountId: string, client: Tx = db): Promise<boolean> {
  const owner = parseWalletId(accountId);
  if (!owner) return false;
  if ("userId" in owner) return owner.userId === actor.id;
  return (await financeOrganisationIds(actor, client)).includes(owner.organisationId);
}

/**
 * Money leaves an organisation's wallet only by the hand of a member holding its finance
 * permission — for a withdrawal, a milestone's escrow, a co-funding share or a revenue share alike.
 * A person's own wallet is theirs to spend. Pages ask `maySpend` to offer the button; services
 * call `assertMaySpend` inside the paying transaction.
 */
export async function maySpend(
  actor: Pick<Actor, "id" | "memberships">,
  owner: Owner,
  client: Tx = db,
): Promise<boolean> {
  if ("userId" in owner) return owner.userId === actor.id;
  return (await financeOrganisationIds(actor, client)).includes(owner.organisationId);
}

export async function assertMaySpend(actor: Actor, owner: Owner, client: Tx = db): Promise<void> {
  if (await maySpend(actor, owner, client)) return;
  throw new DomainError("userId" in owner ? "wallet.forbidden" : "wallet.finance_permission_required");
}

/** Statements are seen by the wallet's holders, finance staff, and the bureau (read-only). */
export async function canViewAccount(actor: Actor, accountId: string): Promise<boolean> {
  return can(actor, "finance.manage") || can(actor, "finance.read") || canManageWallet(actor, accountId);
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

/** Who hears about money arriving in or leaving a wallet: its holders. */
async function walletHolders(tx: Tx, owner: Owner): Promise<string[]> {
  if ("userId" in owner) return [owner.userId];
  const members = await tx.membership.findMany({
    where: { organisationId: owner.organisationId, financeGrantedAt: { not: null } },
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
export const moneyText = moneyParam;
