import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
  useSubmit,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NeedCard } from "~/components/needs/need-card";
import { Highlight } from "~/components/search/highlight";
import { VerifiedBadge } from "~/components/verified-badge";
import { getLocale } from "~/i18n/i18n.server";
import { translate, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { INDUSTRIES, countyName, localName } from "~/modules/reference/reference";
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

const TYPING_DEBOUNCE_MS = 350;

/** Facet values as links that add or remove one filter, keeping the rest of the URL. */
function FacetGroup({
  name,
  label,
  counts,
  selected,
  labelOf,
}: {
  name: string;
  label: string;
  counts: Record<string, number> | undefined;
  selected?: string;
  labelOf: (value: string) => string;
}) {
  const [searchParams] = useSearchParams();
  const { t } = useT();
  const entries = Object.entries(counts ?? {})
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1]);
  if (entries.length === 0 && !selected) return null;
  const hrefWith = (value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value === null) next.delete(name);
    else next.set(name, value);
    next.delete("page");
    return `?${next}`;
  };
  return (
    <section aria-label={label}>
      <h3 className="text-sm font-medium text-stone-600">{label}</h3>
      <ul className="mt-1 flex flex-wrap gap-2">
        {selected ? (
          <li>
            <Link
              to={hrefWith(null)}
              className="inline-flex min-h-9 items-center gap-1 rounded-full bg-brand-700 px-3 text-sm text-white"
              aria-current="true"
            >
              {labelOf(selected)} <span aria-hidden="true">×</span>
              <span className="sr-only">{t("search.clearFilter")}</span>
            </Link>
          </li>
        ) : (
          entries.map(([value, count]) => (
            <li key={value}>
              <Link
                to={hrefWith(value)}
                className="inline-flex min-h-9 items-center gap-1 rounded-full border border-stone-300 bg-white px-3 text-sm hover:bg-stone-100"
              >
                {labelOf(value)} <span className="text-stone-500">{count}</span>
              </Link>
            </li>
          ))
        )}
      </ul>
    </section>
  );
}

