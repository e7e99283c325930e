// What several endpoint files share: the id parameter, keyset sorting and the API shape of a need card.
import { z } from "zod";
import type { NeedCard } from "~/modules/needs/needs.queries.server";
import { keysetAfter, type CursorValue, type KeysetKey } from "./endpoint.server";

export const IdParams = z.object({ id: z.string().min(1).max(64) });

/**
 * A list's sort as a keyset: one column (nulls last), then id descending. The cursor is the last
 * item's (value, id), so a page never repeats or skips a row when rows are added meanwhile.
 */
export interface SortKey<F extends string> extends KeysetKey {
  field: F;
}
export const orderOf = <F extends string>({ field, direction }: SortKey<F>) =>
  [{ [field]: { sort: direction, nulls: "last" } }, { id: "desc" }] as { [K in F | "id"]?: unknown }[];
export const afterOf = <F extends string>(key: SortKey<F>, cursor: string | undefined) =>
  keysetAfter(key, cursor);
export const cursorOf =
  <F extends string>(key: SortKey<F>) =>
  (row: { id: string } & { [K in F]: Date | number | null }): [CursorValue, string] => {
    const value = row[key.field];
    return [value instanceof Date ? value.toISOString() : value, row.id];
  };

export const strictQuery = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((q) => q || undefined);

export function needCard<T extends Pick<NeedCard, "_count" | "photos">>({
  _count,
  photos: _photos,
  ...card
}: T) {
  return { ...card, applicationCount: _count.applications };
}
