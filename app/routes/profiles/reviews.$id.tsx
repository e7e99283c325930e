import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextAreaField } from "~/components/forms";
import { ReviewCard } from "~/components/reviews/review-card";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { getReviewPage } from "~/modules/reviews/reviews.queries.server";
import { ReviewActionSchema } from "~/modules/reviews/reviews.schema";
import { replyToReview, reportReview } from "~/modules/reviews/reviews.server";
import { getOptionalUser, requireUser } from "~/modules/users/guards.server";
import { documentTitle } from "~/utils/meta";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/request.server";
import { readWithLocale } from "~/utils/route-data.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [documentTitle(data, "reviews.single")];

/** One published review with the reply form (for the reviewed side) and the report form. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale] = await readWithLocale(request, getReviewPage(viewer, params.id ?? ""));
  return { ...page, locale };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: ReviewActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const command = submission.value;
  try {
    if (command.intent === "reply") await replyToReview(user, id, command.reply);
    else await reportReview(user, id, command.reason);
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
  const back = safeRedirect(command.redirectTo, `/reviews/${id}`);
  return redirectWithToast(back, {
    message: command.intent === "reply" ? "reviews.toast.replied" : "reviews.toast.reported",
  });
}

export default function ReviewPage() {
  const { review, profileHref, canReply, canReport } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const [form, fields] = useForm({
    id: "review-action",
    lastResult,
    constraint: getZodConstraint(ReviewActionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewActionSchema }),
  });
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      <Link to={profileHref} className="link text-sm">
        {t("reviews.listTitle")}
      </Link>
      <h1 className="text-2xl font-bold">{t("reviews.single")}</h1>
      <section className="card">
        <ReviewCard review={review} />
      </section>
      <FormErrors errors={form.errors} />
      {canReply ? (
        <Form method="post" {...getFormProps(form)} className="card space-y-3">
          <input type="hidden" name="intent" value="reply" />
          <TextAreaField meta={fields.reply} label={t("reviews.replyField")} rows={4} />
          <button type="submit" className="btn-primary">
            {t("reviews.replySubmit")}
          </button>
        </Form>
      ) : null}
      {canReport ? (
        <Form method="post" className="card space-y-3">
          <input type="hidden" name="intent" value="report" />
          <TextAreaField meta={fields.reason} label={t("reviews.reportReason")} rows={3} />
          <button type="submit" className="btn-secondary">
            {t("reviews.reportSubmit")}
          </button>
        </Form>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
