import type { ErrorSpec } from "~/utils/errors";

/** Refusals shared by the marketplace modules. Each module may add its own `*.errors.ts`. */
export const marketplaceErrors = {
  "marketplace.not_found": { status: 404, message: "error.404" },
  "marketplace.forbidden": { status: 403, message: "error.403" },
  "marketplace.invalid_transition": { status: 409, message: "error.409" },
} as const satisfies Record<string, ErrorSpec>;
