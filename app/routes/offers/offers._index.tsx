import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OfferFilterForm } from "~/components/offers/offer-filters";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { parseOfferFilters } from "~/modules/offers/offers.schema";
import { listOffers } from "~/modules/offers/offers.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { OfferCard } from "~/components/offers/offer-card";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "offers.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseOfferFilters(new URL(request.url).searchParams);
  const [result, user, locale] = await Promise.all([
    listOffers(filters),
    getOptionalUser(request),
    getLocale(request),
  ]);
  return { ...result, filters, canPost: can(user, "offer.post"), locale };
}

export default function OffersPage() {
  const { offers, total, page, pageCount, filters, canPost } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useT();
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
          <h1 className="text-2xl font-bold">{t("offers.title")}</h1>
          <p className="mt-1 text-stone-700">{t("offers.intro")}</p>
        </div>
        {canPost ? (
          <Link to="/offers/new" className="btn-primary">
            {t("offers.post")}
          </Link>
        ) : null}
      </header>
      <OfferFilterForm key={searchParams.toString()} filters={filters} />
      <p className="text-sm text-stone-600" aria-live="polite">
        {t("offers.count", { count: total })}
      </p>
      {offers.length === 0 ? (
        <div className="card text-center">
          <p>{t("offers.empty")}</p>
          <p className="mt-1 text-sm text-stone-600">{t("offers.emptyHint")}</p>
        </div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {offers.map((offer) => (
            <li key={offer.id}>
              <OfferCard offer={offer} />
            </li>
          ))}
        </ul>
      )}
      {pageCount > 1 ? (
        <nav aria-label={t("offers.pagination")} className="flex items-center justify-between gap-3">
          {page > 1 ? pageLink(page - 1, t("offers.pagination.prev"), "prev") : <span />}
          <span className="text-sm text-stone-600">
            {t("offers.pagination.page", { page, pages: pageCount })}
          </span>
          {page < pageCount ? pageLink(page + 1, t("offers.pagination.next"), "next") : <span />}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
