import { useT } from "~/i18n/use-t";
import { countyName } from "~/modules/reference/reference";

/** Tells a county officer that the page shows its own county only (the filter is the account's). */
export function CountyFixedNote({ countyCode }: { countyCode: string | undefined }) {
  const { t, locale } = useT();
  return (
    <p role="note" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900">
      {t("counties.dashboard.countyFixed", { county: countyName(countyCode, locale) ?? "" })}
    </p>
  );
}
