import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { translate, type Locale } from "~/i18n/i18n";
import { isDomainError } from "~/utils/errors";
import { MAX_IMAGE_BYTES, parseUploadForm } from "./uploads.server";

/**
 * Reads a multipart form that carries photos (of at most `maxFiles` files, images sized) and parses
 * it with the form's schema. A body refused before it could be read (a file over the limit) answers
 * with the reason on the photos field; the form is re-rendered from what the browser still holds.
 */
export async function readPhotoForm<Schema extends z.ZodType>(
  request: Request,
  locale: Locale,
  { schema, maxFiles }: { schema: Schema; maxFiles: number },
) {
  let formData: FormData;
  try {
    formData = await parseUploadForm(request, { maxFiles, maxFileBytes: MAX_IMAGE_BYTES });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const message = translate(locale, error.messageKey, error.params);
    return {
      refused: data({ status: "error" as const, error: { photos: [message] } }, { status: error.status }),
    };
  }
  return { submission: parseWithZod(formData, { schema }) };
}
