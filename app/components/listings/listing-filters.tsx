import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import type { ReactNode } from "react";
import { FilterSelect } from "~/components/filter-select";
import { useT } from "~/i18n/use-t";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";

/*
 * The search and filters of a public catalogue (offers, services, the spaces directory): a GET form,
 * so the filters live in the URL, work without JavaScript and a filtered list can be shared.
 */

/** The form, its filters, then "search" and a link back to the unfiltered list. */
export function ListingFilterForm({
  ns,
  resetTo,
  children,
}: {
  ns: "offers" | "spaces";
  resetTo: string;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <Form
      method="get"
      className="card grid grid-cols-2 gap-3 sm:grid-cols-3"
      aria-label={t(`${ns}.filter.title`)}
    >
      {children}
      <div className="col-span-2 flex flex-wrap gap-3 sm:col-span-3">
        <button type="submit" className="btn-primary">
          {t(`${ns}.filter.submit`)}
        </button>
        <Link to={resetTo} className="btn-secondary">
          {t(`${ns}.filter.reset`)}
        </Link>
      </div>
    </Form>
  );
}

/** The words to search for, across the form's full width. */
export function FilterSearch({ label, value }: { label: string; value?: string }) {
  return (
    <label className="col-span-2 block space-y-1 text-sm sm:col-span-3">
      <span className="font-medium text-stone-800">{label}</span>
      <input type="search" name="q" defaultValue={value ?? ""} className="input" />
    </label>
  );
}

/** A yes-only filter: checked sends `name=1`, unchecked sends nothing. */
export function FilterCheckbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label className="col-span-2 flex min-h-11 items-center gap-2 text-sm sm:col-span-1 sm:self-end">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} className="h-5 w-5" />
      {label}
    </label>
  );
}

interface ReferenceFilterProps {
  label: string;
  value?: string;
  anyLabel: string;
}

/** The `county` filter, with the reference counties in the reader's language. */
export function CountyFilter({ label, value, anyLabel }: ReferenceFilterProps) {
  const { locale } = useT();
  const options = COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }));
  return <FilterSelect name="county" label={label} value={value} anyLabel={anyLabel} options={options} />;
}

/** The `industry` filter, with the reference industries in the reader's language. */
export function IndustryFilter({ label, value, anyLabel }: ReferenceFilterProps) {
  const { locale } = useT();
  const options = INDUSTRIES.map((industry) => ({
    value: industry.code,
    label: localName(industry, locale),
  }));
  return <FilterSelect name="industry" label={label} value={value} anyLabel={anyLabel} options={options} />;
}

/** A filter's options from a fixed list of values, each with its words. */
export function optionsOf<Value extends string>(values: readonly Value[], label: (value: Value) => string) {
  return values.map((value) => ({ value, label: label(value) }));
}
