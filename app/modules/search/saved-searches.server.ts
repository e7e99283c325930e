import { db } from "~/db.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { DomainError } from "~/utils/errors";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { SearchParamsSchema, searchHref, type SearchParams } from "./search.schema";
import { requestFor } from "./search.server";

export { searchHref };

export const MAX_SAVED_SEARCHES = 20;

export async function saveSearch(userId: string, params: SearchParams, label: string): Promise<void> {
  if (params.type === "experts") throw new DomainError("search.cannot_save");
  if ((await db.savedSearch.count({ where: { userId } })) >= MAX_SAVED_SEARCHES)
    throw new DomainError("search.too_many_saved", { max: MAX_SAVED_SEARCHES });
  const { page: _page, sort: _sort, ...kept } = params;
  await db.savedSearch.create({
    data: { userId, label: label.slice(0, 60), params: kept },
    select: { id: true },
  });
}

export async function listSavedSearches(userId: string) {
  const rows = await db.savedSearch.findMany({
    where: { userId },
    select: { id: true, label: true, params: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((row) => ({ ...row, href: searchHref(SearchParamsSchema.parse(row.params)) }));
}

export async function deleteSavedSearch(userId: string, id: string): Promise<void> {
  const { count } = await db.savedSearch.deleteMany({ where: { id, userId } });
  if (count === 0) throw new DomainError("search.saved_not_found");
}

/**
 * Tells people about records published since their saved search was last checked. One
 * notification per search and run, however many new records, so an alert never floods.
 */
export async function runSavedSearchAlerts(now = new Date()): Promise<number> {
  const searches = await db.savedSearch.findMany({
    select: { id: true, userId: true, label: true, params: true, checkedAt: true },
  });
  const engine = getSearchEngine();
  const notifications: NewNotification[] = [];
  for (const saved of searches) {
    const params = SearchParamsSchema.parse(saved.params);
    if (params.type === "experts") continue;
    const request = requestFor({ ...params, page: 1, sort: "newest" });
    const since = {
      field: "publishedAt",
      op: "range" as const,
      min: saved.checkedAt.getTime() + 1,
      max: now.getTime(),
    };
    const result = await engine.search(params.type, {
      ...request,
      facets: [],
      limit: 1,
      filters: [...(request.filters ?? []), since],
    });
    if (result.total > 0) {
      notifications.push({
        userId: saved.userId,
        type: "search.match",
        params: { label: saved.label, count: result.total },
        href: searchHref({ ...params, sort: "newest" }),
      });
    }
  }
  const rows = await db.$transaction(async (tx) => {
    await tx.savedSearch.updateMany({
      where: { id: { in: searches.map((s) => s.id) } },
      data: { checkedAt: now },
    });
    return createNotifications(tx, notifications);
  });
  await deliverNotifications(rows);
  return rows.length;
}
