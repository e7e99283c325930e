import type { ErrorSpec } from "~/utils/errors";

export const searchErrors = {
  "search.cannot_save": { status: 400, message: "search.errors.cannot_save" },
  "search.too_many_saved": { status: 409, message: "search.errors.too_many_saved" },
  "search.saved_not_found": { status: 404, message: "error.404" },
} as const satisfies Record<string, ErrorSpec>;
