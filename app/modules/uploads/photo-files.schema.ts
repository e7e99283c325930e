import { z } from "zod";
import { MAX_IMAGE_BYTES } from "./limits";

/**
 * A form's photo inputs as the files chosen: one or many, empty inputs dropped, at most `max`
 * and each within MAX_IMAGE_BYTES. Forms check the same limits in the browser, so a farmer on a
 * weak signal is told before megabytes are sent; this is the server's check. The messages are
 * the form's own keys, so each form names its own photos.
 */
export function photoFilesField(max: number, messages: { tooMany: string; tooLarge: string }) {
  return z.preprocess(
    (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]),
    z
      .array(z.any())
      .transform((files) =>
        files.filter(
          (file): file is File => typeof File !== "undefined" && file instanceof File && file.size > 0,
        ),
      )
      .refine((files) => files.length <= max, messages.tooMany)
      .refine((files) => files.every((file) => file.size <= MAX_IMAGE_BYTES), messages.tooLarge),
  );
}
