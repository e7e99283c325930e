import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatementFilters, StatementLines } from "~/components/wallet/statement-sections";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { StatementFiltersSchema } from "~/modules/ledger/ledger.schema";
import { requireUser } from "~/modules/users/guards.server";
import { getAccountStatement } from "~/modules/wallet/wallet.server";
import { walletHref } from "~/modules/wallet/wallet-links";
import { domainErrorResponse } from "~/utils/errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "wallet.statement.title")} · ${data.account.label}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const filters = StatementFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await getAccountStatement(user, params.accountId ?? "", filters, locale).catch(
    (error: unknown) => {
      throw domainErrorResponse(error);
    },
  );
  // The memo stays in the API; the page shows each line's description, never a raw memo.
  const lines = result.lines.map(({ memo: _memo, ...line }) => line);
  return { ...result, lines, filters, locale };
}

/** The page's query string with some parameters changed (empty ones dropped). */
function query(filters: Record<string, string | number | undefined>): string {
  const entries = Object.entries(filters).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== "",
  );
  const text = new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString();
  return text ? `?${text}` : "";
}

export default function StatementPage() {
  const { account, lines, total, pages, filters } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const href = walletHref(account.id);
  const kept = { from: filters.from, to: filters.to, reason: filters.reason };
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      {account.canManage ? (
        <p>
          <Link to="/wallet" className="link">
            {t("wallet.statement.back")}
          </Link>
        </p>
      ) : null}
      <div className="flex flex-wrap items-baseline gap-2">
        <h1 className="text-2xl font-bold">
          {t("wallet.statement.title")} · {account.label}
        </h1>
        <p className="ml-auto text-xl font-bold text-brand-800">
          {t("wallet.balance")} {formatMoney(locale, account.balanceFen)}
        </p>
      </div>
      {account.owedFen > 0 ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          <strong>{t("wallet.owed", { amount: formatMoney(locale, account.owedFen) })}</strong>{" "}
          {t("wallet.owedHint")}
        </p>
      ) : null}
      {account.canManage ? null : (
        <p className="rounded-lg bg-sky-50 px-3 py-2 text-sm text-sky-900">
          {t("wallet.statement.readOnly")}
        </p>
      )}

      <StatementFilters filters={filters} resetHref={href} />

      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-stone-600">{t("wallet.statement.count", { total })}</span>
        {/* A plain link: the browser downloads the file, no JavaScript needed. */}
        <a href={`${href}/statement.csv${query(kept)}`} className="link ml-auto" download>
          {t("wallet.statement.csv")}
        </a>
      </div>

      {lines.length === 0 ? <p className="card text-stone-600">{t("wallet.statement.empty")}</p> : null}
      <StatementLines lines={lines} />

      {pages > 1 ? (
        <nav
          className="flex items-center justify-between gap-2"
          aria-label={t("wallet.statement.page", { page: filters.page, pages })}
        >
          {filters.page > 1 ? (
            <Link to={query({ ...kept, page: filters.page - 1 })} className="btn-secondary">
              {t("wallet.statement.prev")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-stone-600">
            {t("wallet.statement.page", { page: filters.page, pages })}
          </span>
          {filters.page < pages ? (
            <Link to={query({ ...kept, page: filters.page + 1 })} className="btn-secondary">
              {t("wallet.statement.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
