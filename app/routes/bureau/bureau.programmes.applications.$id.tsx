import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FactList } from "~/components/fact-list";
import { formatDate, formatMoney } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { replyFor } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { getBureauApplicationView } from "~/modules/programmes/programmes.queries.server";
import { BureauApplicationIntentSchema } from "~/modules/programmes/programmes.schema";
import { missingScores } from "~/modules/programmes/programmes.rules";
import { performBureauIntent } from "~/modules/programmes/programmes.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";
import { ApplicationStatus, Disbursements, OutcomeFacts } from "~/components/programmes/programme-views";
import { ApprovedPlanCard } from "~/components/monitoring/plan-views";
import { approvedPlanOf } from "~/modules/monitoring/monitoring.server";
import { DecisionForms, EvaluationForm, ReviewForms } from "./+programme-bureau-forms";
import { getCosignView } from "~/modules/programmes/programmes.cosign.queries.server";
import { CosignEvaluations, CosignProposals, CosignStops } from "~/components/programmes/cosign-record";
import { ProposeForm } from "~/components/programmes/cosign-forms";
import { CountyOpinionPanel } from "~/components/counties/prescreen";
import { prescreenState } from "~/modules/counties/prescreen.server";
import { ProjectLinkagePanel } from "~/components/linkage/linkage-views";
import { projectLinkages } from "~/modules/linkage/linkage.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.application.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "programme.review");
  const application = await getBureauApplicationView(params.id ?? "");
  if (!application) throw new Response("Not found", { status: 404 });
  const [approvedPlan, cosign, countyPrescreen, linkage] = await Promise.all([
    approvedPlanOf(application.id),
    getCosignView(application.id),
    prescreenState(application),
    // 利益联结 (issue 23): shown where the programme requires it, for the evaluation.
    application.programme.requiresBenefitLinkage ? projectLinkages(application) : null,
  ]);
  // A fresh key per page load: a double submit of the same form proposes once.
  return {
    locale: await getLocale(request),
    application,
    approvedPlan,
    cosign,
    countyPrescreen,
    linkage,
    idempotencyKey: randomUUID(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "programme.review");
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: BureauApplicationIntentSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const done = await performBureauIntent(user, id, submission.value);
    return redirectWithToast(`/bureau/programmes/applications/${id}`, done);
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function BureauApplicationPage() {
  const { t, locale } = useT();
  const { application, approvedPlan, cosign, countyPrescreen, linkage, idempotencyKey } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const decided = application.status !== "SUBMITTED";
  // The county's pre-screening comes first where the county has an officer (the panel says so).
  const awaitingCounty = countyPrescreen.kind === "waiting";
  const refusal = application.disbursementRefusal;
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={`/bureau/programmes/${application.programmeId}`} className="link">
          {application.programme.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{application.title}</h1>
      <ApplicationStatus status={application.status} />
      <div className="card space-y-2">
        <p className="whitespace-pre-line">{application.summary}</p>
        <FactList
          facts={[
            [
              t(
                application.applicantKind === "ORGANISATION" ? "programmes.organisation" : "applicants.party",
              ),
              application.organisation.name,
            ],
            [t("programmes.requested"), formatMoney(locale, application.requestedFen)],
            [
              t("programmes.approved"),
              application.approvedFen === null ? "" : formatMoney(locale, application.approvedFen),
            ],
            [t("programmes.paid"), formatMoney(locale, application.disbursedFen)],
          ]}
        />
        {application.decisionNote ? (
          <p>{t("programmes.decisionNote", { note: application.decisionNote })}</p>
        ) : null}
        {application.suspendedAt ? (
          <p className="text-red-800">
            {t("programmes.suspendedNotice", { reason: application.suspensionReason ?? "" })}
          </p>
        ) : null}
      </div>
      {countyPrescreen.kind === "recorded" || !decided ? (
        <CountyOpinionPanel state={countyPrescreen} countyCode={application.countyCode} />
      ) : null}
      <div className="card space-y-2">
        <h2 className="font-semibold">{t("programmes.reviews")}</h2>
        <p>
          {t("programmes.reviewCount", {
            count: application.reviews.filter((review) => !review.conflict).length,
            required: application.programme.reviewsRequired,
          })}
        </p>
        <ul className="space-y-1">
          {application.reviews.map((review) => (
            <li key={review.reviewerId}>
              {review.conflict
                ? t("programmes.reviewConflict", { name: review.reviewerName })
                : t("programmes.reviewBy", { name: review.reviewerName, score: review.score ?? "-" })}
              {review.comment ? ` — ${review.comment}` : ""}
            </li>
          ))}
        </ul>
        {!decided && !awaitingCounty ? <ReviewForms lastResult={lastResult} /> : null}
      </div>
      {!decided && !awaitingCounty ? (
        <DecisionForms
          lastResult={lastResult}
          reviews={{
            required: application.programme.reviewsRequired,
            missing: missingScores(application.programme.reviewsRequired, application.reviews),
          }}
        />
      ) : null}
      <Disbursements payments={application.disbursements}>
        {application.approvedFen === null ? null : application.disbursedFen >= application.approvedFen ? (
          <p>{t("programmes.paidInFull")}</p>
        ) : refusal ? (
          <p role="note" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {t(refusal.message, refusal.params)}
          </p>
        ) : (
          <ProposeForm
            lastResult={lastResult}
            idempotencyKey={idempotencyKey}
            proposableFen={application.approvedFen - application.disbursedFen - cosign.pendingFen}
          />
        )}
      </Disbursements>
      {application.approvedFen === null ? null : <CosignProposals view={cosign} />}
      {application.outcome ? (
        <OutcomeFacts
          outcome={application.outcome}
          evidence={application.evidence.map(
            (item) => `/programmes/applications/${application.id}/evidence/${item.uploadId}`,
          )}
        />
      ) : null}
      {decided ? <ApprovedPlanCard applicationId={application.id} plan={approvedPlan} /> : null}
      {linkage ? <ProjectLinkagePanel {...linkage} /> : null}
      {application.completedAt ? <CosignEvaluations view={cosign} /> : null}
      {application.completedAt &&
      application.status !== "EVALUATED" &&
      !cosign.rounds.some((round) => round.financeOpinion === null) ? (
        <EvaluationForm lastResult={replyFor(lastResult, "evaluate")} />
      ) : null}
      <div className="card space-y-2">
        <h2 className="font-semibold">{t("programmes.sanctions")}</h2>
        {application.sanctions.length === 0 ? <p>{t("programmes.noSanctions")}</p> : null}
        <CosignStops view={cosign} />
        <ul>
          {application.sanctions.map((sanction) => (
            <li key={sanction.id}>
              {t(`programmes.sanction.${sanction.kind}`)} · {formatDate(locale, sanction.startsAt)} ·{" "}
              {sanction.reason}
              {sanction.liftedAt ? ` ${t("programmes.sanction.lifted")}` : ""}
            </li>
          ))}
        </ul>
        <Link to={`/bureau/sanctions/new?application=${application.id}`} className="btn-secondary w-full">
          {t("programmes.newSanction")}
        </Link>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
