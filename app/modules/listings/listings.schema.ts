import { z } from "zod";

/*
 * The query parameters every listing catalogue reads the same way. A bad value falls back to its
 * default rather than failing the page: the filters live in a URL anyone may edit.
 */

/** The words searched for, or nothing when blank. */
export const listingSearchText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((value) => value || undefined)
  .catch(undefined);

export const listingPageNumber = z.coerce.number().int().min(1).max(10_000).catch(1).default(1);
