import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/filter-select";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { listBrandProjects } from "~/modules/creative/brands.server";
import { BRAND_STAGES, BrandFiltersSchema } from "~/modules/creative/creative.schema";
import { COUNTIES, countyName, localName } from "~/modules/reference/reference";
import { BrandProgress } from "~/components/creative/brand-progress";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "creative.brands")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

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
      <Form method="get" className="card grid gap-3 sm:grid-cols-3 sm:items-end">
        <FilterSelect
          name="county"
          label={t("creative.field.county")}
          value={filters.county}
          anyLabel={t("creative.filter.all")}
          options={COUNTIES.map((c) => ({ value: c.code, label: localName(c, locale) }))}
        />
        <FilterSelect
          name="stage"
          label={t("creative.field.stage")}
          value={filters.stage}
          anyLabel={t("creative.filter.all")}
          options={BRAND_STAGES.map((s) => ({ value: s, label: t(`creative.stage.${s}`) }))}
        />
        <button type="submit" className="btn-primary">
          {t("creative.filter.apply")}
        </button>
      </Form>
      {projects.length === 0 ? <p>{t("creative.noBrands")}</p> : null}
      <ul className="space-y-3">
        {projects.map((project) => (
          <li key={project.id} className="card space-y-2">
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
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
