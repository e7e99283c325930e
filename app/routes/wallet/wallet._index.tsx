import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { WithdrawalHistory } from "~/components/wallet/withdrawal-history";
import { formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/users/guards.server";
import { WithdrawalFormSchema } from "~/modules/wallet/wallet.schema";
import { listWithdrawals, myAccounts, requestWithdrawal } from "~/modules/wallet/wallet.server";
import { walletHref } from "~/modules/wallet/wallet-links";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "wallet.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const accounts = await myAccounts(user);
  const withdrawals = await listWithdrawals(accounts.map((account) => account.accountId));
  // A fresh key per render: a double submit of this form replays instead of withdrawing twice.
  return { accounts, withdrawals, idempotencyKey: crypto.randomUUID(), locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: WithdrawalFormSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const { amount, idempotencyKey, ...bank } = submission.value;
  try {
    await requestWithdrawal(
      user,
      { ...bank, amountFen: amount },
      idempotencyKey,
      requestMeta(request, context),
    );
    return redirectWithToast("/wallet", { message: "wallet.withdraw.requested" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function WalletPage() {
  const { accounts, withdrawals, idempotencyKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: "withdraw",
    lastResult,
    constraint: getZodConstraint(WithdrawalFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WithdrawalFormSchema }),
  });
  const nameOf = (account: (typeof accounts)[number]) => account.organisationName ?? t("wallet.personal");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("wallet.title")}</h1>
      <p className="text-stone-700">{t("wallet.intro")}</p>
      <ul className="space-y-3">
        {accounts.map((account) => (
          <li key={account.accountId} className="card space-y-2">
            <div className="flex flex-wrap items-baseline gap-2">
              <h2 className="font-semibold">{nameOf(account)}</h2>
              <p className="ml-auto text-xl font-bold text-brand-800">
                <span className="sr-only">{t("wallet.balance")} </span>
                {formatMoney(locale, account.balanceFen)}
              </p>
            </div>
            {account.owedFen > 0 ? (
              <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
                <strong>{t("wallet.owed", { amount: formatMoney(locale, account.owedFen) })}</strong>{" "}
                {t("wallet.owedHint")}
              </p>
            ) : null}
            <p className="text-sm text-stone-600">
              {t("wallet.depositHint", { accountId: account.accountId })}
            </p>
            <p className="flex flex-wrap gap-4">
              <Link to={walletHref(account.accountId)} className="link">
                {t("wallet.viewStatement")}
              </Link>
              {account.administeredOrganisationId ? (
                <Link to={`/orgs/${account.administeredOrganisationId}/finance`} className="link">
                  {t("wallet.permissions.title")}
                </Link>
              ) : null}
            </p>
          </li>
        ))}
      </ul>

      <section aria-labelledby="withdraw-title" className="card space-y-4">
        <h2 id="withdraw-title" className="text-lg font-semibold">
          {t("wallet.withdraw.title")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors errors={form.errors} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <SelectField
            meta={fields.accountId}
            label={t("wallet.withdraw.account")}
            options={accounts.map((account) => ({
              value: account.accountId,
              label: `${nameOf(account)} · ${formatMoney(locale, account.balanceFen)}`,
            }))}
          />
          <TextField
            meta={fields.amount}
            label={t("wallet.withdraw.amount")}
            hint={t("wallet.withdraw.amountHint")}
            inputMode="decimal"
          />
          <TextField meta={fields.bankName} label={t("wallet.withdraw.bankName")} />
          <TextField meta={fields.accountName} label={t("wallet.withdraw.accountName")} autoComplete="name" />
          <TextField
            meta={fields.accountNumber}
            label={t("wallet.withdraw.accountNumber")}
            hint={t("wallet.withdraw.accountNumberHint")}
            inputMode="decimal"
            autoComplete="off"
          />
          <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
            {t("wallet.withdraw.submit")}
          </button>
        </Form>
      </section>

      <WithdrawalHistory withdrawals={withdrawals} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
