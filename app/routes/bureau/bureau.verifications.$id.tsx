import { getFormProps } from "@conform-to/react";
import { wantsReveal } from "~/modules/privacy/contact-reveal.server";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextAreaField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/users/guards.server";
import { DecisionSchema } from "~/modules/verification/verification.schema";
import { decideVerification, getVerificationForReview } from "~/modules/verification/verification.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { VerificationReviewSummary } from "~/components/verification/verification-review";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "verification.reviewTitle")} · ${data.request.subjectName}`
      : "XiangKe",
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "verification.review");
  const [review, locale] = await Promise.all([
    getVerificationForReview(user, params.id ?? "", {
      reveal: wantsReveal(request),
      ip: context.clientIp,
    }).catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
  return { request: review, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "verification.review");
  const submission = parseWithZod(await request.formData(), { schema: DecisionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await decideVerification({
      actor: user,
      requestId: params.id ?? "",
      decision: submission.value,
      meta: requestMeta(request, context),
    });
    return redirectWithToast("/bureau/verifications", {
      message: submission.value.intent === "approve" ? "verification.approved" : "verification.rejected",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function ReviewVerificationPage() {
  const { request } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  // The reject form shows its own field errors; a refusal of either decision shows at the top.
  const isReject = lastResult?.initialValue?.intent === "reject";
  const [rejectForm, rejectFields] = useForm({
    id: "reject-verification",
    lastResult: isReject ? lastResult : undefined,
    constraint: getZodConstraint(DecisionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
  });
  const busy = navigation.state === "submitting";
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      <Link to="/bureau/verifications" className="link">
        {t("verification.backToQueue")}
      </Link>
      <h1 className="text-2xl font-bold">{t("verification.reviewTitle")}</h1>
      {!isReject ? <FormErrors errors={lastResult?.error?.[""]} /> : null}
      <VerificationReviewSummary request={request} />
      {request.status === "PENDING" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Form method="post" className="card">
            <button
              type="submit"
              name="intent"
              value="approve"
              className="btn-primary w-full"
              disabled={busy}
            >
              {t("verification.approve")}
            </button>
          </Form>
          <Form method="post" {...getFormProps(rejectForm)} className="card space-y-3">
            <FormErrors errors={rejectForm.errors} />
            <TextAreaField
              meta={rejectFields.reason}
              label={t("verification.reason")}
              hint={t("verification.reasonHint")}
              rows={3}
            />
            <button
              type="submit"
              name="intent"
              value="reject"
              className="btn-secondary w-full"
              disabled={busy}
            >
              {t("verification.reject")}
            </button>
          </Form>
        </div>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
