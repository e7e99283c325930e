import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { COUNTIES, countyName, localName } from "~/modules/reference/reference";
import { TOWN_STATUSES, TownFiltersSchema } from "~/modules/towns/towns.schema";
import { listTowns } from "~/modules/towns/towns.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "towns.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

/** Public list of characteristic towns. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const filters = TownFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [towns, locale] = await Promise.all([listTowns(filters), getLocale(request)]);
  return { towns, filters, canCreate: can(viewer, "town.create"), locale };
}

export default function TownsPage() {
  const { towns, filters, canCreate } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("towns.title")}</h1>
        <p className="text-stone-700">{t("towns.intro")}</p>
        {canCreate ? (
          <Link to="/towns/new" className="btn-primary">
            {t("towns.new")}
          </Link>
        ) : null}
      </header>
      <Form method="get" className="card grid gap-2 sm:grid-cols-3">
        <select
          name="county"
          defaultValue={filters.county ?? ""}
          className="input"
          aria-label={t("towns.field.county")}
        >
          <option value="">{t("towns.filter.allCounties")}</option>
          {COUNTIES.map((county) => (
            <option key={county.code} value={county.code}>
              {localName(county, locale)}
            </option>
          ))}
        </select>
        <select
          name="status"
          defaultValue={filters.status ?? ""}
          className="input"
          aria-label={t("towns.field.status")}
        >
          <option value="">{t("towns.filter.allStatuses")}</option>
          {TOWN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`towns.status.${status}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn-secondary">
          {t("towns.filter.apply")}
        </button>
      </Form>
      {towns.length === 0 ? <p className="card text-stone-600">{t("towns.none")}</p> : null}
      <ul className="space-y-2">
        {towns.map((town) => (
          <li key={town.id} className="card space-y-1">
            <Link to={`/towns/${town.id}`} className="link text-lg font-semibold">
              {town.name}
            </Link>
            <p className="text-sm text-stone-700">
              {countyName(town.countyCode, locale)} · {t(`towns.status.${town.status}`)} ·{" "}
              {t("towns.projectCount", { n: town.projectCount })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
