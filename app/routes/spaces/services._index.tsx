import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingIndex } from "~/components/listings/listing-index";
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
  return (
    <ListingIndex
      ns="spaces"
      newHref="/services/new"
      canPost={canPost}
      items={services}
      total={total}
      page={page}
      pageCount={pageCount}
      card={(service) => <ServiceCard service={service} />}
      filters={
        // A plain GET form: the filters live in the URL, so a filtered list can be shared.
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
      }
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
