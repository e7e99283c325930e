import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormErrors, TextAreaField } from "~/components/forms";
import { ReviewCard } from "~/components/reviews/review-card";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { listOpenReports } from "~/modules/reviews/reviews.queries.server";
import { ModerationDecisionSchema } from "~/modules/reviews/reviews.schema";
import { moderateReport } from "~/modules/reviews/reviews.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "reviews.moderation.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "content.moderate");
  const [reports, locale] = await Promise.all([listOpenReports(user), getLocale(request)]);
  return { reports, locale };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "content.moderate");
  const submission = parseWithZod(await request.formData(), { schema: ModerationDecisionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const { reportId, decision, note } = submission.value;
  try {
    await moderateReport(user, reportId, { decision, note });
    return redirectWithToast("/bureau/reviews", { message: "reviews.toast.decided" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

type Report = ReturnType<typeof useLoaderData<typeof loader>>["reports"][number];

function DecisionForm({ report, lastResult }: { report: Report; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `decide-${report.id}`,
    lastResult,
    constraint: getZodConstraint(ModerationDecisionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ModerationDecisionSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-stone-200 pt-3">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="reportId" value={report.id} />
      <TextAreaField meta={fields.note} label={t("reviews.moderation.note")} rows={2} />
      <ErrorList errors={fields.decision.errors} />
      <div className="flex flex-wrap gap-2">
        {/* The pressed button carries the decision; the note is the reason both sides see. */}
        <button
          type="submit"
          name="decision"
          value="UPHELD"
          className="btn-primary"
          disabled={navigation.state === "submitting"}
        >
          {t("reviews.moderation.uphold")}
        </button>
        <button
          type="submit"
          name="decision"
          value="DISMISSED"
          className="btn-secondary"
          disabled={navigation.state === "submitting"}
        >
          {t("reviews.moderation.dismiss")}
        </button>
      </div>
    </Form>
  );
}

export default function ReviewModerationPage() {
  const { reports } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("reviews.moderation.title")}</h1>
      <p className="text-stone-600">{t("reviews.moderation.intro")}</p>
      {reports.length === 0 ? <p className="card text-stone-600">{t("reviews.moderation.empty")}</p> : null}
      <ul className="space-y-4">
        {reports.map((report) => (
          <li key={report.id} className="card space-y-3">
            <p className="text-sm text-stone-600">
              {t("reviews.moderation.reportedBy", {
                name: report.reporterName,
                date: formatDate(locale, report.createdAt),
              })}
            </p>
            <p className="font-medium">{t("reviews.moderation.reason", { reason: report.reason })}</p>
            <ReviewCard review={report.review} />
            <DecisionForm
              report={report}
              lastResult={lastResult?.initialValue?.reportId === report.id ? lastResult : undefined}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
