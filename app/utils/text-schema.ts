import type { MessageKey } from "~/i18n/i18n";
import { userText, type TextShape } from "./user-text";

/**
 * A text the user must type, cleaned by the one text normaliser (see user-text.ts), of `min` to
 * `max` characters; `message` says either bound was missed. A missing or blank field says
 * `required` instead. Multi-line unless told otherwise.
 */
export function boundedText(
  min: number,
  max: number,
  message: MessageKey,
  required: MessageKey = "errors.required",
  { multiline = true }: TextShape = {},
) {
  return userText(min, max, message, { required, multiline });
}
