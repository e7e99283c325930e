import type { ErrorSpec } from "~/utils/errors";

export const chatErrors = {
  // Another conversation's id answers like a missing one to pages; sockets get a clear refusal.
  "chat.not_found": { status: 404, message: "error.404" },
  "chat.not_participant": { status: 403, message: "chat.errors.not_participant" },
  "chat.self": { status: 400, message: "chat.errors.self" },
  "chat.unverified_self": { status: 403, message: "chat.errors.unverified_self" },
  "chat.unverified_other": { status: 403, message: "chat.errors.unverified_other" },
  "chat.empty": { status: 400, message: "chat.errors.empty", field: "body" },
  "chat.client_id_reused": { status: 409, message: "chat.errors.client_id" },
} as const satisfies Record<string, ErrorSpec>;
