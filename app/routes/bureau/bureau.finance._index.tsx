import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate, formatMoney } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import {
  listFinanceQueue,
  listProgrammeAccounts,
} from "~/modules/programmes/programmes.cosign.queries.server";
import { requirePermission } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { walletHref } from "~/modules/wallet/wallet-links";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "cosign.financeTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

/** The finance bureau's desk: every programme's money, and what waits for its signature (the science bureau reads it too). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "finance.read");
  const [accounts, queue, locale] = await Promise.all([
    listProgrammeAccounts(),
    listFinanceQueue(),
    getLocale(request),
  ]);
  // The science bureau reads the same desk; its links go to its own application page.
  const base = can(user, "programme.cosign")
    ? "/bureau/finance/applications"
    : "/bureau/programmes/applications";
  return { accounts, queue, locale, base };
}

export default function FinanceDesk() {
  const { t, locale } = useT();
  const { accounts, queue, base } = useLoaderData<typeof loader>();
  const empty = queue.proposals.length === 0 && queue.evaluations.length === 0;
  return (
    <section className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("cosign.financeTitle")}</h1>
      <p>{t("cosign.financeIntro")}</p>
      <div className="card space-y-2">
        <h2 className="font-semibold">{t("cosign.queue")}</h2>
        {empty ? <p>{t("cosign.queueEmpty")}</p> : null}
        <ul className="space-y-2">
          {queue.proposals.map((row) => (
            <li key={row.id}>
              <Link to={`${base}/${row.application.id}`} className="link">
                {row.application.title}
              </Link>{" "}
              · {row.application.programme.title} · {formatDate(locale, row.proposedAt)}
              <br />
              {t("cosign.queueProposal", {
                amount: formatMoney(locale, row.amountFen),
                organisation: row.organisation,
                name: row.by,
              })}
            </li>
          ))}
          {queue.evaluations.map((row) => (
            <li key={row.id}>
              <Link to={`${base}/${row.application.id}`} className="link">
                {row.application.title}
              </Link>{" "}
              · {row.application.programme.title} · {formatDate(locale, row.evaluatedAt)}
              <br />
              {t("cosign.queueEvaluation", {
                score: row.score,
                organisation: row.organisation,
                name: row.by,
              })}
            </li>
          ))}
        </ul>
      </div>
      <div className="card space-y-2 overflow-x-auto">
        <h2 className="font-semibold">{t("cosign.accounts")}</h2>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-stone-600">
              <th className="py-1 pr-2">{t("cosign.programme")}</th>
              <th className="py-1 pr-2 text-right">{t("cosign.budget")}</th>
              <th className="py-1 pr-2 text-right">{t("cosign.paid")}</th>
              <th className="py-1 pr-2 text-right">{t("cosign.pending")}</th>
              <th className="py-1 pr-2 text-right">{t("cosign.remaining")}</th>
              <th className="py-1 text-right">{t("cosign.balance")}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id} className="border-t border-stone-200 align-top">
                <td className="py-1 pr-2">
                  {account.title}
                  <br />
                  <Link to={walletHref(account.accountId)} className="link">
                    {t("cosign.statement")}
                  </Link>
                </td>
                <td className="py-1 pr-2 text-right">{formatMoney(locale, account.budgetFen)}</td>
                <td className="py-1 pr-2 text-right">{formatMoney(locale, account.paidFen)}</td>
                <td className="py-1 pr-2 text-right">{formatMoney(locale, account.pendingFen)}</td>
                <td className="py-1 pr-2 text-right">{formatMoney(locale, account.remainingFen)}</td>
                <td className="py-1 text-right">{formatMoney(locale, account.balanceFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
