import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NeedCard } from "~/components/needs/need-card";
import { Pager } from "~/components/pager";
import { ExpertResult } from "~/components/search/expert-result";
import { FacetFilters } from "~/components/search/facet-filters";
import { SaveSearch } from "~/components/search/save-search";
import { SearchBox } from "~/components/search/search-box";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { SEARCH_TYPES, SearchParamsSchema, searchHref } from "~/modules/search/search.schema";
import { saveSearch } from "~/modules/search/saved-searches.server";
import { FACET_FIELDS, searchMarketplace } from "~/modules/search/search.server";
import { getOptionalUser, requireUser } from "~/modules/users/guards.server";
import { isDomainError } from "~/utils/errors";
import { redirectWithToast } from "~/utils/toast.server";
import { OfferCard } from "~/components/offers/offer-card";
import { ServiceCard } from "~/components/spaces/service-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.params.q ? `${data.params.q} · ` : ""}${translate(data.locale, "search.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = SearchParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [result, locale, user] = await Promise.all([
    searchMarketplace(params),
    getLocale(request),
    getOptionalUser(request),
  ]);
  return { params, result, locale, facetFields: FACET_FIELDS[params.type], loggedIn: Boolean(user) };
}

/** Saving the search shown: the page's own parameters come back as hidden fields. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = Object.fromEntries(await request.formData());
  const params = SearchParamsSchema.parse(form);
  const locale = await getLocale(request);
  const label =
    typeof form.label === "string" && form.label.trim()
      ? form.label.trim()
      : params.q || translate(locale, `search.type.${params.type}`);
  try {
    await saveSearch(user.id, params, label);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return data({ error: translate(locale, error.messageKey, error.params) }, { status: error.status });
  }
  return redirectWithToast(searchHref(params), { message: "search.saved" });
}

export default function SearchPage() {
  const { params, result, facetFields, loggedIn } = useLoaderData<typeof loader>();
  const saveError = useActionData<typeof action>()?.error;
  const { t } = useT();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const typeHref = (type: string) =>
    `?${new URLSearchParams({ ...(params.q ? { q: params.q } : {}), type })}`;
  const pageHref = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next}`;
  };
  return (
    <div className="space-y-5">
      <SearchBox params={params} />

      <nav aria-label={t("search.title")} className="flex gap-1 overflow-x-auto">
        {SEARCH_TYPES.map((type) => (
          <Link
            key={type}
            to={typeHref(type)}
            aria-current={type === params.type ? "page" : undefined}
            className="btn min-h-9 px-3 py-1 text-sm aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
          >
            {t(`search.type.${type}`)}
          </Link>
        ))}
      </nav>

      <FacetFilters params={params} facets={result.facets} facetFields={facetFields} />

      <p className="text-sm text-stone-600" aria-live="polite">
        {navigation.state === "loading"
          ? t("search.searching")
          : params.q
            ? t("search.resultsFor", { q: params.q, count: result.total })
            : t("search.results", { count: result.total })}
      </p>

      {params.type !== "experts" ? (
        <SaveSearch params={params} loggedIn={loggedIn} error={saveError} />
      ) : null}

      {result.degraded ? (
        <p role="status" className="card border-amber-300 bg-amber-50 text-amber-900">
          {t("search.degraded")}
        </p>
      ) : null}
      {result.total === 0 ? <p className="card text-center text-stone-600">{t("search.empty")}</p> : null}
      <ul className="space-y-3">
        {result.type === "needs"
          ? result.needs.map((need) => <NeedCard key={need.id} need={need} terms={result.terms} />)
          : result.type === "offers"
            ? result.offers.map((offer) => (
                <li key={offer.id}>
                  <OfferCard offer={offer} />
                </li>
              ))
            : result.type === "services"
              ? result.services.map((service) => (
                  <li key={service.id}>
                    <ServiceCard service={service} terms={result.terms} />
                  </li>
                ))
              : result.experts.map((expert) => (
                  <ExpertResult key={expert.userId} expert={expert} terms={result.terms} />
                ))}
      </ul>

      <Pager page={params.page} pages={result.pages} hrefOf={pageHref} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
