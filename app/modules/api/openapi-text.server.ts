// What the OpenAPI document's parts share: JSON Schema from zod, and texts in both languages.
import { z } from "zod";
import { translate, type MessageKey, type Params } from "~/i18n/i18n";

export type JsonSchema = Record<string, unknown>;

export function toJson(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // Inputs such as photo files have no JSON form; the API documents them as "anything".
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return json;
}

/**
 * A text of the document in both languages. The document is one file in Chinese, the app's first
 * language, with the English beside each text in an `x-…-en` field: one document caches and diffs
 * as one (no Vary on Accept-Language) and a code generator sees the same operations whoever asks.
 */
export function bilingual(field: "summary" | "description", key: MessageKey, params?: Params) {
  return { [field]: translate("zh", key, params), [`x-${field}-en`]: translate("en", key, params) };
}
