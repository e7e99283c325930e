import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormErrors, TextAreaField } from "~/components/forms";
import { ReviewActions, ReviewCard } from "~/components/reviews/review-card";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { agreementReviewState } from "~/modules/reviews/reviews.queries.server";
import {
  CRITERIA,
  PayeeReviewSchema,
  PayerReviewSchema,
  SCORES,
  reviewFormSchema,
} from "~/modules/reviews/reviews.schema";
import { submitReview } from "~/modules/reviews/reviews.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "reviews.pageTitle", { agreement: data.state.agreement.title })} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [state, locale] = await Promise.all([
    agreementReviewState(user, params.id ?? "").catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
  return { state, locale };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const state = await agreementReviewState(user, id).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  // The form's criteria are the viewer's side's; someone with no side is refused by the service.
  const submission = parseWithZod(await request.formData(), {
    schema: reviewFormSchema(state.side ?? "PAYER"),
  });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const { published } = await submitReview(user, id, submission.value);
    return redirectWithToast(`/agreements/${id}/review`, {
      message: published ? "reviews.toast.published" : "reviews.toast.submitted",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

/** 1–5 as a radio group named after the criterion, so it works with a thumb and without JS. */
function ScoreGroup({
  name,
  legend,
  errors,
  errorId,
  initial,
}: {
  name: string;
  legend: string;
  errors?: string[];
  errorId: string;
  initial?: unknown;
}) {
  const { t } = useT();
  return (
    <fieldset
      aria-describedby={errors?.length ? errorId : undefined}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend className="font-medium text-stone-800">{legend}</legend>
      <div className="mt-1 flex gap-2">
        {SCORES.map((score) => (
          <label
            key={score}
            className="flex min-h-11 min-w-11 items-center justify-center gap-1 rounded-lg border border-stone-200 bg-white px-2"
          >
            <input
              type="radio"
              name={name}
              value={score}
              defaultChecked={String(initial) === String(score)}
              required
              className="h-5 w-5 accent-brand-700"
            />
            <span>{t("reviews.stars", { score })}</span>
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

function ReviewForm({ side }: { side: "PAYER" | "PAYEE" }) {
  const { t } = useT();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = side === "PAYEE" ? PayeeReviewSchema : PayerReviewSchema;
  const [form, fields] = useForm({
    id: "review",
    lastResult,
    constraint: side === "PAYEE" ? getZodConstraint(PayeeReviewSchema) : getZodConstraint(PayerReviewSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const scores = fields.scores.getFieldset() as Record<
    string,
    { name: string; errors?: string[]; errorId: string; initialValue?: unknown }
  >;
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <FormErrors errors={form.errors} />
      {CRITERIA[side].map((criterion) => (
        <ScoreGroup
          key={criterion}
          name={scores[criterion].name}
          legend={t(`reviews.criterion.${criterion}` as MessageKey)}
          errors={scores[criterion].errors}
          errorId={scores[criterion].errorId}
          initial={scores[criterion].initialValue}
        />
      ))}
      <ScoreGroup
        name={fields.rating.name}
        legend={t("reviews.rating")}
        errors={fields.rating.errors}
        errorId={fields.rating.errorId}
        initial={fields.rating.initialValue}
      />
      <TextAreaField meta={fields.text} label={t("reviews.text")} hint={t("reviews.textHint")} />
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {t("reviews.submit")}
      </button>
    </Form>
  );
}

export default function AgreementReviewPage() {
  const { state } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const { agreement, side, mine, theirs, closesAt } = state;
  const here = `/agreements/${agreement.id}/review`;
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      <header className="space-y-1">
        <Link to={`/agreements/${agreement.id}`} className="link text-sm">
          {t("reviews.back")}
        </Link>
        <h1 className="text-2xl font-bold">{t("reviews.pageTitle", { agreement: agreement.title })}</h1>
        {closesAt ? (
          <p className="text-sm text-stone-600">
            {t(state.windowOpen ? "reviews.windowCloses" : "reviews.windowClosed", {
              date: formatDate(locale, closesAt),
            })}
          </p>
        ) : null}
      </header>
      {!state.completed ? (
        <p role="note" className="card">
          {t("reviews.errors.not_completed")}
        </p>
      ) : null}
      {side && state.canWrite ? (
        <>
          <p>{t(`reviews.intro.${side}`, { name: state.subjectName })}</p>
          <ReviewForm side={side} />
        </>
      ) : null}
      {mine ? (
        <section className="card space-y-2" aria-labelledby="mine">
          <h2 id="mine" className="text-lg font-semibold">
            {t("reviews.mine")}
          </h2>
          {!mine.publishedAt ? (
            <p role="status" className="rounded-lg bg-brand-100 px-3 py-2 text-brand-800">
              {t("reviews.submitted")}
            </p>
          ) : null}
          <ReviewCard review={mine} />
        </section>
      ) : null}
      {side && state.completed ? (
        <section className="card space-y-2" aria-labelledby="theirs">
          <h2 id="theirs" className="text-lg font-semibold">
            {t("reviews.theirs")}
          </h2>
          {theirs ? (
            <>
              <ReviewCard review={theirs} />
              <ReviewActions
                review={{ ...theirs, canReply: state.canReply }}
                redirectTo={here}
                canReport={theirs.hiddenReason === null}
              />
            </>
          ) : (
            <p className="text-stone-600">
              {state.otherSubmitted ? t("reviews.otherSubmitted") : t("reviews.waitingForOther")}
            </p>
          )}
        </section>
      ) : null}
      {state.published.map((review) => (
        <section key={review.id} className="card">
          <ReviewCard
            review={review}
            heading={t(review.authorSide === "PAYER" ? "reviews.aboutPayee" : "reviews.aboutPayer")}
          />
        </section>
      ))}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
