import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { ventureStatusKey } from "~/components/commissioners/decision-forms";
import { useT } from "~/i18n/use-t";
import { hasServed, listVenturesInScope, listVenturesOf } from "~/modules/commissioners/ventures.server";
import { countyName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("ventures.title");

/**
 * 领办·创办·联办: for a county officer, their county's ventures (those to verify first); for the
 * bureau, every county's; for a commissioner, their own and their teams'.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const officer = can(user, "commissioner.verify");
  const [ventures, served] = await Promise.all([
    officer ? listVenturesInScope(user) : listVenturesOf(user.id),
    hasServed(user.id),
  ]);
  return { ventures, officer, served, locale: await getLocale(request) };
}

export default function VenturesPage() {
  const { ventures, officer, served } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const waiting = ventures.filter((venture) => !venture.verifiedAt && !venture.refusedAt).length;
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("ventures.title")}</h1>
      <p className="text-stone-700">{t("ventures.intro")}</p>
      {officer && waiting > 0 ? (
        <p className="font-medium">{t("ventures.toVerify", { count: waiting })}</p>
      ) : null}
      {ventures.length === 0 ? <p>{t("ventures.none")}</p> : null}
      <ul className="space-y-2">
        {ventures.map((venture) => (
          <li key={venture.id} className="card space-y-1">
            <Link to={`/commissioners/ventures/${venture.id}`} className="font-semibold underline">
              {t(`ventures.role.${venture.role}`)} · {venture.title}
            </Link>
            <p className="text-sm">
              {venture.team?.name ?? venture.commissionerName} · {venture.organisation.name} ·{" "}
              {countyName(venture.countyCode, locale)} · {formatDate(locale, venture.startDate)}
            </p>
            <p className={venture.verifiedAt ? "text-sm text-green-800" : "text-sm text-amber-800"}>
              {t(ventureStatusKey(venture))}
            </p>
          </li>
        ))}
      </ul>
      {served ? (
        <Link to="/commissioners/ventures/new" className="btn-primary block w-full text-center">
          {t("ventures.newTitle")}
        </Link>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
