import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { formatDateTime, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { LEDGER_REASONS, type LedgerReasonCode } from "~/modules/ledger/ledger.schema";

/** Narrowing a statement by dates and reason; a plain GET form, so it works without JavaScript. */
export function StatementFilters({
  filters,
  resetHref,
}: {
  filters: { from?: string; to?: string; reason?: LedgerReasonCode };
  resetHref: string;
}) {
  const { t } = useT();
  return (
    <Form method="get" className="card grid gap-3 sm:grid-cols-4 sm:items-end">
      <label className="block text-sm">
        <span className="text-stone-700">{t("wallet.statement.from")}</span>
        <input type="date" name="from" defaultValue={filters.from ?? ""} className="input mt-1" />
      </label>
      <label className="block text-sm">
        <span className="text-stone-700">{t("wallet.statement.to")}</span>
        <input type="date" name="to" defaultValue={filters.to ?? ""} className="input mt-1" />
      </label>
      <label className="block text-sm">
        <span className="text-stone-700">{t("wallet.statement.reason")}</span>
        <select name="reason" defaultValue={filters.reason ?? ""} className="input mt-1">
          <option value="">{t("wallet.statement.allReasons")}</option>
          {LEDGER_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {t(`ledger.reason.${reason}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary flex-1">
          {t("wallet.statement.apply")}
        </button>
        <Link to={resetHref} className="btn-secondary">
          {t("wallet.statement.reset")}
        </Link>
      </div>
    </Form>
  );
}

/** A statement's lines: what moved, when and with whom, and the balance after it. */
export function StatementLines({
  lines,
}: {
  lines: {
    entryId: string;
    reason: LedgerReasonCode;
    amountFen: number;
    at: Date | string;
    counterpartyLabel: string;
    balanceFen: number;
    description: string;
  }[];
}) {
  const { t, locale } = useT();
  return (
    <ol className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
      {lines.map((line) => (
        <li key={line.entryId} className="grid grid-cols-[1fr_auto] gap-x-3 px-3 py-2">
          <span className="font-medium">{t(`ledger.reason.${line.reason}`)}</span>
          <span
            className={`text-right font-semibold ${line.amountFen > 0 ? "text-brand-800" : "text-stone-900"}`}
          >
            {line.amountFen > 0 ? "+" : "−"}
            {formatMoney(locale, Math.abs(line.amountFen))}
          </span>
          <span className="text-sm text-stone-600">
            {formatDateTime(locale, line.at)} · {line.counterpartyLabel}
          </span>
          <span className="text-right text-sm text-stone-600">
            {t("wallet.csv.balance")} {formatMoney(locale, line.balanceFen)}
          </span>
          {line.description ? (
            <span className="col-span-2 text-sm text-stone-700">{line.description}</span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
