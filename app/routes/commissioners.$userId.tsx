import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FactList } from "~/components/fact-list";
import { VerifiedBadge } from "~/components/verified-badge";
import { formatDate, formatNumber } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { SERVICE_LOG_KINDS } from "~/modules/commissioners/commissioners.schema";
import { commissionerReport } from "~/modules/commissioners/commissioners.server";
import { countyName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.report.user.displayName} · ${translate(data.locale, "commissioners.reportTitle")}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const year = Number(new URL(request.url).searchParams.get("year"));
  const report = await commissionerReport(params.userId ?? "", Number.isInteger(year) && year > 2000 ? year : undefined).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return { report, locale: await getLocale(request) };
}

export default function CommissionerReportPage() {
  const { report } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">
        {t("commissioners.reportTitle")} · {report.user.displayName} {report.year ?? ""}
      </h1>
      <VerifiedBadge verified={report.user.verified} />
      <FactList
        className="card"
        facts={[
          [t("commissioners.logCount"), formatNumber(locale, report.logCount)],
          [t("commissioners.farmersTotal"), formatNumber(locale, report.farmersTotal)],
          ...SERVICE_LOG_KINDS.map((kind) => [t(`commissioners.kind.${kind}` as MessageKey), formatNumber(locale, report.farmersByKind[kind])] as const),
          [t("commissioners.trainingsHeld"), formatNumber(locale, report.trainingsHeld)],
          [t("commissioners.signups"), formatNumber(locale, report.signups)],
          [t("commissioners.attended"), formatNumber(locale, report.attended)],
        ]}
      />
      <h2 className="text-xl font-semibold">{t("commissioners.assignments")}</h2>
      {report.assignments.length === 0 ? <p>{t("commissioners.noAssignments")}</p> : null}
      <ul className="space-y-2">
        {report.assignments.map((assignment) => (
          <li key={assignment.id} className="card">
            {assignment.cohort.year} · {assignment.cohort.name} · {countyName(assignment.countyCode, locale)} {assignment.villages.join("、")} ·{" "}
            {formatDate(locale, assignment.startDate)}–{formatDate(locale, assignment.endDate)}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
