import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/forms";
import { DepositForm, PendingWithdrawal } from "~/components/wallet/finance-desk";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/users/guards.server";
import { FinanceActionSchema } from "~/modules/wallet/wallet.schema";
import {
  getFinanceDesk,
  markWithdrawalPaid,
  recordOfflineDeposit,
  rejectWithdrawal,
} from "~/modules/wallet/wallet.server";
import { walletHref } from "~/modules/wallet/wallet-links";
import { submitForm } from "~/utils/form-action.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = titleMeta("finance.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "finance.manage");
  const locale = await getLocale(request);
  return { ...(await getFinanceDesk(user, locale)), idempotencyKey: crypto.randomUUID(), locale };
}

const DONE = {
  deposit: "finance.deposit.recorded",
  markPaid: "finance.pending.paid",
  reject: "finance.pending.rejected",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "finance.manage");
  const meta = requestMeta(request, context);
  return submitForm(request, FinanceActionSchema, async (value) => {
    if (value.intent === "deposit") {
      const { accountId, amount, bankReference, payerName, note } = value;
      await recordOfflineDeposit(
        user,
        { accountId, amountFen: amount, bankReference, payerName, note },
        value.idempotencyKey,
        meta,
      );
    } else if (value.intent === "markPaid") {
      await markWithdrawalPaid(user, value.withdrawalId, value.bankReference, value.idempotencyKey, meta);
    } else {
      await rejectWithdrawal(user, value.withdrawalId, value.reason, value.idempotencyKey, meta);
    }
    return { redirectTo: "/admin/finance", toast: { message: DONE[value.intent] } };
  });
}

export default function FinancePage() {
  const { pending, deposits, idempotencyKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  // Every form here posts to one action; the reply goes to the deposit form only when it came from it.
  const fromDeposit = lastResult?.initialValue?.intent === "deposit";
  const rowErrors =
    !fromDeposit && lastResult?.error ? Object.values(lastResult.error).flatMap((list) => list ?? []) : [];
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("finance.title")}</h1>

      <DepositForm lastResult={fromDeposit ? lastResult : undefined} idempotencyKey={idempotencyKey} />

      <section aria-labelledby="pending-title" className="space-y-3">
        <h2 id="pending-title" className="text-lg font-semibold">
          {t("finance.pending.title")}
        </h2>
        {rowErrors.length ? (
          <div role="alert" className="rounded-lg border-l-4 border-red-600 bg-red-50 px-4 py-3">
            <ErrorList errors={rowErrors} />
          </div>
        ) : null}
        {pending.length === 0 ? <p className="text-stone-600">{t("finance.pending.none")}</p> : null}
        <ul className="space-y-3">
          {pending.map((withdrawal) => (
            <PendingWithdrawal key={withdrawal.id} withdrawal={withdrawal} idempotencyKey={idempotencyKey} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="deposits-title" className="space-y-3">
        <h2 id="deposits-title" className="text-lg font-semibold">
          {t("finance.deposits.title")}
        </h2>
        {deposits.length === 0 ? <p className="text-stone-600">{t("finance.deposits.none")}</p> : null}
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {deposits.map((deposit) => (
            <li key={deposit.id} className="flex flex-wrap items-baseline gap-x-3 px-3 py-2">
              <span className="font-medium">{formatMoney(locale, deposit.amountFen)}</span>
              <Link to={walletHref(deposit.accountId)} className="link">
                {deposit.accountLabel}
              </Link>
              <span className="text-sm text-stone-600">
                {deposit.payerName} · {deposit.bankReference}
              </span>
              <span className="ml-auto text-sm text-stone-600">{formatDate(locale, deposit.createdAt)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
