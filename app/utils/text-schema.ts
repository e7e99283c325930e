import { z } from "zod";
import type { MessageKey } from "~/i18n/i18n";

/**
 * A text the user must type, trimmed, of `min` to `max` characters; `message` says either bound
 * was missed. A missing field says `required` instead.
 */
export function boundedText(
  min: number,
  max: number,
  message: MessageKey,
  required: MessageKey = "errors.required",
) {
  return z.string({ message: required }).trim().min(min, message).max(max, message);
}
