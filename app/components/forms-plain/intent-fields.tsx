import { ErrorList } from "~/components/forms";

/** What a page with several plain forms answers: which form was posted and its field errors. */
export interface IntentAnswer {
  intent: string;
  reply: { error?: Record<string, string[] | null> | null };
}

/** The errors of one field of one of the page's forms, or none when another form was posted. */
export function intentErrors(answer: IntentAnswer | undefined, intent: string, field: string) {
  return answer?.intent === intent ? (answer.reply.error?.[field] ?? undefined) : undefined;
}

/** A labelled input of a plain form (works without JavaScript), with its errors below it. */
export function PlainField({
  name,
  label,
  errors,
  type = "text",
  inputMode,
  defaultValue,
  multiline = false,
}: {
  name: string;
  label: string;
  errors?: string[] | null;
  type?: "text" | "date" | "number";
  inputMode?: "numeric" | "decimal" | "text";
  defaultValue?: string;
  multiline?: boolean;
}) {
  const errorId = `${name}-error`;
  return (
    <label className="block space-y-1">
      <span className="block font-medium text-stone-800">{label}</span>
      {multiline ? (
        <textarea
          name={name}
          rows={4}
          className="input"
          defaultValue={defaultValue}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errorId}
        />
      ) : (
        <input
          name={name}
          type={type}
          inputMode={inputMode}
          className="input"
          defaultValue={defaultValue}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errorId}
        />
      )}
      <ErrorList id={errorId} errors={errors} />
    </label>
  );
}

/** A labelled select of a plain form, with its errors below it. */
export function PlainSelect({
  name,
  label,
  options,
  placeholder,
  errors,
  defaultValue = "",
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  placeholder?: string;
  errors?: string[] | null;
  defaultValue?: string;
}) {
  const errorId = `${name}-error`;
  return (
    <label className="block space-y-1">
      <span className="block font-medium text-stone-800">{label}</span>
      <select
        name={name}
        className="input"
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errorId}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </label>
  );
}
