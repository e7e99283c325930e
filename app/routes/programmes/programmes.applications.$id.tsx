import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CompletionReportForm } from "~/components/programmes/completion-report-form";
import { FactList } from "~/components/fact-list";
import { FormErrors, replyFor } from "~/components/forms";
import { IntentButton } from "~/components/intent-button";
import { formatDate, formatMoney } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { getApplicantView } from "~/modules/programmes/programmes.queries.server";
import { ApplicantIntentSchema, MAX_EVIDENCE_PHOTOS } from "~/modules/programmes/programmes.schema";
import { reportCompletion, withdrawApplication } from "~/modules/programmes/programmes.server";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";
import { ApplicationStatus, Disbursements, OutcomeFacts } from "~/components/programmes/programme-views";
import { ProjectMonitoringLinks } from "~/components/monitoring/plan-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.application.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const application = await getApplicantView(params.id ?? "", user);
  if (!application) throw new Response("Not found", { status: 404 });
  return { locale: await getLocale(request), application };
}

// With JavaScript, files go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  let formData: FormData;
  try {
    formData = await parseUploadForm(request, {
      maxFiles: MAX_EVIDENCE_PHOTOS,
      maxFileBytes: MAX_IMAGE_BYTES,
    });
  } catch (error) {
    // Too many or too large parts: only the report form sends photos, so the refusal shows there.
    const report = new FormData();
    report.set("intent", "report");
    return replyWithDomainError(
      parseWithZod(report, { schema: ApplicantIntentSchema }),
      error,
      await getLocale(request),
    );
  }
  const submission = parseWithZod(formData, { schema: ApplicantIntentSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    if (submission.value.intent === "withdraw") {
      await withdrawApplication(user, id);
      return redirectWithToast(`/programmes/applications/${id}`, { message: "programmes.withdrawn" });
    }
    const { intent: _intent, photos, ...fields } = submission.value;
    await reportCompletion(user, id, fields, photos);
    return redirectWithToast(`/programmes/applications/${id}`, { message: "programmes.reported" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function ApplicationPage() {
  const { t, locale } = useT();
  const { application } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const canReport = !application.completedAt && ["APPROVED", "DISBURSED"].includes(application.status);
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{application.title}</h1>
      <p>
        {application.programme.title} · <ApplicationStatus status={application.status} />
      </p>
      <FormErrors errors={replyFor(lastResult, "withdraw")?.error?.[""] as string[] | undefined} />
      <div className="card space-y-2">
        <h2 className="font-semibold">{t("programmes.timeline")}</h2>
        <ol className="list-inside list-disc space-y-1">
          <li>{t("programmes.submittedAt", { date: formatDate(locale, application.createdAt) })}</li>
          {application.decidedAt ? (
            <li>
              {t("programmes.decidedAt", { date: formatDate(locale, application.decidedAt) })} ·{" "}
              {t(`programmes.appStatus.${application.status === "REJECTED" ? "REJECTED" : "APPROVED"}`)}
            </li>
          ) : null}
          {application.completedAt ? (
            <li>{t("programmes.completedAt", { date: formatDate(locale, application.completedAt) })}</li>
          ) : null}
        </ol>
        {application.decisionNote ? (
          <p>{t("programmes.decisionNote", { note: application.decisionNote })}</p>
        ) : null}
        {application.suspendedAt ? (
          <p className="text-red-800">
            {t("programmes.suspendedNotice", { reason: application.suspensionReason ?? "" })}
          </p>
        ) : null}
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
        {application.status === "SUBMITTED" ? (
          <IntentButton intent="withdraw" label={t("programmes.withdraw")} />
        ) : null}
      </div>
      {/* How many scores the bureau still needs only matters while it has not decided; after the
          decision (or a withdrawal) the applicant sees the reviews it got, if any, and no count. */}
      {application.status === "SUBMITTED" || application.reviews.length > 0 ? (
        <div className="card space-y-2">
          <h2 className="font-semibold">{t("programmes.reviews")}</h2>
          {application.status === "SUBMITTED" ? (
            <p>
              {t("programmes.reviewCount", {
                count: application.reviews.length,
                required: application.programme.reviewsRequired,
              })}
            </p>
          ) : null}
          <ul className="space-y-1">
            {application.reviews.map((review, index) => (
              <li key={index}>
                {t("programmes.reviewScore", { score: review.score ?? "-" })}
                {review.comment ? ` — ${review.comment}` : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Disbursements payments={application.disbursements} />
      <ProjectMonitoringLinks applicationId={application.id} status={application.status} />
      {application.outcome ? (
        <OutcomeFacts
          outcome={application.outcome}
          evidence={application.evidence.map(
            (item) => `/programmes/applications/${application.id}/evidence/${item.uploadId}`,
          )}
        />
      ) : null}
      {canReport ? <CompletionReportForm lastResult={replyFor(lastResult, "report")} /> : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
