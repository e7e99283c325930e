import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import type {
  ExpertReputation,
  OrganisationReputation,
  Rate,
  RatingFigure,
} from "~/modules/reviews/reputation.server";

type Props =
  | { kind: "expert"; reputation: ExpertReputation }
  | { kind: "organisation"; reputation: OrganisationReputation };

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-stone-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Figures computed from records; where there is nothing behind a figure it says so instead of showing a zero. */
export function ReputationCard(props: Props) {
  const { t } = useT();
  const none = <span className="text-stone-500">{t("reputation.noRecord")}</span>;
  const rate = (r: Rate) =>
    r.total > 0
      ? t("reputation.rateValue", {
          percent: Math.round((r.onTime / r.total) * 100),
          onTime: r.onTime,
          total: r.total,
        })
      : none;
  const rating = (r: RatingFigure) =>
    r.average !== null && r.count > 0
      ? t("reputation.ratingValue", { average: r.average.toFixed(1), count: r.count })
      : none;
  const duration = (minutes: number | null) => {
    if (minutes === null) return none;
    if (minutes < 60) return t("reputation.minutes", { count: Math.max(1, Math.round(minutes)) });
    if (minutes < 48 * 60) return t("reputation.hours", { count: Math.round(minutes / 6) / 10 });
    return t("reputation.days", { count: Math.round(minutes / 144) / 10 });
  };
  const count = (n: number) => (n > 0 ? t("reputation.completedValue", { count: n }) : none);
  return (
    <section className="card" aria-labelledby="reputation">
      <h2 id="reputation" className="text-lg font-semibold">
        {t("reputation.title")}
      </h2>
      <dl className="mt-2 grid grid-cols-[auto,1fr] gap-x-4 gap-y-2">
        <Row label={t("reputation.rating")}>{rating(props.reputation.rating)}</Row>
        <Row label={t("reputation.completed")}>{count(props.reputation.completedAgreements)}</Row>
        {props.kind === "expert" ? (
          <>
            <Row label={t("reputation.onTime")}>{rate(props.reputation.onTimeMilestones)}</Row>
            <Row label={t("reputation.messageResponse")}>
              {duration(props.reputation.messageResponseMinutes)}
            </Row>
            <Row label={t("reputation.invitationResponse")}>
              {duration(props.reputation.invitationResponseMinutes)}
            </Row>
            {props.reputation.service.logs > 0 ? (
              <Row label={t("reputation.service")}>
                {t("reputation.serviceValue", {
                  logs: props.reputation.service.logs,
                  farmers: props.reputation.service.farmersReached,
                })}
              </Row>
            ) : null}
          </>
        ) : (
          <>
            <Row label={t("reputation.onTimeFunding")}>{rate(props.reputation.onTimeFunding)}</Row>
            <Row label={t("reputation.applicationResponse")}>
              {duration(props.reputation.applicationResponseMinutes)}
            </Row>
          </>
        )}
      </dl>
      <p className="mt-2 text-sm text-stone-600">{t("reputation.hint")}</p>
    </section>
  );
}
