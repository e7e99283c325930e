import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { FactList } from "~/components/fact-list";
import { ListingCard } from "~/components/listings/listing-card";
import { MoneyRange } from "~/components/money-range";
import { Highlight } from "~/components/search/highlight";
import { VerifiedBadge } from "~/components/verified-badge";
import { WorkspaceSection } from "~/components/workspace-section";
import { formatDate } from "~/i18n/format";
import type { ServiceCategory, ServiceStatus } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import { countyName } from "~/modules/reference/reference";
import { industryName } from "~/components/offers/offer-card";

type DateLike = Date | string | null;

export interface ServiceCardData {
  id: string;
  category: ServiceCategory;
  title: string;
  industries: string[];
  countiesServed: string[];
  free: boolean;
  priceMinFen: number | null;
  priceMaxFen: number | null;
  turnaroundDays: number | null;
  publishedAt: DateLike;
  organisation: { id: string; name: string; nameEn: string | null; verifiedAt: DateLike };
}

/** A service as it appears in a space's own list (its page, the workspace): any state. */
export interface ServiceRowData {
  id: string;
  category: ServiceCategory;
  title: string;
  status: ServiceStatus;
  hiddenAt: DateLike;
  updatedAt: DateLike;
}

export function CategoryLabel({ category }: { category: ServiceCategory }) {
  const { t } = useT();
  return (
    <span className="rounded-full bg-sky-100 px-2 py-0.5 text-xs font-medium text-sky-900">
      {t(`spaces.category.${category}`)}
    </span>
  );
}

/** The space, linked to its page, with its verification badge. */
export function SpaceName({ organisation }: { organisation: ServiceCardData["organisation"] }) {
  const { locale } = useT();
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
      <Link to={`/orgs/${organisation.id}`} className="link">
        {locale === "en" && organisation.nameEn ? organisation.nameEn : organisation.name}
      </Link>
      <VerifiedBadge verified={Boolean(organisation.verifiedAt)} />
    </span>
  );
}

/** Free, a price range, or 面议 (to be agreed). */
export function ServicePrice({
  service,
}: {
  service: Pick<ServiceCardData, "free" | "priceMinFen" | "priceMaxFen">;
}) {
  const { t } = useT();
  if (service.free) return <span className="font-medium text-brand-800">{t("spaces.free")}</span>;
  return <MoneyRange minFen={service.priceMinFen} maxFen={service.priceMaxFen} />;
}

/** Industries, counties, fee and turnaround as short facts. */
export function ServiceFacts({ service }: { service: ServiceCardData }) {
  const { t, locale } = useT();
  const rows: [string, ReactNode][] = [
    [
      t("spaces.industries"),
      service.industries.length
        ? service.industries.map((code) => industryName(code, locale)).join("、")
        : t("spaces.industries.any"),
    ],
    [
      t("spaces.countiesServed"),
      service.countiesServed.map((code) => countyName(code, locale) ?? code).join("、"),
    ],
    [t("spaces.price"), <ServicePrice key="price" service={service} />],
    [
      t("spaces.turnaround"),
      service.turnaroundDays ? t("spaces.turnaroundDays", { days: service.turnaroundDays }) : null,
    ],
  ];
  return <FactList facts={rows} className="gap-x-3 gap-y-1 text-sm" />;
}

/** One service in the catalogue or in search results (`terms` marks the query's words in the title). */
export function ServiceCard({
  service,
  terms = [],
}: {
  service: ServiceCardData;
  terms?: readonly string[];
}) {
  return (
    <ListingCard
      ns="spaces"
      href={`/services/${service.id}`}
      publishedAt={service.publishedAt}
      label={<CategoryLabel category={service.category} />}
      title={<Highlight text={service.title} terms={terms} />}
      facts={<ServiceFacts service={service} />}
      provider={<SpaceName organisation={service.organisation} />}
    />
  );
}

/** A compact list of a space's services with their state, for its page and the workspace. */
export function ServiceRows({ services, showState }: { services: ServiceRowData[]; showState: boolean }) {
  const { t, locale } = useT();
  return (
    <ul className="space-y-2">
      {services.map((service) => (
        <li key={service.id} className="flex flex-wrap items-center gap-2 py-1">
          <CategoryLabel category={service.category} />
          <Link to={`/services/${service.id}`} className="link">
            {service.title}
          </Link>
          {showState ? (
            <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
              {t(`spaces.status.${service.status}`)}
            </span>
          ) : null}
          {service.hiddenAt ? (
            <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800">
              {t("needs.hidden")}
            </span>
          ) : null}
          {showState && service.updatedAt ? (
            <span className="ml-auto text-sm text-stone-600">{formatDate(locale, service.updatedAt)}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The services section of a Star Innovation Space's page; its own accounts also see drafts and an "add" link. */
export function SpaceServicesSection({
  organisationId,
  services,
  canManage,
}: {
  organisationId: string;
  services: ServiceRowData[];
  canManage: boolean;
}) {
  const { t } = useT();
  return (
    <section className="card space-y-2" aria-labelledby="space-services">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="space-services" className="text-lg font-semibold">
          {t("spaces.org.title")}
        </h2>
        {canManage ? (
          <Link to={`/services/new?org=${organisationId}`} className="btn-secondary">
            {t("spaces.post")}
          </Link>
        ) : null}
      </div>
      {services.length === 0 ? (
        <p className="text-stone-600">{t("spaces.org.empty")}</p>
      ) : (
        <ServiceRows services={services} showState={canManage} />
      )}
    </section>
  );
}

/** "My space services" in the workspace of a space's accounts: every state, with a link to post one. */
export function MyServicesSection({ services }: { services: ServiceRowData[] }) {
  const { t } = useT();
  return (
    <WorkspaceSection
      id="my-services"
      title={t("spaces.workspace.title")}
      link={{ to: "/services/new", label: t("spaces.post"), primary: true }}
      empty={services.length === 0 ? t("spaces.workspace.empty") : undefined}
    >
      <div className="card p-3">
        <ServiceRows services={services} showState />
      </div>
    </WorkspaceSection>
  );
}
