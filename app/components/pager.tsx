import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** Previous / next links of a paged list, with "page x of y" between; nothing for a single page. */
export function Pager({
  page,
  pages,
  hrefOf,
}: {
  page: number;
  pages: number;
  hrefOf: (page: number) => string;
}) {
  const { t } = useT();
  if (pages <= 1) return null;
  return (
    <nav className="flex items-center justify-between" aria-label={t("needs.page", { page, pages })}>
      {page > 1 ? (
        <Link to={hrefOf(page - 1)} className="btn-secondary" rel="prev">
          {t("needs.prev")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-stone-600">{t("needs.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={hrefOf(page + 1)} className="btn-secondary" rel="next">
          {t("needs.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
