import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/filter-select";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { DEMO_SITE_STATUSES, DEMO_SITE_TYPES, DemoFiltersSchema } from "~/modules/creative/creative.schema";
import { listDemoSites } from "~/modules/creative/demo-sites.server";
import { COUNTIES, countyName, localName } from "~/modules/reference/reference";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "creative.demos")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = DemoFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [sites, locale, user] = await Promise.all([
    listDemoSites(filters),
    getLocale(request),
    getOptionalUser(request),
  ]);
  return { sites, filters, locale, manages: can(user, "demo.manage") };
}

export default function DemosPage() {
  const { sites, filters, manages } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <section className="space-y-4">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("creative.demos")}</h1>
        {manages ? (
          <Link to="/bureau/demos/new" className="btn-primary">
            {t("creative.newDemo")}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="card grid gap-3 sm:grid-cols-4 sm:items-end">
        <FilterSelect
          name="county"
          label={t("creative.field.county")}
          value={filters.county}
          anyLabel={t("creative.filter.all")}
          options={COUNTIES.map((c) => ({ value: c.code, label: localName(c, locale) }))}
        />
        <FilterSelect
          name="type"
          label={t("creative.field.type")}
          value={filters.type}
          anyLabel={t("creative.filter.all")}
          options={DEMO_SITE_TYPES.map((type) => ({
            value: type,
            label: t(`creative.type.${type}`),
          }))}
        />
        <FilterSelect
          name="status"
          label={t("creative.field.status")}
          value={filters.status}
          anyLabel={t("creative.filter.all")}
          options={DEMO_SITE_STATUSES.map((s) => ({
            value: s,
            label: t(`creative.status.${s}`),
          }))}
        />
        <button type="submit" className="btn-primary">
          {t("creative.filter.apply")}
        </button>
      </Form>
      {sites.length === 0 ? <p>{t("creative.noDemos")}</p> : null}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sites.map((site) => (
          <li key={site.id} className="card space-y-2">
            {site.photoIds[0] ? (
              <img
                src={`/uploads/${site.photoIds[0]}?v=thumb`}
                alt=""
                className="aspect-video w-full rounded object-cover"
                loading="lazy"
              />
            ) : null}
            <Link to={`/demos/${site.id}`} className="text-lg font-semibold underline">
              {site.name}
            </Link>
            <p className="text-sm text-stone-700">
              {t(`creative.type.${site.type}`)} · {countyName(site.countyCode, locale)} {site.village ?? ""}
            </p>
            <span className="inline-block rounded-full bg-stone-100 px-2 py-0.5 text-sm">
              {t(`creative.status.${site.status}`)}
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
