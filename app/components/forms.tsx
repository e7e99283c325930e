import type { SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";

/** Field errors arrive as message keys from the shared zod schema; shown in the page's language. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { tMaybe } = useT();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
      {errors.map((error) => (
        <li key={error}>{tMaybe(error)}</li>
      ))}
    </ul>
  );
}

interface FieldShell {
  label: string;
  hint?: string;
  errors?: string[];
  errorId: string;
  hintId: string;
  children: ReactNode;
  htmlFor: string;
}

export function FieldShell({ label, hint, errors, errorId, hintId, children, htmlFor }: FieldShell) {
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className="block font-medium text-stone-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

type Meta = {
  id: string;
  name: string;
  errors?: string[];
  initialValue?: unknown;
  errorId: string;
  descriptionId: string;
};

/** What every field component takes: the conform field, its label and an optional hint. */
interface FieldProps {
  meta: Meta;
  label: string;
  hint?: string;
}

function describedBy(meta: Meta, hint?: string): string | undefined {
  const ids = [meta.errors?.length ? meta.errorId : null, hint ? meta.descriptionId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** The label, hint and errors around one control of a conform form. */
function MetaFieldShell({ meta, label, hint, children }: FieldProps & { children: ReactNode }) {
  return (
    <FieldShell
      label={label}
      hint={hint}
      errors={meta.errors}
      errorId={meta.errorId}
      hintId={meta.descriptionId}
      htmlFor={meta.id}
    >
      {children}
    </FieldShell>
  );
}

/** What every control of a field carries: its id and name, and how it is described when invalid. */
function controlProps(meta: Meta, hint?: string) {
  return {
    id: meta.id,
    name: meta.name,
    className: "input",
    "aria-invalid": meta.errors?.length ? true : undefined,
    "aria-describedby": describedBy(meta, hint),
  };
}

export interface SelectOption {
  value: string;
  label: string;
}

/** The options of a select, led by an empty choice when `emptyLabel` is given. */
export function SelectOptions({ options, emptyLabel }: { options: SelectOption[]; emptyLabel?: string }) {
  return (
    <>
      {emptyLabel ? <option value="">{emptyLabel}</option> : null}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </>
  );
}

export function TextField({
  meta,
  label,
  hint,
  type = "text",
  autoComplete,
  inputMode,
}: FieldProps & {
  type?: "text" | "password" | "email" | "tel" | "date";
  autoComplete?: string;
  inputMode?: "text" | "tel" | "email" | "decimal" | "numeric";
}) {
  return (
    <MetaFieldShell meta={meta} label={label} hint={hint}>
      <input
        {...controlProps(meta, hint)}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        // Passwords are never sent back to the page, even when the form comes back with errors.
        defaultValue={type === "password" ? undefined : (meta.initialValue as string | undefined)}
      />
    </MetaFieldShell>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  options,
  placeholder,
}: FieldProps & { options: SelectOption[]; placeholder?: string }) {
  return (
    <MetaFieldShell meta={meta} label={label} hint={hint}>
      <select {...controlProps(meta, hint)} defaultValue={(meta.initialValue as string | undefined) ?? ""}>
        <SelectOptions options={options} emptyLabel={placeholder} />
      </select>
    </MetaFieldShell>
  );
}

/**
 * One checkbox of a conform form: a confirmation the schema requires (`required` then also stops
 * the browser from sending it unticked) or a yes/no choice. Ticked again when the form comes back
 * with errors; `after` is shown between the box and its errors (e.g. a link to the full text).
 */
export function CheckboxField({
  meta,
  label,
  required,
  after,
}: {
  meta: Meta;
  label: string;
  required?: boolean;
  after?: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label className="flex min-h-11 items-start gap-2">
        <input
          type="checkbox"
          id={meta.id}
          name={meta.name}
          value="on"
          defaultChecked={meta.initialValue === "on"}
          required={required}
          className="mt-1 h-5 w-5 flex-none accent-brand-700"
          aria-invalid={meta.errors?.length ? true : undefined}
          aria-describedby={meta.errors?.length ? meta.errorId : undefined}
        />
        <span>{label}</span>
      </label>
      {after}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function FormErrors({ errors }: { errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div role="alert" className="rounded-lg border-l-4 border-red-600 bg-red-50 px-4 py-3">
      <ErrorList errors={errors} />
    </div>
  );
}

/**
 * A group of checkboxes sharing one name (the schema reads one value or several). Checked state
 * comes from the field's initial value, so a form returned with errors keeps the choices.
 */
export function CheckboxGroup({
  meta,
  legend,
  hint,
  options,
  columns = 2,
}: {
  meta: Meta;
  legend: string;
  hint?: string;
  options: SelectOption[];
  columns?: 1 | 2 | 3;
}) {
  const initial = meta.initialValue;
  const checked = new Set(
    Array.isArray(initial) ? (initial as string[]) : typeof initial === "string" ? [initial] : [],
  );
  const grid = { 1: "grid-cols-1", 2: "grid-cols-2", 3: "grid-cols-2 sm:grid-cols-3" }[columns];
  return (
    <fieldset
      aria-describedby={meta.errors?.length ? meta.errorId : undefined}
      aria-invalid={meta.errors?.length ? true : undefined}
    >
      <legend className="font-medium text-stone-800">{legend}</legend>
      {hint ? <p className="text-sm text-stone-600">{hint}</p> : null}
      <div className={`mt-2 grid gap-2 ${grid}`}>
        {options.map((option) => (
          <label
            key={option.value}
            className="flex min-h-11 items-center gap-2 rounded-lg border border-stone-200 bg-white px-3 py-2"
          >
            <input
              type="checkbox"
              name={meta.name}
              value={option.value}
              defaultChecked={checked.has(option.value)}
              className="h-5 w-5 flex-none accent-brand-700"
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

export function TextAreaField({ meta, label, hint, rows = 5 }: FieldProps & { rows?: number }) {
  return (
    <MetaFieldShell meta={meta} label={label} hint={hint}>
      <textarea
        {...controlProps(meta, hint)}
        rows={rows}
        defaultValue={meta.initialValue as string | undefined}
      />
    </MetaFieldShell>
  );
}

/** A file input for photos (JPEG, PNG or WebP); several may be chosen at once. */
export function PhotosField({ label }: { label: string }) {
  return (
    <label className="block space-y-1">
      <span className="block font-medium text-stone-800">{label}</span>
      <input
        type="file"
        name="photos"
        accept="image/jpeg,image/png,image/webp"
        multiple
        className="block w-full"
      />
    </label>
  );
}

/** On a page with several forms, only the one that was submitted shows the action's reply. */
export function replyFor(lastResult: SubmissionResult<string[]> | undefined, intent: string) {
  const submitted = (lastResult?.initialValue as { intent?: unknown } | undefined)?.intent;
  return submitted === intent ? lastResult : undefined;
}
