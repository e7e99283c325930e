import { Link, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import { INDUSTRIES, countyName, localName } from "~/modules/reference/reference";
import type { SearchParams } from "~/modules/search/search.schema";

type Counts = Record<string, number> | undefined;

/** The index fields each filter of the page counts in; a type of listing has only some of them. */
export type FacetFields = { industry: string; county: string; verified: string } & Partial<
  Record<"arrangement" | "budget" | "category", string>
>;

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
  counts: Counts;
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

/**
 * Folded on a phone until a filter is chosen, so the first results are on the first screen; open
 * on a wider screen, where there is room beside them. Without JavaScript it is a plain <details>.
 */
function WideOpenDetails({
  open,
  className,
  children,
}: {
  open: boolean;
  className: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current && window.matchMedia("(min-width: 640px)").matches) ref.current.open = true;
  }, []);
  return (
    <details ref={ref} open={open} className={className}>
      {children}
    </details>
  );
}

/** The filters of a search with how many results each value has, as far as the listing type has them. */
export function FacetFilters({
  params,
  facets,
  facetFields,
}: {
  params: SearchParams;
  facets: Record<string, Counts>;
  facetFields: FacetFields;
}) {
  const { t, tMaybe, locale } = useT();
  const industryName = (code: string) =>
    localName(INDUSTRIES.find((i) => i.code === code) ?? { nameZh: code, nameEn: code }, locale);
  // Facet values are whatever the search index counted, so one without a message shows as it is.
  const labelUnder = (prefix: string) => (value: string) => {
    const key = `${prefix}.${value}`;
    // tMaybe leaves a browser's not-yet-loaded key blank; a key with no message falls back to the value.
    const text = tMaybe(key);
    return text === key ? value : text;
  };
  const optional = (key: "arrangement" | "budget" | "category") =>
    key in facetFields ? facets[facetFields[key]!] : null;
  const arrangements = optional("arrangement");
  const budgets = optional("budget");
  const categories = optional("category");
  const chosen = [
    params.industry,
    params.county,
    params.arrangement,
    params.budget,
    params.category,
    params.verified,
  ].filter(Boolean).length;
  return (
    <WideOpenDetails open={chosen > 0} className="card">
      <summary className="cursor-pointer font-medium">
        {t("search.filters")}
        {chosen > 0 ? ` (${chosen})` : ""}
      </summary>
      <div className="mt-3 space-y-3">
        <FacetGroup
          name="industry"
          label={t("search.facet.industry")}
          counts={facets[facetFields.industry]}
          selected={params.industry}
          labelOf={industryName}
        />
        <FacetGroup
          name="county"
          label={t("search.facet.county")}
          counts={facets[facetFields.county]}
          selected={params.county}
          labelOf={(code) => countyName(code, locale) ?? code}
        />
        {arrangements !== null ? (
          <FacetGroup
            name="arrangement"
            label={t("search.facet.arrangement")}
            counts={arrangements}
            selected={params.arrangement}
            labelOf={labelUnder("arrangement")}
          />
        ) : null}
        {budgets !== null ? (
          <FacetGroup
            name="budget"
            label={t("search.facet.budget")}
            counts={budgets}
            selected={params.budget}
            labelOf={labelUnder("search.budget")}
          />
        ) : null}
        {categories !== null ? (
          <FacetGroup
            name="category"
            label={t("search.facet.category")}
            counts={categories}
            selected={params.category}
            labelOf={labelUnder("spaces.category")}
          />
        ) : null}
        <FacetGroup
          name="verified"
          label={t("search.facet.verified")}
          counts={{ "1": facets[facetFields.verified]?.true ?? 0 }}
          selected={params.verified}
          labelOf={() => t("search.verifiedOnly")}
        />
      </div>
    </WideOpenDetails>
  );
}
