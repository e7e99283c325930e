import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import type { MatchReason } from "~/modules/matching/matching.server";
import { countyName } from "~/modules/reference/reference";

/** The reasons of one recommendation, as short phrases. */
export function Reasons({ reasons }: { reasons: MatchReason[] }) {
  const { t, locale } = useT();
  const text = (reason: MatchReason): string => {
    switch (reason.kind) {
      case "terms":
        return t("match.reason.terms", { terms: reason.terms.join("、") });
      case "county":
        return t("match.reason.county", { county: countyName(reason.county, locale) ?? reason.county });
      case "arrangement":
        return t("match.reason.arrangement", {
          arrangements: reason.arrangements.map((a) => t(`arrangement.${a}`)).join("、"),
        });
      case "experience":
        return t("match.reason.experience", { count: reason.count });
      case "reputation":
        return t("match.reason.reputation", { average: reason.average.toFixed(1), count: reason.count });
      default:
        return t(`match.reason.${reason.kind}`);
    }
  };
  return (
    <ul className="mt-1 flex flex-wrap gap-1" aria-label={t("match.why")}>
      {reasons.map((reason) => (
        <li key={reason.kind} className="rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-700">
          {text(reason)}
        </li>
      ))}
    </ul>
  );
}

export interface RecommendationItem {
  id: string;
  href: string;
  label: string;
  detail?: string;
  reasons: MatchReason[];
}

export function RecommendationList({ title, items }: { title: string; items: RecommendationItem[] }) {
  const { t } = useT();
  return (
    <section aria-label={title} className="space-y-2">
      <h3 className="font-medium text-stone-700">{title}</h3>
      {items.length === 0 ? <p className="text-sm text-stone-600">{t("match.none")}</p> : null}
      <ul className="space-y-2">
        {items.map((item) => (
          <li key={item.id} className="rounded-lg border border-stone-200 p-3">
            <Link to={item.href} className="font-medium hover:underline">
              {item.label}
            </Link>
            {item.detail ? <span className="ml-2 text-sm text-stone-600">{item.detail}</span> : null}
            <Reasons reasons={item.reasons} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The experts and offers that match a need, each with the reasons it matches. */
export function NeedRecommendations({
  experts,
  offers,
}: {
  experts: { id: string; name: string; title?: string; reasons: MatchReason[] }[];
  offers: { id: string; title: string; reasons: MatchReason[] }[];
}) {
  const { t } = useT();
  return (
    <section className="card space-y-4" aria-labelledby="recommended">
      <h2 id="recommended" className="text-lg font-semibold">
        {t("match.forNeed")}
      </h2>
      <RecommendationList
        title={t("match.experts")}
        items={experts.map((expert) => ({
          id: expert.id,
          href: `/experts/${expert.id}`,
          label: expert.name,
          detail: expert.title,
          reasons: expert.reasons,
        }))}
      />
      <RecommendationList
        title={t("match.offers")}
        items={offers.map((offer) => ({
          id: offer.id,
          href: `/offers/${offer.id}`,
          label: offer.title,
          reasons: offer.reasons,
        }))}
      />
    </section>
  );
}
