import type { ComponentProps } from "react";
import { SelectField, type SelectOption } from "~/components/forms";
import type { Locale } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";

/** The counties as choices of a select, named in the page's language. */
export function countyOptions(locale: Locale): SelectOption[] {
  return COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }));
}

/** The industries as choices of a select, named in the page's language. */
export function industryOptions(locale: Locale): SelectOption[] {
  return INDUSTRIES.map((industry) => ({ value: industry.code, label: localName(industry, locale) }));
}

/** A form's choice of one county. */
export function CountyField(props: Omit<ComponentProps<typeof SelectField>, "options">) {
  const { locale } = useT();
  return <SelectField {...props} options={countyOptions(locale)} />;
}
