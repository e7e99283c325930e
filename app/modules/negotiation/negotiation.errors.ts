import type { ErrorSpec } from "~/utils/errors";

export const negotiationErrors = {
  "negotiation.not_found": { status: 404, message: "error.404" },
} as const satisfies Record<string, ErrorSpec>;
