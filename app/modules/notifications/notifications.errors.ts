import type { ErrorSpec } from "~/utils/errors";

export const notificationsErrors = {
  // Someone else's notification answers like a missing one, so ids reveal nothing.
  "notification.not_found": { status: 404, message: "error.404" },
} as const satisfies Record<string, ErrorSpec>;
