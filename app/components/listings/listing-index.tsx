import { Link, useSearchParams } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import type { ListingKindName } from "~/modules/listings/listing-kinds";

/** One page of a listing index as its loader reads it: how many, which page, whether one may post. */
export interface ListingPageData {
  canPost: boolean;
  total: number;
  page: number;
  pageCount: number;
}

/*
 * The public list of a kind of listing (offers, a space's services): the title and the post link,
 * the kind's filter form, the count, the cards two to a row, and the pages. The kind passes its
 * name, its filters and how it draws one card.
 */
export function ListingIndex<Item extends { id: string }>({
  kind,
  canPost,
  filters,
  items,
  total,
  page,
  pageCount,
  card,
}: {
  kind: ListingKindName;
  canPost: boolean;
  filters: ReactNode;
  items: Item[];
  total: number;
  page: number;
  pageCount: number;
  card: (item: Item) => ReactNode;
}) {
  const [searchParams] = useSearchParams();
  const { t } = useT();
  const { ns } = kind;
  const pageLink = (target: number, label: ReactNode, rel: "prev" | "next") => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(target));
    return (
      <Link to={`?${next}`} rel={rel} className="btn-secondary">
        {label}
      </Link>
    );
  };
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t(`${ns}.title`)}</h1>
          <p className="mt-1 text-stone-700">{t(`${ns}.intro`)}</p>
        </div>
        {canPost ? (
          <Link to={`${kind.basePath}/new`} className="btn-primary">
            {t(`${ns}.post`)}
          </Link>
        ) : null}
      </header>
      {/* A new search starts from a fresh form (what the URL says, not what was typed before). */}
      <Fragment key={searchParams.toString()}>{filters}</Fragment>
      <p className="text-sm text-stone-600" aria-live="polite">
        {t(`${ns}.count`, { count: total })}
      </p>
      {items.length === 0 ? (
        <div className="card text-center">
          <p>{t(`${ns}.empty`)}</p>
          <p className="mt-1 text-sm text-stone-600">{t(`${ns}.emptyHint`)}</p>
        </div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {items.map((item) => (
            <li key={item.id}>{card(item)}</li>
          ))}
        </ul>
      )}
      {pageCount > 1 ? (
        <nav aria-label={t(`${ns}.pagination`)} className="flex items-center justify-between gap-3">
          {page > 1 ? pageLink(page - 1, t(`${ns}.pagination.prev`), "prev") : <span />}
          <span className="text-sm text-stone-600">
            {t(`${ns}.pagination.page`, { page, pages: pageCount })}
          </span>
          {page < pageCount ? pageLink(page + 1, t(`${ns}.pagination.next`), "next") : <span />}
        </nav>
      ) : null}
    </div>
  );
}
