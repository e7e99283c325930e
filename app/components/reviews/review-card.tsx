import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { formatDate } from "~/i18n/format";
import type { Criterion } from "~/modules/reviews/reviews.schema";
import { useT } from "~/i18n/use-t";

/** A review as loader data carries it (dates may arrive as strings). */
export interface ReviewCardData {
  id: string;
  authorSide: "PAYER" | "PAYEE";
  authorName: string;
  rating: number;
  scores: { criterion: Criterion; score: number }[];
  text: string;
  createdAt: Date | string;
  publishedAt: Date | string | null;
  reply: string | null;
  repliedAt: Date | string | null;
  hiddenReason: string | null;
  canReply?: boolean;
}

function Score({ label, score }: { label: string; score: number }) {
  const { t } = useT();
  return (
    <div className="flex items-center justify-between gap-2 text-sm">
      <dt className="text-stone-600">{label}</dt>
      <dd aria-label={t("reviews.stars", { score })}>
        <span aria-hidden="true" className="tracking-tight text-amber-600">
          {"★".repeat(score)}
          <span className="text-stone-300">{"★".repeat(5 - score)}</span>
        </span>
      </dd>
    </div>
  );
}

/** One review: overall rating, the criteria, the text, the reply; or the notice that staff hid it. */
export function ReviewCard({ review, heading }: { review: ReviewCardData; heading?: string }) {
  const { t, locale } = useT();
  if (review.hiddenReason !== null) {
    return (
      <p className="rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-700">
        {t("reviews.hidden", { reason: review.hiddenReason })}
      </p>
    );
  }
  return (
    <div className="space-y-2">
      {heading ? <h3 className="font-semibold">{heading}</h3> : null}
      <p className="flex flex-wrap items-baseline gap-2">
        <span className="text-lg font-semibold text-amber-700">
          {t("reviews.scoreOutOf", { score: review.rating })}
        </span>
        <span className="text-sm text-stone-600">
          {t("reviews.by", {
            name: review.authorName,
            date: formatDate(locale, review.publishedAt ?? review.createdAt),
          })}
        </span>
      </p>
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
        {review.scores.map((s) => (
          <Score key={s.criterion} label={t(`reviews.criterion.${s.criterion}`)} score={s.score} />
        ))}
      </dl>
      <p className="whitespace-pre-line">{review.text}</p>
      {review.reply ? (
        <div className="rounded-lg border-l-4 border-stone-300 bg-stone-50 px-3 py-2">
          <p className="text-sm text-stone-600">
            {t("reviews.replyBy", { date: formatDate(locale, review.repliedAt ?? review.createdAt) })}
          </p>
          <p className="whitespace-pre-line">{review.reply}</p>
        </div>
      ) : null}
    </div>
  );
}

/** Report a review (and, for the reviewed side, reply): forms posting to /reviews/:id, no JS needed. */
export function ReviewActions({
  review,
  redirectTo,
  canReport,
}: {
  review: ReviewCardData;
  redirectTo: string;
  canReport: boolean;
}) {
  const { t } = useT();
  return (
    <div className="flex flex-wrap gap-3 text-sm">
      {review.canReply ? (
        <Link to={`/reviews/${review.id}`} className="link">
          {t("reviews.reply")}
        </Link>
      ) : null}
      {canReport ? (
        <details>
          <summary className="link cursor-pointer">{t("reviews.report")}</summary>
          <Form method="post" action={`/reviews/${review.id}`} className="mt-2 space-y-2">
            <input type="hidden" name="intent" value="report" />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <label htmlFor={`report-${review.id}`} className="block font-medium text-stone-800">
              {t("reviews.reportReason")}
            </label>
            <textarea
              id={`report-${review.id}`}
              name="reason"
              rows={3}
              required
              minLength={4}
              maxLength={500}
              className="input"
            />
            <button type="submit" className="btn-secondary">
              {t("reviews.reportSubmit")}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}

/** Reviews received, for a profile page: each with its reply and a report form. */
export function ReviewsSection({
  list,
  redirectTo,
  loggedIn,
}: {
  list: { items: ReviewCardData[]; total: number };
  redirectTo: string;
  loggedIn: boolean;
}) {
  const { t } = useT();
  return (
    <section className="card space-y-3" aria-labelledby="reviews">
      <h2 id="reviews" className="text-lg font-semibold">
        {t("reviews.listTitle")}
      </h2>
      {list.total === 0 ? (
        <p className="text-stone-600">{t("reviews.none")}</p>
      ) : (
        <p className="text-sm text-stone-600">{t("reviews.count", { count: list.total })}</p>
      )}
      <ul className="divide-y divide-stone-200">
        {list.items.map((review) => (
          <li key={review.id} className="space-y-2 py-3">
            <ReviewCard review={review} />
            <ReviewActions review={review} redirectTo={redirectTo} canReport={loggedIn} />
          </li>
        ))}
      </ul>
    </section>
  );
}
