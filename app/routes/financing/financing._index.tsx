import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { NeedListQuerySchema, NEED_STATUSES } from "~/modules/financing/financing.schema";
import { financingStanding, listFinancingNeeds, readsFinancing } from "~/modules/financing/financing.server";
import { countyName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("financing.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = NeedListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [standing, locale] = await Promise.all([financingStanding(user), getLocale(request)]);
  if (!readsFinancing(standing)) {
    return { reads: false as const, rows: [], canPost: false, query, locale };
  }
  const { rows } = await listFinancingNeeds(user, query);
  return { reads: true as const, rows, canPost: standing.posters.length > 0, query, locale };
}

export default function FinancingList() {
  const { reads, rows, canPost, query } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("financing.title")}</h1>
        <p className="text-stone-600">{t("financing.intro")}</p>
        {canPost ? (
          <Link to="/financing/new" className="btn-primary inline-flex">
            {t("financing.post")}
          </Link>
        ) : null}
      </header>
      {!reads ? (
        <p className="card text-stone-700">{t("financing.post.noOrganisation")}</p>
      ) : (
        <>
          <Form method="get" className="flex flex-wrap items-end gap-2">
            <label className="space-y-1">
              <span className="sr-only">{t("financing.list.statusAll")}</span>
              <select name="status" defaultValue={query.status ?? ""} className="input">
                <option value="">{t("financing.list.statusAll")}</option>
                {NEED_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t(`financing.status.${status}`)}
                  </option>
                ))}
              </select>
            </label>
            {canPost ? (
              <label className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="mine" value="1" defaultChecked={query.mine} />
                {t("financing.list.mine")}
              </label>
            ) : null}
            <button type="submit" className="btn-secondary">
              {t("financing.list.filter")}
            </button>
          </Form>
          {rows.length === 0 ? <p className="card text-stone-600">{t("financing.list.empty")}</p> : null}
          <ul className="space-y-2" aria-label={t("financing.title")}>
            {rows.map((row) => (
              <li key={row.id} className="card space-y-1 p-3">
                <Link to={`/financing/${row.id}`} className="block font-semibold text-brand-800 underline">
                  {formatMoney(locale, row.amountFen)} · {row.use.slice(0, 60)}
                </Link>
                <p className="text-sm text-stone-600">
                  {row.organisation.name} · {countyName(row.countyCode, locale)} ·{" "}
                  {t("financing.need.term", { months: row.termMonths })} ·{" "}
                  {t(`financing.collateral.${row.collateralKind}`)}
                </p>
                <p className="text-sm">
                  <span className="font-medium">{t(`financing.status.${row.status}`)}</span> ·{" "}
                  {t("financing.list.offers", { count: row._count.offers })} ·{" "}
                  {formatDate(locale, row.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
