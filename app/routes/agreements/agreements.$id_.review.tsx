import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ReviewActions, ReviewCard } from "~/components/reviews/review-card";
import { ReviewForm } from "~/components/reviews/review-form";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { agreementReviewState } from "~/modules/reviews/reviews.queries.server";
import { reviewFormSchema } from "~/modules/reviews/reviews.schema";
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

export default function AgreementReviewPage() {
  const { state } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
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
          <ReviewForm side={side} lastResult={lastResult} />
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
