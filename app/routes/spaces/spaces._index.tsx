import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { COUNTIES, localName } from "~/modules/reference/reference";
import { parseSpaceFilters } from "~/modules/spaces/space-directory.schema";
import { listSpaces } from "~/modules/spaces/space-directory.server";
import { renderCountyMap } from "~/modules/dashboard/charts.server";
import { descriptionMeta, documentTitle } from "~/utils/meta";
import { SpaceFilterForm } from "~/components/spaces/space-filters";
import { SpaceCard } from "~/components/spaces/space-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  documentTitle(data, "spaces.directory.title"),
  descriptionMeta(data, "spaces.directory.intro"),
];

/** `byCounty` counts spaces per county code (ignoring the county filter) for the county map. */
export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseSpaceFilters(new URL(request.url).searchParams);
  const [result, locale] = await Promise.all([listSpaces(filters), getLocale(request)]);
  const map = renderCountyMap({
    values: result.byCounty,
    title: translate(locale, "spaces.directory.byCounty"),
    locale,
    unit: "",
  });
  return { ...result, filters, locale, map };
}

export default function SpacesPage() {
  const { spaces, byCounty, filters, map } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t, locale } = useT();
  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-2xl font-bold">{t("spaces.directory.title")}</h1>
        <p className="mt-1 text-stone-700">{t("spaces.directory.intro")}</p>
      </header>
      <SpaceFilterForm key={searchParams.toString()} filters={filters} />
      <p className="text-sm text-stone-600" aria-live="polite">
        {t("spaces.directory.count", { count: spaces.length })}
      </p>
      {spaces.length === 0 ? (
        <p className="card text-stone-600">{t("spaces.directory.empty")}</p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          {spaces.map((space) => (
            <SpaceCard key={space.id} space={space} />
          ))}
        </div>
      )}
      {/* The county map, then its text version; each county links to the filtered directory. */}
      <section className="card" aria-labelledby="by-county">
        <h2 id="by-county" className="font-semibold">
          {t("spaces.directory.byCounty")}
        </h2>
        {/* Server-rendered from reference county names and counts only (charts.server.ts). */}
        <div
          role="img"
          aria-label={t("spaces.directory.byCounty")}
          className="mt-2 overflow-x-auto [&>svg]:h-auto [&>svg]:max-w-full"
          dangerouslySetInnerHTML={{ __html: map }}
        />
        <ul className="mt-2 grid grid-cols-2 gap-1 text-sm sm:grid-cols-3">
          {COUNTIES.filter((county) => byCounty[county.code]).map((county) => (
            <li key={county.code}>
              <Link to={`/spaces?county=${county.code}`} className="link">
                {t("spaces.directory.countyCount", {
                  county: localName(county, locale),
                  count: byCounty[county.code] ?? 0,
                })}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
