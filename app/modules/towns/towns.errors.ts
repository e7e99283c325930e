import type { ErrorSpec } from "~/utils/errors";

/** Refusals of characteristic towns and their projects. */
export const townsErrors = {
  "town.not_found": { status: 404, message: "error.404" },
  "town.forbidden": { status: 403, message: "error.403" },
  "town.duplicate": { status: 409, message: "towns.errors.duplicate", field: "name" },
  "town.project_unknown": { status: 400, message: "towns.errors.project_unknown", field: "targetId" },
  "town.project_other_county": {
    status: 400,
    message: "towns.errors.project_other_county",
    field: "targetId",
  },
} as const satisfies Record<string, ErrorSpec>;
