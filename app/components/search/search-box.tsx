import { useSubmit } from "@remix-run/react";
import { Form } from "~/components/form";
import { useEffect, useRef } from "react";
import { useT } from "~/i18n/use-t";
import type { SearchParams } from "~/modules/search/search.schema";

const TYPING_DEBOUNCE_MS = 350;

/** The query and sort of a search; the filters already chosen ride along as hidden fields. */
export function SearchBox({ params }: { params: SearchParams }) {
  const { t } = useT();
  const submit = useSubmit();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  // Search as you type, once the person pauses; the plain form works without JavaScript.
  const onType = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => form.current && submit(form.current, { replace: true, preventScrollReset: true }),
      TYPING_DEBOUNCE_MS,
    );
  };
  return (
    <Form ref={form} method="get" role="search" className="card space-y-3">
      <h1 className="sr-only">{t("search.title")}</h1>
      <input type="hidden" name="type" value={params.type} />
      {(["industry", "county", "arrangement", "budget", "category", "verified"] as const).map((key) =>
        params[key] ? <input key={key} type="hidden" name={key} value={params[key]} /> : null,
      )}
      <div className="flex gap-2">
        <label className="sr-only" htmlFor="q">
          {t("search.title")}
        </label>
        <input
          id="q"
          type="search"
          name="q"
          defaultValue={params.q}
          placeholder={t("search.placeholder")}
          onChange={onType}
          className="input flex-1"
          autoComplete="off"
          enterKeyHint="search"
          aria-describedby="q-hint"
        />
        <button type="submit" className="btn-primary">
          {t("search.submit")}
        </button>
      </div>
      <p id="q-hint" className="text-sm text-stone-600">
        {t("search.hint")}
      </p>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          <span className="text-stone-600">{t("search.sort")}</span>
          <select
            name="sort"
            defaultValue={params.sort}
            className="input min-h-9 w-auto py-1"
            onChange={(event) => submit(event.currentTarget.form)}
          >
            {(["relevance", "newest", "budget"] as const).map((sort) => (
              <option key={sort} value={sort}>
                {t(`search.sort.${sort}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </Form>
  );
}
