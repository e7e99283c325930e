import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { isMessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";

const KNOWN_STATUSES = [400, 401, 403, 404, 405, 409, 429, 500, 503] as const;

/** One error page for every route: a translated message per status and a way home. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = KNOWN_STATUSES.find((code) => code === status) ?? 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  // A thrown response may name its own message (the server's "the form could not be read").
  const message =
    isRouteErrorResponse(error) && isMessageKey(error.data) ? error.data : (`error.${known}` as const);
  return (
    <section className="card mx-auto max-w-lg text-center" aria-labelledby="error-title">
      <p className="text-4xl font-bold text-stone-400">{status}</p>
      <h1 id="error-title" className="mt-2 text-xl font-semibold">
        {t("error.title")}
      </h1>
      <p className="mt-2 text-stone-700">{t(message)}</p>
      <Link to="/" className="btn-primary mt-6">
        {t("error.backHome")}
      </Link>
    </section>
  );
}
