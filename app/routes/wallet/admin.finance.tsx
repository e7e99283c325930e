import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormErrors, TextAreaField, TextField } from "~/components/forms";
import { formatDate, formatDateTime, formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/users/guards.server";
import { DepositFormSchema, FinanceActionSchema } from "~/modules/wallet/wallet.schema";
import {
  getFinanceDesk,
  markWithdrawalPaid,
  recordOfflineDeposit,
  rejectWithdrawal,
} from "~/modules/wallet/wallet.server";
import { walletHref } from "~/modules/wallet/wallet-links";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "finance.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

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
  const submission = parseWithZod(await request.formData(), { schema: FinanceActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const value = submission.value;
  const meta = requestMeta(request, context);
  try {
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
    return redirectWithToast("/admin/finance", { message: DONE[value.intent] });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function FinancePage() {
  const { pending, deposits, idempotencyKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useT();
  // Every form here posts to one action; the reply goes to the deposit form only when it came from it.
  const fromDeposit = lastResult?.initialValue?.intent === "deposit";
  const [form, fields] = useForm({
    id: "deposit",
    lastResult: fromDeposit ? lastResult : undefined,
    constraint: getZodConstraint(DepositFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DepositFormSchema }),
  });
  const rowErrors =
    !fromDeposit && lastResult?.error ? Object.values(lastResult.error).flatMap((list) => list ?? []) : [];
  const busy = navigation.state === "submitting";
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("finance.title")}</h1>

      <section aria-labelledby="deposit-title" className="card space-y-4">
        <h2 id="deposit-title" className="text-lg font-semibold">
          {t("finance.deposit.title")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors errors={form.errors} />
          <input type="hidden" name="intent" value="deposit" />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <TextField
            meta={fields.accountId}
            label={t("finance.deposit.accountId")}
            hint={t("finance.deposit.accountIdHint")}
            autoComplete="off"
          />
          <TextField meta={fields.amount} label={t("finance.deposit.amount")} inputMode="decimal" />
          <TextField
            meta={fields.bankReference}
            label={t("finance.deposit.bankReference")}
            autoComplete="off"
          />
          <TextField meta={fields.payerName} label={t("finance.deposit.payerName")} />
          <TextAreaField
            meta={fields.note}
            label={`${t("finance.deposit.note")} (${t("form.optional")})`}
            rows={2}
          />
          <button type="submit" className="btn-primary w-full" disabled={busy}>
            {t("finance.deposit.submit")}
          </button>
        </Form>
      </section>

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
            <li key={withdrawal.id} className="card space-y-3">
              <div className="flex flex-wrap items-baseline gap-2">
                <span className="text-lg font-semibold">{formatMoney(locale, withdrawal.amountFen)}</span>
                <Link to={walletHref(withdrawal.accountId)} className="link">
                  {withdrawal.accountLabel}
                </Link>
              </div>
              <p className="text-sm text-stone-700">
                {withdrawal.accountName} · {withdrawal.bankName} ·{" "}
                <span className="font-mono">
                  {withdrawal.accountNumber ?? `****${withdrawal.accountNumberTail}`}
                </span>
              </p>
              <p className="text-sm text-stone-600">
                {t("finance.pending.requestedBy", {
                  name: withdrawal.requestedBy,
                  date: formatDateTime(locale, withdrawal.createdAt),
                })}
              </p>
              <div className="grid gap-3 sm:grid-cols-2">
                <Form method="post" className="space-y-2">
                  <input type="hidden" name="intent" value="markPaid" />
                  <input type="hidden" name="withdrawalId" value={withdrawal.id} />
                  <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
                  <label className="block text-sm">
                    <span className="text-stone-700">{t("finance.pending.bankReference")}</span>
                    <input name="bankReference" required className="input mt-1" autoComplete="off" />
                  </label>
                  <button type="submit" className="btn-primary w-full" disabled={busy}>
                    {t("finance.pending.markPaid")}
                  </button>
                </Form>
                <Form method="post" className="space-y-2">
                  <input type="hidden" name="intent" value="reject" />
                  <input type="hidden" name="withdrawalId" value={withdrawal.id} />
                  <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
                  <label className="block text-sm">
                    <span className="text-stone-700">{t("finance.pending.reason")}</span>
                    <input name="reason" required minLength={2} maxLength={200} className="input mt-1" />
                  </label>
                  <button type="submit" className="btn-secondary w-full" disabled={busy}>
                    {t("finance.pending.reject")}
                  </button>
                </Form>
              </div>
            </li>
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
