import { getLocale } from "~/i18n/i18n.server";
import type { Locale } from "~/i18n/i18n";
import { domainErrorResponse } from "~/utils/errors";

/**
 * A page's record as a service reads it, with the reader's locale, in parallel. A refusal from the
 * service (not found, forbidden) becomes the HTTP response for its status.
 */
export function readWithLocale<T>(request: Request, read: Promise<T>): Promise<[T, Locale]> {
  return Promise.all([
    read.catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
}
