import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { wantsReveal } from "~/modules/privacy/contact-reveal.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  MainProducts,
  OrganisationExperts,
  OrganisationMembers,
} from "~/components/profiles/organisation-sections";
import { PovertyBadge } from "~/components/poverty-badge";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
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
import { ProfileLayout } from "~/components/profiles/profile-layout";
import { ContactSection, ProfileOffers } from "~/components/profiles/profile-sections";
import { SpaceServicesSection } from "~/components/spaces/service-views";
import { povertyStatus } from "~/modules/reach/poverty.server";
import { PovertySection } from "~/components/reach/reach-sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.name} · ${translate(data.locale, "app.name")}` : "XiangKe" },
  { name: "description", content: data?.organisation.description.slice(0, 150) ?? "" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale] = await Promise.all([
    getOrganisationPage(params.id ?? "", viewer, {
      reveal: wantsReveal(request),
      ip: context.clientIp,
    }).catch((error: unknown) => {
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
    canRevealContact,
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
    <ProfileLayout
      hidden={hidden}
      eyebrow={<p className="text-sm text-stone-600">{t(`orgType.${organisation.type}`)}</p>}
      name={locale === "en" && organisation.nameEn ? organisation.nameEn : organisation.name}
      verified={Boolean(organisation.verifiedAt)}
      intro={
        <>
          {poverty?.since ? (
            <p className="mt-1">
              <PovertyBadge marked />
            </p>
          ) : null}
          {place ? <p className="mt-1 text-stone-700">{t("profiles.location", { place })}</p> : null}
          {organisation.description ? (
            <p className="mt-3 whitespace-pre-line">{organisation.description}</p>
          ) : null}
        </>
      }
      editLinks={
        canEdit
          ? {
              editHref: `/account/organisations/${organisation.id}`,
              editLabel: t("profiles.edit"),
              verifyHref: `/account/verification?org=${organisation.id}`,
            }
          : null
      }
      canModerate={canModerate}
      lastResult={lastResult}
    >
      {poverty?.canChange ? (
        <PovertySection organisationId={organisation.id} since={poverty.since} canChange />
      ) : null}
      <MainProducts products={organisation.mainProducts} />
      <ContactSection contact={contact} canReveal={canRevealContact} />
      <TrustSections trust={trust} />
      <OrganisationMembers members={members} />
      <OrganisationExperts experts={experts} />
      <ProfileOffers offers={offers} />
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
    </ProfileLayout>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
