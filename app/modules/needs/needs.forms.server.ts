import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { translate, type Locale } from "~/i18n/i18n";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { isDomainError } from "~/utils/errors";
import { MAX_NEED_PHOTOS, NeedFormSchema, type NeedFormInput } from "./needs.schema";

/**
 * Reads the need form (multipart, with photos) and parses it with the shared schema. A body
 * refused before it could be read (a file over the limit) answers with the reason on the
 * photos field; the form is re-rendered from what the browser still holds.
 */
export async function readNeedForm(request: Request, locale: Locale) {
  let formData: FormData;
  try {
    // One extra file is read so that "too many photos" is reported as a field error below.
    formData = await parseUploadForm(request, {
      maxFiles: MAX_NEED_PHOTOS + 1,
      maxFileBytes: MAX_IMAGE_BYTES,
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const message = translate(locale, error.messageKey, error.params);
    return {
      refused: data({ status: "error" as const, error: { photos: [message] } }, { status: error.status }),
    };
  }
  return { submission: parseWithZod(formData, { schema: NeedFormSchema }) };
}

export function fieldsOf(value: NeedFormInput) {
  const {
    intent: _intent,
    photos: _photos,
    removePhotoIds: _remove,
    organisationId: _org,
    ...fields
  } = value;
  return fields;
}
