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
  // A voice note the upload storage refused (by its bytes, or over the limit while being read).
  "chat.audio_type": { status: 415, message: "chat.errors.audio_type", field: "voice" },
  "chat.audio_too_large": { status: 413, message: "chat.errors.audio_too_large", field: "voice" },
} as const satisfies Record<string, ErrorSpec>;
