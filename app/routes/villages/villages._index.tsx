import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterForm } from "~/components/filter-select";
import { PageHeader } from "~/components/page-header";
import { countyOptions } from "~/components/reference-fields";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { canManageVillages, reachCounty } from "~/modules/households/households.access";
import { VillageFilterSchema } from "~/modules/households/households.schema";
import { listVillages } from "~/modules/households/households.server";
import { countyName } from "~/modules/reference/reference";
import { titleMeta } from "~/utils/meta";
import { requireReach } from "./+access.server";

export const meta = titleMeta("villages.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { reach } = await requireReach(request);
  const url = new URL(request.url);
  const filters = VillageFilterSchema.parse({
    countyCode: url.searchParams.get("countyCode") || undefined,
    township: url.searchParams.get("township") || undefined,
  });
  const [villages, locale] = await Promise.all([listVillages(reach, filters), getLocale(request)]);
  return {
    villages,
    filters,
    // City staff choose a county; a county officer or informant is held to theirs.
    countyFilter: reachCounty(reach) === null,
    canCreate: canManageVillages(reach),
    locale,
  };
}

export default function VillagesPage() {
  const { villages, filters, countyFilter, canCreate } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        title={t("villages.title")}
        link={canCreate ? { to: "/villages/new", label: t("villages.new") } : null}
      />
      <p className="text-stone-600">{t("villages.intro")}</p>
      {countyFilter ? (
        <FilterForm
          filters={[
            {
              name: "countyCode",
              label: t("villages.filter.county"),
              value: filters.countyCode,
              options: countyOptions(locale),
            },
          ]}
          anyLabel={t("villages.filter.allCounties")}
          applyLabel={t("villages.filter.submit")}
        />
      ) : null}
      {villages.length === 0 ? <p className="card text-stone-600">{t("villages.empty")}</p> : null}
      <ul className="space-y-2">
        {villages.map((village) => (
          <li
            key={village.id}
            className="card flex flex-wrap items-center gap-2 p-3"
            data-village={village.id}
          >
            <Link to={`/villages/${village.id}`} className="font-medium hover:underline">
              {village.name}
            </Link>
            <span className="text-sm text-stone-600">
              {countyName(village.countyCode, locale)} · {village.township}
            </span>
            <span className="text-sm">
              {village.current
                ? t("villages.statusIn", {
                    year: village.current.year,
                    status: t(`villages.status.${village.current.status}`),
                  })
                : t("villages.noStatus")}
            </span>
            <span className="ml-auto text-sm text-stone-600">
              {t("villages.householdsCount", { count: village.households })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
