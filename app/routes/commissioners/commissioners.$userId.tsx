import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { LeaveForm, LeaveItem } from "~/components/commissioners/leave-parts";
import { ServiceLogItem } from "~/components/commissioners/service-log-item";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FactList } from "~/components/fact-list";
import { VerifiedBadge } from "~/components/verified-badge";
import { formatDate, formatNumber } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { ventureStatusKey } from "~/components/commissioners/decision-forms";
import { useT } from "~/i18n/use-t";
import { SERVICE_LOG_KINDS, ServiceLogActionSchema } from "~/modules/commissioners/commissioners.schema";
import {
  commissionerReport,
  deleteServiceLog,
  listServiceLogs,
} from "~/modules/commissioners/commissioners.server";
import { listLeavesOf } from "~/modules/commissioners/leaves.server";
import { listTeamsOf } from "~/modules/commissioners/teams.server";
import { listVenturesOf } from "~/modules/commissioners/ventures.server";
import { countyName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { isLeaveIntent, leaveAction, readLeaveForm } from "./+leave-actions.server";
import { domainErrorResponse, isDomainError } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.report.user.displayName} · ${translate(data.locale, "commissioners.reportTitle")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const searchParams = new URL(request.url).searchParams;
  const year = Number(searchParams.get("year"));
  const page = Number(searchParams.get("page"));
  const userId = params.userId ?? "";
  const report = await commissionerReport(
    userId,
    Number.isInteger(year) && year > 2000 ? year : undefined,
  ).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  const logs = await listServiceLogs(userId, Number.isInteger(page) && page > 0 ? page : 1);
  const isSelf = viewer.id === userId;
  const [leaves, ventures, teams] = await Promise.all([
    listLeavesOf(userId),
    listVenturesOf(userId),
    listTeamsOf(userId),
  ]);
  return {
    report,
    logs,
    isSelf,
    isBureau: can(viewer, "commissioner.dispatch"),
    leaves,
    // Ventures not yet verified stay with their holders and the officers (the ventures page).
    ventures: ventures.filter((venture) => venture.verifiedAt || isSelf),
    // Teams the person is confirmed on; invitations are their own business.
    teams: teams
      .filter(
        (team) => isSelf || team.members.some((member) => member.userId === userId && member.confirmedAt),
      )
      .map((team) => ({ id: team.id, name: team.name, isLead: team.leadId === userId })),
    locale: await getLocale(request),
  };
}

// With JavaScript, photos go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const backTo = `/commissioners/${params.userId ?? ""}`;
  let formData: FormData;
  try {
    formData = await readLeaveForm(request);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return redirectWithToast(backTo, { message: error.messageKey, type: "error" });
  }
  if (isLeaveIntent(formData.get("intent")))
    return leaveAction(user, formData, backTo, requestMeta(request, context));
  const submission = parseWithZod(formData, { schema: ServiceLogActionSchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  try {
    await deleteServiceLog(user, submission.value.logId, requestMeta(request, context));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return redirectWithToast(backTo, { message: error.messageKey, type: "error" });
  }
  return redirectWithToast(backTo, { message: "commissioners.toast.logDeleted" });
}

export default function CommissionerReportPage() {
  const { report, logs, isSelf, isBureau, leaves, ventures, teams } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  // Paging keeps the chosen year.
  const pageLink = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next}`;
  };
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
          ...SERVICE_LOG_KINDS.map(
            (kind) =>
              [t(`commissioners.kind.${kind}`), formatNumber(locale, report.farmersByKind[kind])] as const,
          ),
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
            {assignment.cohort.year} · {t(`commissioners.cohortKind.${assignment.cohort.kind}`)} ·{" "}
            {assignment.cohort.name} · {countyName(assignment.countyCode, locale)}{" "}
            {assignment.villages.join("、")} · {formatDate(locale, assignment.startDate)}–
            {formatDate(locale, assignment.endDate)}
          </li>
        ))}
      </ul>
      <h2 className="text-xl font-semibold">{t("teams.myTeams")}</h2>
      {teams.length === 0 ? <p>{t("applicants.teams.none")}</p> : null}
      <ul className="space-y-1">
        {teams.map((team) => (
          <li key={team.id}>
            {isSelf || isBureau ? (
              <Link to={`/commissioners/teams/${team.id}`} className="underline">
                {team.name}
              </Link>
            ) : (
              team.name
            )}
            {team.isLead ? ` · ${t("teams.lead")}` : ""}
          </li>
        ))}
      </ul>
      <h2 className="text-xl font-semibold">{t("ventures.title")}</h2>
      {ventures.length === 0 ? <p>{t("ventures.none")}</p> : null}
      <ul className="space-y-1">
        {ventures.map((venture) => (
          <li key={venture.id}>
            <Link to={`/commissioners/ventures/${venture.id}`} className="underline">
              {t(`ventures.role.${venture.role}`)} · {venture.title}
            </Link>{" "}
            · {venture.organisation.name} · {t(ventureStatusKey(venture))}
          </li>
        ))}
      </ul>
      {isSelf ? (
        <Link to="/commissioners/ventures/new" className="btn-secondary block w-full text-center">
          {t("ventures.newTitle")}
        </Link>
      ) : null}
      <h2 className="text-xl font-semibold">{t("leaves.title")}</h2>
      {leaves.length === 0 ? <p>{t("leaves.none")}</p> : null}
      <ul className="space-y-2">
        {leaves.map((leave) => (
          <LeaveItem
            key={leave.id}
            leave={leave}
            showEvidence={isSelf || isBureau}
            canVerify={isBureau}
            canChange={isSelf || isBureau}
          />
        ))}
      </ul>
      {isSelf || isBureau ? <LeaveForm userId={report.user.id} /> : null}
      <h2 className="text-xl font-semibold">{t("commissioners.logs")}</h2>
      {logs.logs.length === 0 ? <p>{t("commissioners.noLogs")}</p> : null}
      <ul className="space-y-2">
        {logs.logs.map((log) => (
          <ServiceLogItem key={log.id} log={log} canDelete={isSelf && log.deletable} />
        ))}
      </ul>
      {logs.pages > 1 ? (
        <nav className="flex justify-between" aria-label={t("commissioners.logPages")}>
          {logs.page > 1 ? (
            <Link to={pageLink(logs.page - 1)} className="link">
              {t("commissioners.newerLogs")}
            </Link>
          ) : (
            <span />
          )}
          {logs.page < logs.pages ? (
            <Link to={pageLink(logs.page + 1)} className="link">
              {t("commissioners.olderLogs")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
