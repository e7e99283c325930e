import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { translate, type Locale } from "~/i18n/i18n";
import { MAX_NEED_PHOTOS } from "~/modules/needs/needs.schema";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { isDomainError } from "~/utils/errors";
import { ProxyNeedFormSchema } from "./reach.schema";

/**
 * Reads the informant's multipart form (photos and a voice note) and parses it with the shared
 * schema. A body refused while reading (a file over the limit) answers on the photos field.
 */
export async function readProxyNeedForm(request: Request, locale: Locale) {
  let formData: FormData;
  try {
    // Photos, one more to report "too many" as a field error, and the voice note.
    formData = await parseUploadForm(request, {
      maxFiles: MAX_NEED_PHOTOS + 2,
      maxFileBytes: MAX_IMAGE_BYTES,
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const message = translate(locale, error.messageKey, error.params);
    return {
      refused: data({ status: "error" as const, error: { photos: [message] } }, { status: error.status }),
    };
  }
  return { submission: parseWithZod(formData, { schema: ProxyNeedFormSchema }) };
}
