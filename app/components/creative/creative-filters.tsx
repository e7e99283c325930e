import { FilterForm, type Filter } from "~/components/filter-select";
import { countyOptions } from "~/components/reference-fields";
import { useT } from "~/i18n/use-t";

/** The filters of the brand and demo-site lists: the county first, then the list's own. */
export function CreativeFilterForm({ county, filters }: { county?: string; filters: Filter[] }) {
  const { t, locale } = useT();
  const byCounty = {
    name: "county",
    label: t("creative.field.county"),
    value: county,
    options: countyOptions(locale),
  };
  return (
    <FilterForm
      anyLabel={t("creative.filter.all")}
      applyLabel={t("creative.filter.apply")}
      filters={[byCounty, ...filters]}
    />
  );
}
