import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatMoney } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { listCommended } from "~/modules/programmes/programmes.queries.server";
import { PASSING_SCORE } from "~/modules/programmes/programmes.schema";
import { countyName } from "~/modules/reference/reference";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "programmes.commendedTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  return { locale: await getLocale(request), commended: await listCommended() };
}

/** 表彰推广: a public list, so other villages can copy what worked. */
export default function CommendedPage() {
  const { t, locale } = useT();
  const { commended } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("programmes.commendedTitle")}</h1>
      <p className="text-stone-700">{t("programmes.commendedIntro")}</p>
      {commended.length === 0 ? <p>{t("programmes.noCommended")}</p> : null}
      <ul className="space-y-3">
        {commended.map((item) => (
          <li key={item.application.id} className="card space-y-1">
            <h2 className="text-lg font-semibold">{item.application.title}</h2>
            <p className="text-sm text-stone-700">
              {item.organisationName} · {countyName(item.application.countyCode, locale)} ·{" "}
              {item.application.programme.year} {item.application.programme.title}
            </p>
            <p>{item.summary}</p>
            <p className="text-sm">
              {t("programmes.kpi.farmersTrained")} {item.farmersTrained} · {t("programmes.kpi.jobsCreated")}{" "}
              {item.jobsCreated} · {t("programmes.kpi.incomeChange")}{" "}
              {formatMoney(locale, item.incomeChangeFen)}
            </p>
            {item.score !== null ? (
              <p className="text-sm">
                {t("programmes.evaluationResult", {
                  score: item.score,
                  verdict: t(item.score >= PASSING_SCORE ? "programmes.pass" : "programmes.fail"),
                })}
              </p>
            ) : null}
            {item.narrative ? <p className="text-sm text-stone-700">{item.narrative}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
