import { formatDate, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";

/** The withdrawals asked for from the viewer's accounts, with where each stands. */
export function WithdrawalHistory({
  withdrawals,
}: {
  withdrawals: {
    id: string;
    amountFen: number;
    bankName: string;
    accountNumberTail: string;
    createdAt: Date | string;
    status: "REQUESTED" | "PAID" | "REJECTED" | "SEIZED";
    rejectReason: string | null;
  }[];
}) {
  const { t, locale } = useT();
  return (
    <section aria-labelledby="withdrawals-title" className="space-y-3">
      <h2 id="withdrawals-title" className="text-lg font-semibold">
        {t("wallet.withdrawals.title")}
      </h2>
      {withdrawals.length === 0 ? <p className="text-stone-600">{t("wallet.withdrawals.none")}</p> : null}
      <ul className="space-y-2">
        {withdrawals.map((withdrawal) => (
          <li key={withdrawal.id} className="card flex flex-wrap items-center gap-2">
            <span className="font-medium">{formatMoney(locale, withdrawal.amountFen)}</span>
            <span className="text-sm text-stone-600">
              {t("wallet.withdrawal.to", { bank: withdrawal.bankName, tail: withdrawal.accountNumberTail })}
            </span>
            <span className="text-sm text-stone-600">{formatDate(locale, withdrawal.createdAt)}</span>
            <span className="ml-auto rounded-full bg-stone-100 px-2 py-0.5 text-sm">
              {t(`wallet.withdrawal.status.${withdrawal.status}`)}
            </span>
            {withdrawal.rejectReason ? (
              <p className="w-full text-sm text-stone-700">{withdrawal.rejectReason}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
