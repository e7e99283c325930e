import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Link, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, TextAreaField, TextField } from "~/components/forms";
import { formatDateTime, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { DepositFormSchema } from "~/modules/wallet/wallet.schema";
import { walletHref } from "~/modules/wallet/wallet-links";

/** The finance desk records a bank transfer received offline as a deposit into a wallet. */
export function DepositForm({
  lastResult,
  idempotencyKey,
}: {
  lastResult?: SubmissionResult<string[]>;
  idempotencyKey: string;
}) {
  const { t } = useT();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "deposit",
    lastResult,
    constraint: getZodConstraint(DepositFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DepositFormSchema }),
  });
  return (
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
  );
}

export interface PendingWithdrawalData {
  id: string;
  amountFen: number;
  accountId: string;
  accountLabel: string;
  accountName: string;
  bankName: string;
  accountNumber: string | null;
  accountNumberTail: string;
  requestedBy: string;
  createdAt: Date | string;
  /** A claw-back the wallet still owes: no payout until it is repaid. */
  owedFen: number;
}

/** A withdrawal waiting for the finance desk: pay it (with the bank's reference) or refuse it. */
export function PendingWithdrawal({
  withdrawal,
  idempotencyKey,
}: {
  withdrawal: PendingWithdrawalData;
  idempotencyKey: string;
}) {
  const { t, locale } = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <li className="card space-y-3">
      <div className="flex flex-wrap items-baseline gap-2">
        <span className="text-lg font-semibold">{formatMoney(locale, withdrawal.amountFen)}</span>
        <Link to={walletHref(withdrawal.accountId)} className="link">
          {withdrawal.accountLabel}
        </Link>
      </div>
      <p className="text-sm text-stone-700">
        {withdrawal.accountName} · {withdrawal.bankName} ·{" "}
        <span className="font-mono">{withdrawal.accountNumber ?? `****${withdrawal.accountNumberTail}`}</span>
      </p>
      <p className="text-sm text-stone-600">
        {t("finance.pending.requestedBy", {
          name: withdrawal.requestedBy,
          date: formatDateTime(locale, withdrawal.createdAt),
        })}
      </p>
      {withdrawal.owedFen > 0 ? (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {t("finance.pending.debtOpen", { amount: formatMoney(locale, withdrawal.owedFen) })}
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {withdrawal.owedFen > 0 ? null : (
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
        )}
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
  );
}
