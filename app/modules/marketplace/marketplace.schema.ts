import { z } from "zod";
import { amountProblem, parseYuanToFen } from "~/utils/money";

export { ARRANGEMENT_TYPES } from "./arrangements";

/** An optional amount typed in yuan, read into integer fen; `message` is the i18n key on error. */
export function optionalYuan(message: string) {
  return z
    .string()
    .trim()
    .max(20, message)
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const fen = parseYuanToFen(value);
      if (fen === null) {
        ctx.addIssue({ code: "custom", message: amountProblem(value, message) });
        return z.NEVER;
      }
      return fen;
    });
}

/** A required amount typed in yuan, read into integer fen. */
export function requiredYuan(message: string) {
  return z
    .string({ message: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .transform((value, ctx) => {
      const fen = parseYuanToFen(value);
      if (fen === null) {
        ctx.addIssue({ code: "custom", message: amountProblem(value, message) });
        return z.NEVER;
      }
      return fen;
    });
}

/** Checkbox groups: one checked box arrives as a string, several as an array, none as nothing. */
export function checkboxes<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );
}
