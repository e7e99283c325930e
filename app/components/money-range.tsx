import { formatMoney, formatMoneyRange } from "~/i18n/format";
import { useT } from "~/i18n/use-t";

/** A budget or price as people say it: a range, "from", "up to", one amount, or negotiable. */
export function MoneyRange({ minFen, maxFen }: { minFen: number | null; maxFen: number | null }) {
  const { t, locale } = useT();
  if (minFen === null && maxFen === null) return <>{t("money.negotiable")}</>;
  if (minFen === null) return <>{t("money.upTo", { max: formatMoney(locale, maxFen!) })}</>;
  if (maxFen === null) return <>{t("money.from", { min: formatMoney(locale, minFen) })}</>;
  if (minFen === maxFen) return <>{formatMoney(locale, minFen)}</>;
  return <>{formatMoneyRange(locale, minFen, maxFen)}</>;
}
