import type { ErrorSpec } from "~/utils/errors";

/** Refusals of brand incubation projects and demonstration sites. */
export const creativeErrors = {
  "creative.not_found": { status: 404, message: "error.404" },
} as const satisfies Record<string, ErrorSpec>;
