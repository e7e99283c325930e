import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";
import { parseServiceFilters, SERVICE_CATEGORIES, SERVICE_SORTS } from "~/modules/spaces/spaces.schema";
import { listServices } from "~/modules/spaces/spaces.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { FilterSelect } from "~/components/filter-select";
import { ServiceCard } from "~/components/spaces/service-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "spaces.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
  { name: "description", content: data ? translate(data.locale, "spaces.intro") : "" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseServiceFilters(new URL(request.url).searchParams);
  const [result, user, locale] = await Promise.all([
    listServices(filters),
    getOptionalUser(request),
    getLocale(request),
  ]);
  return { ...result, filters, canPost: can(user, "space.manageServices"), locale };
}

function Checkbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label className="col-span-2 flex min-h-11 items-center gap-2 text-sm sm:col-span-1 sm:self-end">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} className="h-5 w-5" />
      {label}
    </label>
  );
}

export default function ServicesPage() {
  const { services, total, page, pageCount, filters, canPost } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t, locale } = useT();
  const any = t("spaces.filter.any");
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
          <h1 className="text-2xl font-bold">{t("spaces.title")}</h1>
          <p className="mt-1 text-stone-700">{t("spaces.intro")}</p>
        </div>
        {canPost ? (
          <Link to="/services/new" className="btn-primary">
            {t("spaces.post")}
          </Link>
        ) : null}
      </header>
      {/* A plain GET form: the filters live in the URL, so a filtered list can be shared. */}
      <Form
        method="get"
        key={searchParams.toString()}
        className="card grid grid-cols-2 gap-3 sm:grid-cols-3"
        aria-label={t("spaces.filter.title")}
      >
        <label className="col-span-2 block space-y-1 text-sm sm:col-span-3">
          <span className="font-medium text-stone-800">{t("spaces.filter.q")}</span>
          <input type="search" name="q" defaultValue={filters.q ?? ""} className="input" />
        </label>
        <FilterSelect
          name="category"
          label={t("spaces.category")}
          value={filters.category}
          anyLabel={any}
          options={SERVICE_CATEGORIES.map((category) => ({
            value: category,
            label: t(`spaces.category.${category}`),
          }))}
        />
        <FilterSelect
          name="county"
          label={t("spaces.countiesServed")}
          value={filters.county}
          anyLabel={any}
          options={COUNTIES.map((item) => ({ value: item.code, label: localName(item, locale) }))}
        />
        <FilterSelect
          name="industry"
          label={t("spaces.industries")}
          value={filters.industry}
          anyLabel={any}
          options={INDUSTRIES.map((item) => ({ value: item.code, label: localName(item, locale) }))}
        />
        <FilterSelect
          name="sort"
          label={t("spaces.sort")}
          value={filters.sort}
          options={SERVICE_SORTS.map((sort) => ({ value: sort, label: t(`spaces.sort.${sort}`) }))}
        />
        <Checkbox name="free" label={t("spaces.filter.free")} checked={filters.free} />
        <Checkbox name="verified" label={t("spaces.filter.verified")} checked={filters.verified} />
        <div className="col-span-2 flex flex-wrap gap-3 sm:col-span-3">
          <button type="submit" className="btn-primary">
            {t("spaces.filter.submit")}
          </button>
          <Link to="/services" className="btn-secondary">
            {t("spaces.filter.reset")}
          </Link>
        </div>
      </Form>
      <p className="text-sm text-stone-600" aria-live="polite">
        {t("spaces.count", { count: total })}
      </p>
      {services.length === 0 ? (
        <div className="card text-center">
          <p>{t("spaces.empty")}</p>
          <p className="mt-1 text-sm text-stone-600">{t("spaces.emptyHint")}</p>
        </div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {services.map((service) => (
            <li key={service.id}>
              <ServiceCard service={service} />
            </li>
          ))}
        </ul>
      )}
      {pageCount > 1 ? (
        <nav aria-label={t("spaces.pagination")} className="flex items-center justify-between gap-3">
          {page > 1 ? pageLink(page - 1, t("spaces.pagination.prev"), "prev") : <span />}
          <span className="text-sm text-stone-600">
            {t("spaces.pagination.page", { page, pages: pageCount })}
          </span>
          {page < pageCount ? pageLink(page + 1, t("spaces.pagination.next"), "next") : <span />}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
