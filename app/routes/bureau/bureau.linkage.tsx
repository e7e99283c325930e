import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LinkageList } from "~/components/linkage/linkage-views";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { MECHANISMS, OverviewFilterSchema } from "~/modules/linkage/linkage.schema";
import { linkageOverview } from "~/modules/linkage/linkage.server";
import { COUNTIES, localName } from "~/modules/reference/reference";
import { requirePermission } from "~/modules/users/guards.server";
import { fenToYuanText } from "~/utils/money";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("linkage.overview.title");

/** 利益联结: every organisation's linkages for the city bureau, the county's for a county officer. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "linkage.read");
  const filter = OverviewFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const overview = await linkageOverview(user, filter);
  return { ...overview, mechanism: filter.mechanism ?? null, locale: await getLocale(request) };
}

export default function LinkageOverviewPage() {
  const { t, locale } = useT();
  const { scope, countyCode, mechanism, linkages, total, paidByMechanism } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">
        {t(scope.kind === "county" ? "linkage.overview.countyTitle" : "linkage.overview.title")}
      </h1>
      <p className="text-stone-600">{t("linkage.overview.intro")}</p>
      <Form method="get" className="card grid gap-2 sm:grid-cols-3">
        {scope.kind === "city" ? (
          <select name="countyCode" defaultValue={countyCode ?? ""} aria-label={t("dashboard.col.county")}>
            <option value="">{t("linkage.overview.allCounties")}</option>
            {COUNTIES.map((county) => (
              <option key={county.code} value={county.code}>
                {localName(county, locale)}
              </option>
            ))}
          </select>
        ) : null}
        <select name="mechanism" defaultValue={mechanism ?? ""} aria-label={t("linkage.mechanism")}>
          <option value="">{t("linkage.overview.allMechanisms")}</option>
          {MECHANISMS.map((m) => (
            <option key={m} value={m}>
              {t(`linkage.mechanism.${m}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn-secondary">
          {t("linkage.overview.filter")}
        </button>
      </Form>
      <section className="card space-y-1" aria-labelledby="by-mechanism">
        <h2 id="by-mechanism" className="font-semibold">
          {t("linkage.overview.byMechanism")}
        </h2>
        <ul className="grid grid-cols-2 gap-1 text-sm">
          {MECHANISMS.map((m) => (
            <li key={m}>
              {t(`linkage.mechanism.${m}`)}：{fenToYuanText(paidByMechanism[m] ?? 0)}
            </li>
          ))}
        </ul>
      </section>
      <p>{t("linkage.overview.total", { n: total })}</p>
      <LinkageList rows={linkages} showOrganisation />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
