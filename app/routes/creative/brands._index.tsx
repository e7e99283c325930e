import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CardList } from "~/components/card-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CreativeFilterForm } from "~/components/creative/creative-filters";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { listBrandProjects } from "~/modules/creative/brands.server";
import { BRAND_STAGES, BrandFiltersSchema } from "~/modules/creative/creative.schema";
import { countyName } from "~/modules/reference/reference";
import { BrandProgress } from "~/components/creative/brand-progress";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("creative.brands");

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = BrandFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [projects, locale] = await Promise.all([listBrandProjects(filters), getLocale(request)]);
  return { projects, filters, locale };
}

export default function BrandsPage() {
  const { projects, filters } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("creative.brands")}</h1>
      <p className="text-stone-700">{t("creative.brandsIntro")}</p>
      <CreativeFilterForm
        county={filters.county}
        filters={[
          {
            name: "stage",
            label: t("creative.field.stage"),
            value: filters.stage,
            options: BRAND_STAGES.map((s) => ({ value: s, label: t(`creative.stage.${s}`) })),
          },
        ]}
      />
      <CardList items={projects} empty={t("creative.noBrands")}>
        {(project) => (
          <>
            <Link to={`/brands/${project.id}`} className="text-lg font-semibold underline">
              {project.name}
            </Link>
            <p className="text-sm text-stone-700">
              {project.productName} · {countyName(project.countyCode, locale)} ·{" "}
              {formatDate(locale, project.createdAt)}
            </p>
            <BrandProgress
              stage={project.stage}
              launched={Boolean(project.launchedAt)}
              abandoned={Boolean(project.abandonedAt)}
            />
          </>
        )}
      </CardList>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
