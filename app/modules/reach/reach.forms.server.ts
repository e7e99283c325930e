import type { Locale } from "~/i18n/i18n";
import { MAX_NEED_PHOTOS } from "~/modules/needs/needs.schema";
import { readPhotoForm } from "~/modules/uploads/photo-form.server";
import { ProxyNeedFormSchema } from "./reach.schema";

/**
 * Reads the informant's multipart form (photos and a voice note) and parses it with the shared
 * schema. A body refused while reading (a file over the limit) answers on the photos field.
 */
export function readProxyNeedForm(request: Request, locale: Locale) {
  // Photos, one more to report "too many" as a field error, and the voice note.
  return readPhotoForm(request, locale, { schema: ProxyNeedFormSchema, maxFiles: MAX_NEED_PHOTOS + 2 });
}
