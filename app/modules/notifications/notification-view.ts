import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import type { NotificationView } from "~/modules/realtime/events";
import { safeRedirect } from "~/utils/request.server";
import {
  NOTIFICATION_PARAMS,
  UNKNOWN_NOTIFICATION,
  isNotificationType,
  type NotificationType,
} from "./notification-types";

export const viewSelect = {
  id: true,
  userId: true,
  type: true,
  payload: true,
  createdAt: true,
  readAt: true,
} as const;

export type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof viewSelect }>;

const ParamValue = z.union([z.string(), z.number()]);

// Only a path on this site: a stored link can never send someone elsewhere.
const HrefSchema = z
  .string()
  .refine((href) => safeRedirect(href, "") === href && href !== "")
  .nullable()
  .catch(null);

const PayloadSchema = z.object({
  params: z.record(z.string(), z.unknown()).catch({}),
  href: HrefSchema.default(null),
});

/** Each type's params, checked by name, so a text never shows a raw `{placeholder}`. */
function paramsSchema(type: NotificationType) {
  return z.object(Object.fromEntries(NOTIFICATION_PARAMS[type].map((name) => [name, ParamValue])));
}

/**
 * The row as people see it. The payload is JSON written by many modules over time; anything that
 * does not check out (an unknown type, missing params, a foreign link) degrades to a generic
 * "you have a notification" instead of breaking the page.
 */
export function toView(row: NotificationRow): NotificationView {
  const payload = PayloadSchema.safeParse(row.payload ?? {});
  const raw = payload.success ? payload.data : { params: {}, href: null };
  const params = isNotificationType(row.type) ? paramsSchema(row.type).safeParse(raw.params) : null;
  return {
    id: row.id,
    type: params?.success ? row.type : UNKNOWN_NOTIFICATION,
    params: params?.success ? params.data : {},
    href: raw.href,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}
