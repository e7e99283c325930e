import type { Tx } from "~/db.server";
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
