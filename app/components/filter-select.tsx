/** A filter of a GET list form: a labelled select whose first option means "any". */
export function FilterSelect({
  name,
  label,
  value,
  options,
  anyLabel,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  anyLabel?: string;
}) {
  return (
    <label className="block space-y-1 text-sm">
      <span className="font-medium text-stone-800">{label}</span>
      <select name={name} defaultValue={value ?? ""} className="input">
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
