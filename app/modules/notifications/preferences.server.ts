import { z } from "zod";
import { db, type Tx } from "~/db.server";
import {
  DEFAULT_QUIET_HOURS,
  NOTIFICATION_CATEGORIES,
  OUTSIDE_CHANNELS,
  defaultChannels,
  type ChannelChoices,
  type OutsideChannel,
} from "./notification-categories";
import type { NotificationPreferencesInput } from "./notifications.schema";
import type { QuietHours } from "./quiet-hours";

export interface NotificationPreferences {
  channels: ChannelChoices;
  quiet: QuietHours | null;
  /** What the person can be reached at: a channel without it is never used. */
  contact: { phone: string | null; email: string | null };
  /** False while the defaults apply (the person has not saved the form). */
  chosen: boolean;
}

// Stored JSON is read leniently: a category missing from it (one added later) takes its default.
const StoredChannels = z.record(z.string(), z.array(z.enum(OUTSIDE_CHANNELS)).catch([])).catch({});

type PreferenceRow = { channels: unknown; quietStart: number | null; quietEnd: number | null } | null;

function resolve(
  contact: { phone: string | null; email: string | null },
  row: PreferenceRow,
): NotificationPreferences {
  const defaults = defaultChannels(contact);
  if (!row) {
    return {
      channels: defaults,
      quiet: { ...DEFAULT_QUIET_HOURS },
      contact,
      chosen: false,
    };
  }
  const stored = StoredChannels.parse(row.channels);
  const reachable = (channel: OutsideChannel) => (channel === "SMS" ? contact.phone : contact.email);
  const channels = Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((category) => [
      category,
      (stored[category] ?? defaults[category]).filter((channel) => Boolean(reachable(channel))),
    ]),
  ) as ChannelChoices;
  const quiet =
    row.quietStart !== null && row.quietEnd !== null ? { start: row.quietStart, end: row.quietEnd } : null;
  return { channels, quiet, contact, chosen: true };
}

const preferenceSelect = {
  id: true,
  phone: true,
  email: true,
  notificationPreference: { select: { channels: true, quietStart: true, quietEnd: true } },
} as const;

/** Each person's channels and quiet hours: their choice, or the defaults for their contacts. */
export async function preferencesOf(
  client: Tx | typeof db,
  userIds: string[],
): Promise<Map<string, NotificationPreferences>> {
  const users = await client.user.findMany({ where: { id: { in: userIds } }, select: preferenceSelect });
  return new Map(
    users.map((user) => [
      user.id,
      resolve({ phone: user.phone, email: user.email }, user.notificationPreference),
    ]),
  );
}

export async function getNotificationPreferences(userId: string): Promise<NotificationPreferences> {
  const preferences = (await preferencesOf(db, [userId])).get(userId);
  if (!preferences) throw new Error(`no user ${userId}`);
  return preferences;
}

/** Saves the person's choices; a channel they cannot be reached on is dropped, not stored. */
export async function saveNotificationPreferences(
  userId: string,
  input: NotificationPreferencesInput,
): Promise<void> {
  const channels = Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((category) => [
      category,
      OUTSIDE_CHANNELS.filter((channel) => input[channel === "SMS" ? "sms" : "email"].includes(category)),
    ]),
  );
  const quiet = input.quiet
    ? { quietStart: input.quietStart ?? null, quietEnd: input.quietEnd ?? null }
    : { quietStart: null, quietEnd: null };
  await db.notificationPreference.upsert({
    where: { userId },
    create: { userId, channels, ...quiet },
    update: { channels, ...quiet },
    select: { userId: true },
  });
}
