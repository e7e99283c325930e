import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CohortForm, DispatchForm } from "~/components/commissioners/commissioner-forms";
import { LeaveForm, LeaveItem } from "~/components/commissioners/leave-parts";
import { listLeavesForBureau } from "~/modules/commissioners/leaves.server";
import { isLeaveIntent, leaveAction, readLeaveForm } from "~/routes/commissioners/+leave-actions.server";
import { isDomainError } from "~/utils/errors";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import {
  BureauCommissionersSchema,
  type CohortFields,
  type DispatchFields,
} from "~/modules/commissioners/commissioners.schema";
import {
  createCohort,
  dispatch,
  listCohorts,
  listDispatchableExperts,
} from "~/modules/commissioners/commissioners.server";
import { countyName } from "~/modules/reference/reference";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("commissioners.bureauTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "commissioner.dispatch");
  const [cohorts, experts, leaves, locale] = await Promise.all([
    listCohorts(),
    listDispatchableExperts(),
    listLeavesForBureau(),
    getLocale(request),
  ]);
  // 停薪留职 is recorded for people who have served in some cohort.
  const served = new Set(
    cohorts.flatMap((cohort) => cohort.assignments.map((assignment) => assignment.userId)),
  );
  return {
    cohorts,
    experts,
    leaves,
    commissioners: experts.filter((expert) => served.has(expert.id)),
    locale,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "commissioner.dispatch");
  let formData: FormData;
  try {
    formData = await readLeaveForm(request);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return redirectWithToast("/bureau/commissioners", { message: error.messageKey, type: "error" });
  }
  if (isLeaveIntent(formData.get("intent")))
    return leaveAction(user, formData, "/bureau/commissioners", requestMeta(request, context));
  const intent = String(formData.get("intent"));
  const submission = parseWithZod(formData, { schema: BureauCommissionersSchema });
  // Two forms share this action; the reply says which one it belongs to.
  const answer = (reply: { data: SubmissionResult<string[]>; init: ResponseInit | null }) =>
    data({ intent, reply: reply.data }, reply.init ?? undefined);
  if (submission.status !== "success") return answer(replyInvalid(submission));
  const meta = requestMeta(request, context);
  try {
    const { intent: chosen, ...fields } = submission.value;
    if (chosen === "createCohort") {
      await createCohort(user, fields as CohortFields, meta);
      return redirectWithToast("/bureau/commissioners", { message: "commissioners.toast.cohortCreated" });
    }
    await dispatch(user, fields as DispatchFields, meta);
    return redirectWithToast("/bureau/commissioners", { message: "commissioners.toast.dispatched" });
  } catch (error) {
    return answer(replyWithDomainError(submission, error, await getLocale(request)));
  }
}

export default function BureauCommissionersPage() {
  const { cohorts, experts, leaves, commissioners } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useT();
  const names = new Map(experts.map((expert) => [expert.id, expert.displayName]));
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("commissioners.bureauTitle")}</h1>
      <h2 className="text-xl font-semibold">{t("commissioners.cohorts")}</h2>
      {cohorts.length === 0 ? <p>{t("commissioners.noCohorts")}</p> : null}
      {cohorts.map((cohort) => (
        <article key={cohort.id} className="card space-y-2">
          <h3 className="font-semibold">
            {cohort.year} · {t(`commissioners.cohortKind.${cohort.kind}`)} · {cohort.name}
          </h3>
          <p>
            {t("commissioners.cohortCount", { count: cohort.assignments.length, target: cohort.targetCount })}
          </p>
          <ul className="space-y-1 text-sm">
            {cohort.assignments.map((assignment) => (
              <li key={assignment.id}>
                <Link to={`/commissioners/${assignment.userId}?year=${cohort.year}`} className="underline">
                  {names.get(assignment.userId) ?? assignment.userId}
                </Link>{" "}
                · {countyName(assignment.countyCode, locale)} {assignment.villages.join("、")} ·{" "}
                {formatDate(locale, assignment.startDate)}–{formatDate(locale, assignment.endDate)}
              </li>
            ))}
          </ul>
        </article>
      ))}
      <h2 className="text-xl font-semibold">{t("leaves.title")}</h2>
      {leaves.length === 0 ? <p>{t("leaves.none")}</p> : null}
      <ul className="space-y-2">
        {leaves.map((leave) => (
          <LeaveItem key={leave.id} leave={leave} showEvidence canVerify canChange />
        ))}
      </ul>
      {commissioners.length > 0 ? <LeaveForm people={commissioners} /> : null}
      <CohortForm lastResult={result?.intent === "createCohort" ? result.reply : undefined} />
      <DispatchForm
        lastResult={result?.intent === "dispatch" ? result.reply : undefined}
        cohorts={cohorts}
        experts={experts}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
