import type { ErrorSpec } from "~/utils/errors";

/** Refusals of uploaded files. Photo errors sit on the `photos` field of the form that sent them. */
export const uploadsErrors = {
  "upload.empty": { status: 400, message: "upload.error.empty", field: "photos" },
  "upload.too_large": { status: 413, message: "upload.error.too_large", field: "photos" },
  "upload.too_many_pixels": { status: 413, message: "upload.error.too_many_pixels", field: "photos" },
  "upload.unsupported_type": { status: 415, message: "upload.error.unsupported_type", field: "photos" },
  "upload.too_many": { status: 400, message: "upload.error.too_many", field: "photos" },
  "upload.field_too_large": { status: 413, message: "upload.error.field_too_large" },
  "upload.malformed": { status: 400, message: "upload.error.malformed" },
  "upload.not_found": { status: 404, message: "error.404" },
} as const satisfies Record<string, ErrorSpec>;
