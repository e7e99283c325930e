import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ChangeRequestCard } from "~/components/monitoring/change-requests";
import { BudgetTable, PlanDiffView, PlanFacts } from "~/components/monitoring/plan-views";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { ChangeDecisionSchema } from "~/modules/monitoring/monitoring.schema";
import { planPage, signChangeRequest } from "~/modules/monitoring/monitoring.server";
import { requireUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { readWithLocale } from "~/utils/route-data.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("monitoring.planTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [page, locale] = await readWithLocale(request, planPage(user, params.id ?? ""));
  // Back to the project itself: the applicant's page for its own side, the bureau's page for
  // those who review it; anyone else (a county or finance officer) has only this page.
  const projectHref = page.member
    ? `/programmes/applications/${page.project.id}`
    : can(user, "programme.review")
      ? `/bureau/programmes/applications/${page.project.id}`
      : null;
  return { ...page, locale, projectHref };
}

/** The signatures on change requests: the county's opinion, the city's and the finance bureau's decisions. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ChangeDecisionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const { status } = await signChangeRequest(user, submission.value);
    return redirectWithToast(`/programmes/applications/${params.id ?? ""}/plan`, {
      message: `monitoring.toast.${status}`,
    });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function ProjectPlanPage() {
  const { t, locale } = useT();
  const { project, projectHref, current, versions, requested, requests, mayRequest, signs } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("monitoring.planTitle")}</h1>
      <p>
        {projectHref ? (
          <Link to={projectHref} className="link">
            {project.title}
          </Link>
        ) : (
          project.title
        )}
      </p>
      <div className="card space-y-2">
        {current ? (
          <>
            <h2 className="font-semibold">{t("monitoring.approvedVersion", { version: current.version })}</h2>
            <BudgetTable lines={current.budgetLines} />
            <PlanFacts plan={current} />
          </>
        ) : (
          <p role="note" className="rounded-lg bg-amber-50 px-3 py-2 text-amber-900">
            {t("monitoring.budgetFirst")}
          </p>
        )}
        {mayRequest ? (
          <Link to={`/programmes/applications/${project.id}/change`} className="btn-primary w-full">
            {t(current ? "monitoring.requestChange" : "monitoring.requestBudget")}
          </Link>
        ) : null}
      </div>
      {requests.length ? <h2 className="text-lg font-semibold">{t("monitoring.changeRequests")}</h2> : null}
      {requests.map((item) => (
        <ChangeRequestCard key={item.id} request={item} signs={signs} lastResult={lastResult} />
      ))}
      <h2 className="text-lg font-semibold">{t("monitoring.versions")}</h2>
      {versions.map((version) => (
        <details key={version.version} className="card">
          <summary className="cursor-pointer font-semibold">
            {t("monitoring.versionLabel", {
              version: version.version,
              date: formatDate(locale, version.createdAt),
            })}
          </summary>
          <PlanDiffView diff={version.diff} />
          <BudgetTable lines={version.budgetLines} />
        </details>
      ))}
      {requested ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold">{t("monitoring.requestedVersion")}</summary>
          <BudgetTable lines={requested.budgetLines} />
        </details>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