export default function SearchPage() {
  const { params, result, facetFields, loggedIn } = useLoaderData<typeof loader>();
  const saveError = useActionData<typeof action>()?.error;
  const { t, locale } = useT();
  const submit = useSubmit();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  // Search as you type, once the person pauses; the plain form works without JavaScript.
  const onType = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => form.current && submit(form.current, { replace: true, preventScrollReset: true }),
      TYPING_DEBOUNCE_MS,
    );
  };
  const industryName = (code: string) =>
    localName(INDUSTRIES.find((i) => i.code === code) ?? { nameZh: code, nameEn: code }, locale);
  const typeHref = (type: string) =>
    `?${new URLSearchParams({ ...(params.q ? { q: params.q } : {}), type })}`;
  const pageHref = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next}`;
  };
  const has = (key: string) => key in facetFields;
  return (
    <div className="space-y-5">
      <Form ref={form} method="get" role="search" className="card space-y-3">
        <h1 className="sr-only">{t("search.title")}</h1>
        <input type="hidden" name="type" value={params.type} />
        {(["industry", "county", "arrangement", "budget", "category", "verified"] as const).map((key) =>
          params[key] ? <input key={key} type="hidden" name={key} value={params[key]} /> : null,
        )}
        <div className="flex gap-2">
          <label className="sr-only" htmlFor="q">
            {t("search.title")}
          </label>
          <input
            id="q"
            type="search"
            name="q"
            defaultValue={params.q}
            placeholder={t("search.placeholder")}
            onChange={onType}
            className="input flex-1"
            autoComplete="off"
            enterKeyHint="search"
          />
          <button type="submit" className="btn-primary">
            {t("search.submit")}
          </button>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2">
            <span className="text-stone-600">{t("search.sort")}</span>
            <select
              name="sort"
              defaultValue={params.sort}
              className="input min-h-9 w-auto py-1"
              onChange={(event) => submit(event.currentTarget.form)}
            >
              {(["relevance", "newest", "budget"] as const).map((sort) => (
                <option key={sort} value={sort}>
                  {t(`search.sort.${sort}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </Form>

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

      <details className="card" open>
        <summary className="cursor-pointer font-medium">{t("search.filters")}</summary>
        <div className="mt-3 space-y-3">
          <FacetGroup
            name="industry"
            label={t("search.facet.industry")}
            counts={result.facets[facetFields.industry]}
            selected={params.industry}
            labelOf={industryName}
          />
          <FacetGroup
            name="county"
            label={t("search.facet.county")}
            counts={result.facets[facetFields.county]}
            selected={params.county}
            labelOf={(code) => countyName(code, locale) ?? code}
          />
          {has("arrangement") ? (
            <FacetGroup
              name="arrangement"
              label={t("search.facet.arrangement")}
              counts={result.facets[(facetFields as Record<string, string>).arrangement]}
              selected={params.arrangement}
              labelOf={(value) => t(`arrangement.${value}` as MessageKey)}
            />
          ) : null}
          {has("budget") ? (
            <FacetGroup
              name="budget"
              label={t("search.facet.budget")}
              counts={result.facets[(facetFields as Record<string, string>).budget]}
              selected={params.budget}
              labelOf={(value) => t(`search.budget.${value}` as MessageKey)}
            />
          ) : null}
          {has("category") ? (
            <FacetGroup
              name="category"
              label={t("search.facet.category")}
              counts={result.facets[(facetFields as Record<string, string>).category]}
              selected={params.category}
              labelOf={(value) => t(`spaces.category.${value}` as MessageKey)}
            />
          ) : null}
          <FacetGroup
            name="verified"
            label={t("search.facet.verified")}
            counts={{ "1": result.facets[facetFields.verified]?.true ?? 0 }}
            selected={params.verified}
            labelOf={() => t("search.verifiedOnly")}
          />
        </div>
      </details>

      <p className="text-sm text-stone-600" aria-live="polite">
        {navigation.state === "loading"
          ? t("search.searching")
          : params.q
            ? t("search.resultsFor", { q: params.q, count: result.total })
            : t("search.results", { count: result.total })}
      </p>

      {params.type !== "experts" ? (
        loggedIn ? (
          <Form method="post" className="flex flex-wrap items-center gap-2">
            {Object.entries(params).map(([key, value]) =>
              value !== undefined && value !== "" ? (
                <input key={key} type="hidden" name={key} value={String(value)} />
              ) : null,
            )}
            <button type="submit" className="btn-secondary min-h-9 py-1 text-sm">
              {t("search.save")}
            </button>
            {saveError ? (
              <p role="alert" className="text-sm text-red-700">
                {saveError}
              </p>
            ) : null}
          </Form>
        ) : (
          <p className="text-sm">
            <Link to={`/login?redirectTo=${encodeURIComponent(searchHref(params))}`} className="link">
              {t("search.loginToSave")}
            </Link>
          </p>
        )
      ) : null}

      {result.degraded ? (
        <p role="status" className="card border-amber-300 bg-amber-50 text-amber-900">
          {t("search.degraded")}
        </p>
      ) : null}
      {result.total === 0 ? <p className="card text-center text-stone-600">{t("search.empty")}</p> : null}
      {result.type === "needs" ? (
        <ul className="space-y-3">
          {result.needs.map((need) => (
            <NeedCard key={need.id} need={need} terms={result.terms} />
          ))}
        </ul>
      ) : result.type === "offers" ? (
        <ul className="space-y-3">
          {result.offers.map((offer) => (
            <li key={offer.id}>
              <OfferCard offer={offer} />
            </li>
          ))}
        </ul>
      ) : result.type === "services" ? (
        <ul className="space-y-3">
          {result.services.map((service) => (
            <li key={service.id}>
              <ServiceCard service={service} terms={result.terms} />
            </li>
          ))}
        </ul>
      ) : (
        <ul className="space-y-3">
          {result.experts.map((expert) => (
            <li key={expert.userId} className="card space-y-1">
              <p className="flex flex-wrap items-center gap-2">
                <Link to={`/experts/${expert.userId}`} className="text-lg font-semibold hover:underline">
                  <Highlight text={expert.user.displayName} terms={result.terms} />
                </Link>
                <VerifiedBadge verified={Boolean(expert.user.verifiedAt)} compact />
                {expert.isCommissioner ? (
                  <span className="rounded-full bg-sky-100 px-2 py-0.5 text-xs text-sky-900">
                    {t("badge.commissioner")}
                  </span>
                ) : null}
              </p>
              <p className="text-sm text-stone-700">
                {[expert.title, expert.affiliation?.name].filter(Boolean).join(" · ")}
              </p>
              <p className="text-sm">
                <Highlight text={expert.specialties} terms={result.terms} limit={120} />
              </p>
              <p className="text-sm text-stone-600">
                {expert.countiesServed.map((code) => countyName(code, locale)).join("、")}
              </p>
            </li>
          ))}
        </ul>
      )}

      {result.pages > 1 ? (
        <nav
          className="flex items-center justify-between"
          aria-label={t("needs.page", { page: params.page, pages: result.pages })}
        >
          {params.page > 1 ? (
            <Link to={pageHref(params.page - 1)} className="btn-secondary" rel="prev">
              {t("needs.prev")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-stone-600">
            {t("needs.page", { page: params.page, pages: result.pages })}
          </span>
          {params.page < result.pages ? (
            <Link to={pageHref(params.page + 1)} className="btn-secondary" rel="next">
              {t("needs.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
