import type { ErrorSpec } from "~/utils/errors";

export const profilesErrors = {
  "profile.not_found": { status: 404, message: "error.404" },
  "profile.forbidden": { status: 403, message: "error.403" },
  "profile.not_expert": { status: 403, message: "profiles.errors.not_expert" },
  "profile.affiliation_invalid": {
    status: 400,
    message: "profiles.errors.affiliation",
    field: "affiliationId",
  },
} as const satisfies Record<string, ErrorSpec>;
