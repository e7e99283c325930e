import { Link } from "@remix-run/react";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";

export interface ReviewPanelData {
  canWrite: boolean;
  mineWaiting: boolean;
  published: boolean;
  closesAt: Date | string | null;
}

/** On a completed agreement: where the two sides review each other, and how far that got. */
export function ReviewPanel({ agreementId, panel }: { agreementId: string; panel: ReviewPanelData }) {
  const { t, locale } = useT();
  const status = panel.mineWaiting
    ? t("reviews.panel.mineWaiting")
    : panel.published
      ? t("reviews.panel.published")
      : null;
  return (
    <section className="card flex flex-wrap items-center gap-3" aria-labelledby="review-panel">
      <h2 id="review-panel" className="text-lg font-semibold">
        {t("reviews.panel.title")}
      </h2>
      {status ? <span className="text-sm text-stone-700">{status}</span> : null}
      {panel.closesAt ? (
        <span className="text-sm text-stone-600">
          {t("reviews.windowCloses", { date: formatDate(locale, panel.closesAt) })}
        </span>
      ) : null}
      <Link
        to={`/agreements/${agreementId}/review`}
        className={panel.canWrite ? "btn-primary ml-auto" : "link ml-auto"}
      >
        {panel.canWrite ? t("reviews.panel.write") : t("reviews.panel.view")}
      </Link>
    </section>
  );
}
