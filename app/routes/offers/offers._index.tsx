import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import {
  ARRANGEMENT_TYPES,
  OFFER_KINDS,
  OFFER_SORTS,
  parseOfferFilters,
} from "~/modules/offers/offers.schema";
import { listOffers } from "~/modules/offers/offers.server";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { OfferCard } from "~/components/offers/offer-card";
import { FilterSelect } from "~/components/filter-select";

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
  const { t, locale } = useT();
  const any = t("offers.filter.any");
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
      <Form
        method="get"
        key={searchParams.toString()}
        className="card grid grid-cols-2 gap-3 sm:grid-cols-3"
        aria-label={t("offers.filter.title")}
      >
        <label className="col-span-2 block space-y-1 text-sm sm:col-span-3">
          <span className="font-medium text-stone-800">{t("offers.filter.q")}</span>
          <input type="search" name="q" defaultValue={filters.q ?? ""} className="input" />
        </label>
        <FilterSelect
          name="industry"
          label={t("offers.industry")}
          value={filters.industry}
          anyLabel={any}
          options={INDUSTRIES.map((item) => ({ value: item.code, label: localName(item, locale) }))}
        />
        <FilterSelect
          name="county"
          label={t("offers.countiesServed")}
          value={filters.county}
          anyLabel={any}
          options={COUNTIES.map((item) => ({ value: item.code, label: localName(item, locale) }))}
        />
        <FilterSelect
          name="arrangement"
          label={t("offers.arrangements")}
          value={filters.arrangement}
          anyLabel={any}
          options={ARRANGEMENT_TYPES.map((type) => ({
            value: type,
            label: t(`arrangement.${type}` as MessageKey),
          }))}
        />
        <FilterSelect
          name="kind"
          label={t("offers.kind")}
          value={filters.kind}
          anyLabel={any}
          options={OFFER_KINDS.map((kind) => ({
            value: kind,
            label: t(`offers.kind.${kind}` as MessageKey),
          }))}
        />
        <FilterSelect
          name="sort"
          label={t("offers.sort")}
          value={filters.sort}
          options={OFFER_SORTS.map((sort) => ({
            value: sort,
            label: t(`offers.sort.${sort}` as MessageKey),
          }))}
        />
        <label className="col-span-2 flex min-h-11 items-center gap-2 text-sm sm:col-span-1 sm:self-end">
          <input
            type="checkbox"
            name="verified"
            value="1"
            defaultChecked={filters.verified}
            className="h-5 w-5"
          />
          {t("offers.filter.verified")}
        </label>
        <div className="col-span-2 flex flex-wrap gap-3 sm:col-span-3">
          <button type="submit" className="btn-primary">
            {t("offers.filter.submit")}
          </button>
          <Link to="/offers" className="btn-secondary">
            {t("offers.filter.reset")}
          </Link>
        </div>
      </Form>
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
