import type { ErrorSpec } from "~/utils/errors";

export const webhooksErrors = {
  "webhooks.not_found": { status: 404, message: "error.404" },
  "webhooks.forbidden": { status: 403, message: "error.403" },
  "webhooks.insecure_url": { status: 400, message: "webhooks.errors.insecure_url", field: "url" },
  "webhooks.private_host": { status: 400, message: "webhooks.errors.private_host", field: "url" },
  "webhooks.too_many": { status: 409, message: "webhooks.errors.too_many" },
  "webhooks.invalid_transition": { status: 409, message: "webhooks.errors.invalid_transition" },
} as const satisfies Record<string, ErrorSpec>;
