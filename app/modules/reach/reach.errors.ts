import type { ErrorSpec } from "~/utils/errors";

export const reachErrors = {
  "reach.not_found": { status: 404, message: "error.404" },
  "reach.forbidden": { status: 403, message: "error.403" },
  "reach.not_informant": { status: 403, message: "reach.errors.not_informant" },
  "reach.user_not_found": { status: 404, message: "reach.errors.user_not_found", field: "identifier" },
  "reach.informant_role": { status: 409, message: "reach.errors.informant_role", field: "identifier" },
  "reach.voice_required": { status: 400, message: "reach.errors.voice_required", field: "voiceNote" },
  "reach.claim_invalid": { status: 400, message: "reach.errors.claim_invalid", field: "code" },
  "reach.claim_throttled": { status: 429, message: "reach.errors.claim_throttled" },
  "reach.claim_phone": { status: 409, message: "reach.errors.claim_phone", field: "confirm" },
  "reach.claim_phone_registered": { status: 409, message: "reach.errors.claim_registered", field: "phone" },
  "reach.assignee_invalid": { status: 409, message: "reach.errors.assignee_invalid", field: "assigneeId" },
  "reach.need_not_open": { status: 409, message: "reach.errors.need_not_open" },
  "reach.assignment_closed": { status: 409, message: "reach.errors.assignment_closed" },
  "reach.poverty_type": { status: 409, message: "reach.errors.poverty_type" },
  // Voice notes go through the upload storage; their refusals belong on the voice note field.
  "upload.audio_unsupported": { status: 415, message: "reach.errors.audio_type", field: "voiceNote" },
  "upload.audio_too_large": { status: 413, message: "reach.errors.audio_too_large", field: "voiceNote" },
} as const satisfies Record<string, ErrorSpec>;
