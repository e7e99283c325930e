import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { CreativeFilterForm } from "~/components/creative/creative-filters";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { DEMO_SITE_STATUSES, DEMO_SITE_TYPES, DemoFiltersSchema } from "~/modules/creative/creative.schema";
import { listDemoSites } from "~/modules/creative/demo-sites.server";
import { countyName } from "~/modules/reference/reference";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { titleMeta } from "~/utils/meta";
import { Photo } from "~/components/photo";

export const meta: MetaFunction<typeof loader> = titleMeta("creative.demos");

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
      <PageHeader
        title={t("creative.demos")}
        link={manages ? { to: "/bureau/demos/new", label: t("creative.newDemo") } : null}
      />
      <CreativeFilterForm
        county={filters.county}
        filters={[
          {
            name: "type",
            label: t("creative.field.type"),
            value: filters.type,
            options: DEMO_SITE_TYPES.map((type) => ({ value: type, label: t(`creative.type.${type}`) })),
          },
          {
            name: "status",
            label: t("creative.field.status"),
            value: filters.status,
            options: DEMO_SITE_STATUSES.map((s) => ({ value: s, label: t(`creative.status.${s}`) })),
          },
        ]}
      />
      {sites.length === 0 ? <p>{t("creative.noDemos")}</p> : null}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sites.map((site) => (
          <li key={site.id} className="card space-y-2">
            {site.photoIds[0] ? (
              <Photo
                src={`/uploads/${site.photoIds[0]}`}
                sizes="(min-width: 1024px) 20rem, (min-width: 640px) 50vw, 100vw"
                alt=""
                className="aspect-video w-full rounded object-cover"
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
