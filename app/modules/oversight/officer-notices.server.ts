import { db, type Tx } from "~/db.server";
import { createNotifications, type NewNotification } from "~/modules/notifications/notifications.server";

/*
 * What waits on an officer reaches them, not only their queue: the county officers of a county,
 * the city science bureau's staff and the finance bureau's officers each get a notification (and
 * its text message or e-mail, by their settings) when a step becomes theirs. The hub and the
 * workspace still list everything waiting; a notification says that something new arrived.
 */

export type OfficerGroup = { kind: "county"; countyCode: string } | { kind: "bureau" } | { kind: "finance" };

const ROLE_OF_GROUP = { county: "COUNTY", bureau: "BUREAU", finance: "FINANCE" } as const;

/** The people of a group: current accounts whose role is the group's (a county's own officers). */
export async function officerIds(tx: Tx, group: OfficerGroup): Promise<string[]> {
  const officers = await tx.user.findMany({
    where: {
      primaryRole: ROLE_OF_GROUP[group.kind],
      deletedAt: null,
      ...(group.kind === "county" ? { countyCode: group.countyCode } : {}),
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  return officers.map((officer) => officer.id);
}

/** Whether a county officer covers the county: where none does, its steps are skipped, not awaited. */
export async function countyHasOfficer(client: Tx | typeof db, countyCode: string): Promise<boolean> {
  const officer = await client.user.findFirst({
    where: { primaryRole: "COUNTY", countyCode, deletedAt: null },
    select: { id: true },
  });
  return officer !== null;
}

/** The counties that have an officer now (for lists that show what each county still owes). */
export async function countiesWithOfficers(client: Tx | typeof db = db): Promise<Set<string>> {
  const officers = await client.user.findMany({
    where: { primaryRole: "COUNTY", deletedAt: null, countyCode: { not: null } },
    select: { countyCode: true },
    distinct: ["countyCode"],
  });
  return new Set(officers.flatMap((officer) => (officer.countyCode ? [officer.countyCode] : [])));
}

/**
 * Notifies every officer of the group, except the one who caused it (an officer who files
 * something does not need telling). Written in the caller's transaction: the caller delivers the
 * rows to open tabs after it commits.
 */
export async function notifyOfficers(
  tx: Tx,
  group: OfficerGroup,
  item: Omit<NewNotification, "userId">,
  exceptUserId?: string,
) {
  const recipients = (await officerIds(tx, group)).filter((id) => id !== exceptUserId);
  return createNotifications(
    tx,
    recipients.map((userId) => ({ ...item, userId })),
  );
}
