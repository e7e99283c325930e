import { z } from "zod";
import type { MessageKey } from "~/i18n/i18n";

/**
 * Every text a person types (titles, descriptions, chat messages, profiles, terms, reviews …) is
 * cleaned one way before it is checked and stored:
 * - Unicode NFC, so "é" typed two ways is one text (search and duplicates see one);
 * - no C0/C1 control characters (a terminal escape such as ESC[31m in a title), except newline
 *   and tab in multi-line fields; a single-line field turns them into a space;
 * - no bidi embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069), which disguise
 *   file names and links, and no U+FEFF;
 * - zero-width joiner and non-joiner (U+200D, U+200C) are kept: emoji sequences such as the
 *   family 👨‍👩‍👧‍👦 and several scripts need them.
 * Text that is blank once zero-width characters are set aside counts as missing, and a lone UTF-16
 * surrogate (no character at all; PostgreSQL cannot store it) is refused rather than repaired.
 */

const CONTROLS_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/g;
const CONTROLS_MULTI_LINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /[\t\n]/g;
const BIDI_AND_BOM = /[\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const ZERO_WIDTH_AND_SPACE = /[\s\u200B-\u200D\u2060\u180E]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextShape {
  /** Keeps newlines and tabs (a description, a message); otherwise they become spaces. */
  multiline?: boolean;
}

export function normaliseUserText(raw: string, { multiline = false }: TextShape = {}): string {
  const text = raw.normalize("NFC").replace(/\r\n?/g, "\n").replace(BIDI_AND_BOM, "");
  const kept = multiline
    ? text.replace(CONTROLS_MULTI_LINE, "")
    : text.replace(LINE_BREAKS, " ").replace(CONTROLS_SINGLE_LINE, "");
  return kept.trim();
}

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** True when nothing visible is left: only spaces and zero-width characters. */
export function isBlankText(text: string): boolean {
  return text.replace(ZERO_WIDTH_AND_SPACE, "") === "";
}

/**
 * A string with no lone surrogate, normalised; the checks of `then` run on the clean text. `then`
 * must also take `undefined`: Conform's form parsing reads a text that cleaning left empty (" ")
 * as missing, inside the pipe too.
 */
export function cleanText<T extends z.ZodType<unknown, string | undefined>>(
  then: T,
  shape: TextShape = {},
  required: MessageKey | string = "errors.required",
) {
  return z
    .string({ message: required })
    .refine((value) => !hasLoneSurrogate(value), { message: "errors.malformed_text", abort: true })
    .transform((value): string | undefined => normaliseUserText(value, shape))
    .pipe(then);
}

/**
 * Text a person must type: cleaned as above, then `min` to `max` characters (`message` when
 * either is missed); blank text says `required`.
 */
export function userText(
  min: number,
  max: number,
  message: MessageKey | string,
  { required = "errors.required", ...shape }: TextShape & { required?: MessageKey | string } = {},
) {
  return cleanText(
    z
      .string({ message: required })
      .refine((value) => !isBlankText(value), { message: required, abort: true })
      .min(min, min <= 1 ? required : message)
      .max(max, message),
    shape,
    required,
  );
}

/** Text a person may leave out: cleaned, at most `max` characters; blank becomes "". */
export function optionalUserText(max: number, message: MessageKey | string, shape: TextShape = {}) {
  return cleanText(
    z
      .string()
      .optional()
      .transform((value): string | undefined => (value === undefined || isBlankText(value) ? "" : value))
      .pipe(z.string().max(max, message).optional()),
    shape,
  ).optional();
}
