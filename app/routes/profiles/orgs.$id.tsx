import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { VerifiedBadge } from "~/components/verified-badge";
import { PovertyBadge } from "~/components/poverty-badge";
import { getLocale } from "~/i18n/i18n.server";
import { translate, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { profileModerationAction } from "~/modules/profiles/profiles.actions.server";
import { getOrganisationPage } from "~/modules/profiles/profiles.server";
import { countyName } from "~/modules/reference/reference";
import { listServicesOfSpace, managesSpace } from "~/modules/spaces/spaces.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { managesWebhooks } from "~/modules/webhooks/webhooks.server";
import { organisationTrust } from "~/modules/reviews/profile-trust.server";
import { TrustSections } from "~/components/reviews/trust-sections";
import { domainErrorResponse } from "~/utils/errors";
import { ContactSection, HiddenNotice, ModerationForm } from "~/components/profiles/profile-sections";
import { SpaceServicesSection } from "~/components/spaces/service-views";
import { povertyStatus } from "~/modules/reach/poverty.server";
import { PovertySection } from "~/components/reach/reach-sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.name} · ${translate(data.locale, "app.name")}` : "XiangKe" },
  { name: "description", content: data?.organisation.description.slice(0, 150) ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale] = await Promise.all([
    getOrganisationPage(params.id ?? "", viewer).catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
  // A Star Innovation Space lists its services; its own accounts also see drafts.
  const managesServices = managesSpace(viewer, page.organisation.id);
  const services =
    page.organisation.type === "STAR_SPACE"
      ? await listServicesOfSpace(page.organisation.id, managesServices)
      : null;
  const trust = await organisationTrust(page.organisation.id, viewer);
  const poverty = await povertyStatus(page.organisation.id, viewer);
  return {
    ...page,
    locale,
    services,
    managesServices,
    managesWebhooks: managesWebhooks(viewer, page.organisation.id),
    trust,
    poverty,
  };
}

/** Only moderation posts here; editing lives under /account/organisations/:id. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return profileModerationAction(request, context, { kind: "organisation", id: params.id ?? "" });
}

export default function OrganisationPage() {
  const {
    organisation,
    contact,
    members,
    experts,
    offers,
    services,
    managesServices,
    managesWebhooks,
    hidden,
    canEdit,
    canModerate,
    trust,
    poverty,
  } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const place = [countyName(organisation.countyCode, locale), organisation.village]
    .filter(Boolean)
    .join(" · ");
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      <HiddenNotice hidden={hidden} />
      <header className="card">
        <p className="text-sm text-stone-600">{t(`orgType.${organisation.type}` as MessageKey)}</p>
        <h1 className="mt-1 flex flex-wrap items-center gap-2 text-2xl font-bold">
          <span>{locale === "en" && organisation.nameEn ? organisation.nameEn : organisation.name}</span>
          <VerifiedBadge verified={Boolean(organisation.verifiedAt)} />
        </h1>
        {poverty?.since ? (
          <p className="mt-1">
            <PovertyBadge marked />
          </p>
        ) : null}
        {place ? <p className="mt-1 text-stone-700">{t("profiles.location", { place })}</p> : null}
        {organisation.description ? (
          <p className="mt-3 whitespace-pre-line">{organisation.description}</p>
        ) : null}
        {canEdit ? (
          <div className="mt-4 flex flex-wrap gap-2">
            <Link to={`/account/organisations/${organisation.id}`} className="btn-secondary">
              {t("profiles.edit")}
            </Link>
            {!organisation.verifiedAt ? (
              <Link to={`/account/verification?org=${organisation.id}`} className="btn-secondary">
                {t("profiles.verify")}
              </Link>
            ) : null}
          </div>
        ) : null}
      </header>
      {poverty?.canChange ? (
        <PovertySection organisationId={organisation.id} since={poverty.since} canChange />
      ) : null}
      {organisation.mainProducts.length > 0 ? (
        <section className="card" aria-labelledby="products">
          <h2 id="products" className="text-lg font-semibold">
            {t("profiles.mainProducts")}
          </h2>
          <ul className="mt-2 flex flex-wrap gap-2">
            {organisation.mainProducts.map((product) => (
              <li key={product} className="rounded-full bg-stone-100 px-3 py-1">
                {product}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ContactSection contact={contact} />
      <TrustSections trust={trust} />
      <section className="card" aria-labelledby="members">
        <h2 id="members" className="text-lg font-semibold">
          {t("profiles.members")}
        </h2>
        {members.length === 0 ? <p className="mt-2 text-stone-600">{t("profiles.noMembers")}</p> : null}
        <ul className="mt-2 divide-y divide-stone-200">
          {members.map((member) => (
            <li key={member.id} className="flex flex-wrap items-center gap-2 py-2">
              {member.hasProfile ? (
                <Link to={`/experts/${member.id}`} className="link">
                  {member.displayName}
                </Link>
              ) : (
                <span>{member.displayName}</span>
              )}
              <VerifiedBadge verified={member.verified} compact />
              <span className="text-sm text-stone-600">{t(`role.${member.role}`)}</span>
            </li>
          ))}
        </ul>
      </section>
      {experts.length > 0 ? (
        <section className="card" aria-labelledby="experts">
          <h2 id="experts" className="text-lg font-semibold">
            {t("profiles.experts")}
          </h2>
          <ul className="mt-2 divide-y divide-stone-200">
            {experts.map((expert) => (
              <li key={expert.userId} className="flex flex-wrap items-center gap-2 py-2">
                <Link to={`/experts/${expert.userId}`} className="link">
                  {expert.user.displayName}
                </Link>
                <VerifiedBadge verified={Boolean(expert.user.verifiedAt)} compact />
                <span className="text-sm text-stone-600">{expert.title}</span>
                {expert.isCommissioner ? (
                  <span className="text-sm text-brand-800">{t("profiles.expert.commissioner")}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {offers.length > 0 ? (
        <section className="card" aria-labelledby="offers">
          <h2 id="offers" className="text-lg font-semibold">
            {t("profiles.offers")}
          </h2>
          <ul className="mt-2 divide-y divide-stone-200">
            {offers.map((offer) => (
              <li key={offer.id} className="py-2">
                <span className="mr-2 text-sm text-stone-600">{t(`profiles.offerKind.${offer.kind}`)}</span>
                <Link to={`/offers/${offer.id}`} className="link">
                  {offer.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {managesWebhooks ? (
        <Link to={`/orgs/${organisation.id}/webhooks`} className="link block">
          {t("webhooks.manageLink")}
        </Link>
      ) : null}
      {services ? (
        <SpaceServicesSection
          organisationId={organisation.id}
          services={services}
          canManage={managesServices}
        />
      ) : null}
      {canModerate ? <ModerationForm hidden={Boolean(hidden)} lastResult={lastResult} /> : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
