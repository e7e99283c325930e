import { getLocale } from "~/i18n/i18n.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can, type Permission } from "~/modules/users/permissions";

/** How a kind of listing is listed: its filters read from the URL, its query, who may post one. */
export interface ListingIndexKind<Filters, Result> {
  parse: (params: URLSearchParams) => Filters;
  list: (filters: Filters) => Promise<Result>;
  postPermission: Permission;
}

/** The data of a public listing index (offers, services): one page of results, the filters, the post link. */
export async function listingIndexData<Filters, Result extends object>(
  request: Request,
  kind: ListingIndexKind<Filters, Result>,
) {
  const filters = kind.parse(new URL(request.url).searchParams);
  const [result, user, locale] = await Promise.all([
    kind.list(filters),
    getOptionalUser(request),
    getLocale(request),
  ]);
  return { ...result, filters, canPost: can(user, kind.postPermission), locale };
}
