import type { ErrorSpec } from "~/utils/errors";

export const cofundingErrors = {
  "cofunding.not_found": { status: 404, message: "error.404" },
} as const satisfies Record<string, ErrorSpec>;
