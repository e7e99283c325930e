import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { listAllProgrammes } from "~/modules/programmes/programmes.queries.server";
import { requirePermission } from "~/modules/users/guards.server";
import { MoneySummary } from "~/components/programmes/programme-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "programmes.bureauTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "programme.review");
  return { locale: await getLocale(request), programmes: await listAllProgrammes() };
}

export default function BureauProgrammesPage() {
  const { t } = useT();
  const { programmes } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("programmes.bureauTitle")}</h1>
        <Link to="/bureau/programmes/new" className="btn-primary">
          {t("programmes.new")}
        </Link>
      </div>
      {programmes.length === 0 ? <p>{t("programmes.none")}</p> : null}
      <ul className="space-y-3">
        {programmes.map((programme) => (
          <li key={programme.id} className="card space-y-2">
            <h2 className="text-lg font-semibold">
              <Link to={`/bureau/programmes/${programme.id}`} className="link">
                {programme.title}
              </Link>
            </h2>
            <p className="text-sm text-stone-700">
              {programme.year} · {t(`programmes.kind.${programme.kind}`)} ·{" "}
              {t(`programmes.status.${programme.status}`)}
            </p>
            <MoneySummary money={programme.money} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
