import { formatMoney, formatMoneyRange } from "~/i18n/format";
import type { Locale, MessageKey, Params } from "~/i18n/i18n";

type T = (key: MessageKey, params?: Params) => string;

/** A budget as people say it: a range, "from", "up to", or negotiable. */
export function budgetText(t: T, locale: Locale, minFen: number | null, maxFen: number | null): string {
  if (minFen !== null && maxFen !== null) {
    return minFen === maxFen ? formatMoney(locale, minFen) : formatMoneyRange(locale, minFen, maxFen);
  }
  if (minFen !== null) return t("needs.budgetFrom", { min: formatMoney(locale, minFen) });
  if (maxFen !== null) return t("needs.budgetUpTo", { max: formatMoney(locale, maxFen) });
  return t("needs.budgetOpen");
}

export const STATUS_TONE: Record<string, string> = {
  DRAFT: "bg-stone-200 text-stone-700",
  OPEN: "bg-brand-100 text-brand-800",
  IN_PROGRESS: "bg-sky-100 text-sky-900",
  COMPLETED: "bg-violet-100 text-violet-900",
  CLOSED: "bg-stone-200 text-stone-700",
  EXPIRED: "bg-stone-200 text-stone-700",
};
