import { Form } from "~/components/form";
import { SelectOptions, type SelectOption } from "~/components/forms";

export interface Filter {
  name: string;
  label: string;
  value?: string;
  options: SelectOption[];
}

/** A filter of a GET list form: a labelled select whose first option means "any". */
export function FilterSelect({ name, label, value, options, anyLabel }: Filter & { anyLabel?: string }) {
  return (
    <label className="block space-y-1 text-sm">
      <span className="font-medium text-stone-800">{label}</span>
      <select name={name} defaultValue={value ?? ""} className="input">
        <SelectOptions options={options} emptyLabel={anyLabel} />
      </select>
    </label>
  );
}

/** The sm-screen grid of a filter form: one column per filter and one for the button. */
const COLUMNS: Record<number, string> = { 1: "sm:grid-cols-2", 2: "sm:grid-cols-3", 3: "sm:grid-cols-4" };

/**
 * A list page's filters as a GET form (works without JavaScript and gives a link that can be
 * shared); each filter starts with the same "any" choice.
 */
export function FilterForm({
  filters,
  anyLabel,
  applyLabel,
}: {
  filters: Filter[];
  anyLabel: string;
  applyLabel: string;
}) {
  return (
    <Form method="get" className={`card grid gap-3 ${COLUMNS[filters.length]} sm:items-end`}>
      {filters.map((filter) => (
        <FilterSelect key={filter.name} {...filter} anyLabel={anyLabel} />
      ))}
      <button type="submit" className="btn-primary">
        {applyLabel}
      </button>
    </Form>
  );
}
