import type { Locale } from "~/i18n/i18n";
import { readPhotoForm } from "~/modules/uploads/photo-form.server";
import { MAX_NEED_PHOTOS, NeedFormSchema, type NeedFormInput } from "./needs.schema";

/** Reads the need form (multipart, with photos) and parses it with the shared schema. */
export function readNeedForm(request: Request, locale: Locale) {
  // One extra file is read so that "too many photos" is reported as a field error.
  return readPhotoForm(request, locale, { schema: NeedFormSchema, maxFiles: MAX_NEED_PHOTOS + 1 });
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
