import { z } from "zod";
import { ARRANGEMENT_TYPES } from "~/modules/marketplace/marketplace.schema";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";
import { toPage } from "./endpoint.server";
import { afterOf, cursorOf, orderOf, type SortKey } from "./endpoint-shapes.server";

/*
 * What the needs and offers lists share: the place filters of their catalogue pages and the
 * walk through a published table in one sort's keyset order.
 */

export const placeFilters = {
  industry: z.enum(INDUSTRY_CODES).optional(),
  county: z.enum(COUNTY_CODES).optional(),
  arrangement: z.enum(ARRANGEMENT_TYPES).optional(),
};

/** The part of a `findMany` a keyset page decides: the rows after the cursor, their order, how many. */
export interface KeysetWindow {
  after: Record<string, unknown>;
  orderBy: Record<string, unknown>[];
  take: number;
}

/**
 * The ids of one page in the key's order and the cursor to the next; `findRows` reads the window
 * from its table, selecting the id and the key's column.
 */
export async function keysetPageIds<
  F extends string,
  Row extends { id: string } & Record<F, Date | number | null>,
>(
  key: SortKey<F>,
  { limit, cursor }: { limit: number; cursor?: string },
  findRows: (window: KeysetWindow) => Promise<Row[]>,
) {
  const rows = await findRows({ after: afterOf(key, cursor), orderBy: orderOf(key), take: limit + 1 });
  const page = toPage(rows, limit, cursorOf(key));
  return { ids: page.data.map((row) => row.id), nextCursor: page.nextCursor };
}
