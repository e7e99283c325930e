import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { FactList } from "~/components/fact-list";
import { ListingCard } from "~/components/listings/listing-card";
import { MoneyRange } from "~/components/money-range";
import { VerifiedBadge } from "~/components/verified-badge";
import type { ArrangementType, OfferKind } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import { countyName, INDUSTRIES, localName } from "~/modules/reference/reference";

interface Provider {
  expert: { id: string; displayName: string; verifiedAt: Date | string | null } | null;
  organisation: { id: string; name: string; nameEn: string | null; verifiedAt: Date | string | null } | null;
}

export interface OfferCardData extends Provider {
  id: string;
  kind: OfferKind;
  title: string;
  industry: string;
  countiesServed: string[];
  arrangements: ArrangementType[];
  priceMinFen: number | null;
  priceMaxFen: number | null;
  publishedAt: Date | string | null;
}

/** The expert (with their affiliation) or the institution, linked to its profile, with the badge. */
export function ProviderName({ offer }: { offer: Provider }) {
  const { locale } = useT();
  const organisationName =
    offer.organisation &&
    (locale === "en" && offer.organisation.nameEn ? offer.organisation.nameEn : offer.organisation.name);
  if (offer.expert) {
    return (
      <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
        <Link to={`/experts/${offer.expert.id}`} className="link">
          {offer.expert.displayName}
        </Link>
        <VerifiedBadge verified={Boolean(offer.expert.verifiedAt)} />
        {organisationName ? <span className="text-sm text-stone-600">{organisationName}</span> : null}
      </span>
    );
  }
  if (!offer.organisation) return null;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
      <Link to={`/orgs/${offer.organisation.id}`} className="link">
        {organisationName}
      </Link>
      <VerifiedBadge verified={Boolean(offer.organisation.verifiedAt)} />
    </span>
  );
}

export function industryName(code: string, locale: "zh" | "en"): string {
  const industry = INDUSTRIES.find((candidate) => candidate.code === code);
  return industry ? localName(industry, locale) : code;
}

/** Kind, industry, counties and arrangements as short facts. */
export function OfferFacts({ offer }: { offer: OfferCardData }) {
  const { t, locale } = useT();
  const rows: [string, ReactNode][] = [
    [t("offers.industry"), industryName(offer.industry, locale)],
    [
      t("offers.countiesServed"),
      offer.countiesServed.map((code) => countyName(code, locale) ?? code).join("、"),
    ],
    [t("offers.arrangements"), offer.arrangements.map((type) => t(`arrangement.${type}`)).join("、")],
    [t("offers.price"), <MoneyRange key="price" minFen={offer.priceMinFen} maxFen={offer.priceMaxFen} />],
  ];
  return <FactList facts={rows} className="gap-x-3 gap-y-1 text-sm" />;
}

export function KindLabel({ kind }: { kind: OfferKind }) {
  const { t } = useT();
  return (
    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
      {t(`offers.kind.${kind}`)}
    </span>
  );
}

export function OfferCard({ offer }: { offer: OfferCardData }) {
  return (
    <ListingCard
      ns="offers"
      href={`/offers/${offer.id}`}
      publishedAt={offer.publishedAt}
      label={<KindLabel kind={offer.kind} />}
      title={offer.title}
      facts={<OfferFacts offer={offer} />}
      provider={<ProviderName offer={offer} />}
    />
  );
}
