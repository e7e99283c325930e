import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { useT } from "~/i18n/use-t";
import { searchHref, type SearchParams } from "~/modules/search/search.schema";

/** Saves the search shown (its parameters as hidden fields), or asks a visitor to log in first. */
export function SaveSearch({
  params,
  loggedIn,
  error,
}: {
  params: SearchParams;
  loggedIn: boolean;
  error?: string;
}) {
  const { t } = useT();
  if (!loggedIn)
    return (
      <p className="text-sm">
        <Link to={`/login?redirectTo=${encodeURIComponent(searchHref(params))}`} className="link">
          {t("search.loginToSave")}
        </Link>
      </p>
    );
  return (
    <Form method="post" className="flex flex-wrap items-center gap-2">
      {Object.entries(params).map(([key, value]) =>
        value !== undefined && value !== "" ? (
          <input key={key} type="hidden" name={key} value={String(value)} />
        ) : null,
      )}
      <button type="submit" className="btn-secondary min-h-9 py-1 text-sm">
        {t("search.save")}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </Form>
  );
}
