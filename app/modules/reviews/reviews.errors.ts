import type { ErrorSpec } from "~/utils/errors";

/** Refusals of reviews, replies, reports and their moderation. */
export const reviewsErrors = {
  "reviews.not_found": { status: 404, message: "error.404" },
  "reviews.not_party": { status: 403, message: "reviews.errors.not_party" },
  "reviews.not_completed": { status: 409, message: "reviews.errors.not_completed" },
  "reviews.window_closed": { status: 409, message: "reviews.errors.window_closed" },
  "reviews.duplicate": { status: 409, message: "reviews.errors.duplicate" },
  "reviews.reply_not_allowed": { status: 403, message: "reviews.errors.reply_not_allowed" },
  "reviews.not_published": { status: 409, message: "reviews.errors.not_published" },
  "reviews.already_replied": { status: 409, message: "reviews.errors.already_replied" },
  "reviews.already_reported": { status: 409, message: "reviews.errors.already_reported" },
  "reviews.report_own": { status: 403, message: "reviews.errors.report_own" },
  "reviews.forbidden": { status: 403, message: "error.403" },
  "reviews.already_decided": { status: 409, message: "reviews.errors.already_decided" },
} as const satisfies Record<string, ErrorSpec>;
