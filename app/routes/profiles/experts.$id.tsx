import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { wantsReveal } from "~/modules/privacy/contact-reveal.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { VerifiedBadge } from "~/components/verified-badge";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { profileModerationAction } from "~/modules/profiles/profiles.actions.server";
import { getExpertPage } from "~/modules/profiles/profiles.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { canMessageDirectly } from "~/modules/chat/chat.server";
import { expertTrust } from "~/modules/reviews/profile-trust.server";
import { TrustSections } from "~/components/reviews/trust-sections";
import { domainErrorResponse } from "~/utils/errors";
import { ExpertFacts } from "~/components/profiles/expert-facts";
import { ProfileLayout } from "~/components/profiles/profile-layout";
import { ContactSection, ProfileOffers } from "~/components/profiles/profile-sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.expert.displayName} · ${translate(data.locale, "app.name")}` : "XiangKe" },
  { name: "description", content: data?.profile?.specialties ?? "" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale, canMessage] = await Promise.all([
    getExpertPage(params.id ?? "", viewer, { reveal: wantsReveal(request), ip: context.clientIp }).catch(
      (error: unknown) => {
        throw domainErrorResponse(error);
      },
    ),
    getLocale(request),
    canMessageDirectly(viewer?.id, params.id ?? ""),
  ]);
  const trust = await expertTrust(page.expert.id, viewer);
  return { ...page, locale, canMessage, trust };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return profileModerationAction(request, context, { kind: "expert", id: params.id ?? "" });
}

export default function ExpertPage() {
  const {
    expert,
    profile,
    contact,
    canRevealContact,
    offers,
    hidden,
    isOwner,
    canModerate,
    canMessage,
    trust,
  } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <ProfileLayout
      hidden={hidden}
      name={expert.displayName}
      verified={expert.verified}
      badges={
        profile?.isCommissioner ? (
          <span className="rounded-full bg-brand-700 px-2 py-0.5 text-xs text-white">
            {t("profiles.expert.commissioner")}
          </span>
        ) : null
      }
      intro={
        profile ? (
          <p className="mt-1 flex flex-wrap items-center gap-2 text-stone-700">
            <span>{profile.title}</span>
            {profile.affiliation ? (
              <>
                <Link to={`/orgs/${profile.affiliation.id}`} className="link">
                  {profile.affiliation.name}
                </Link>
                <VerifiedBadge verified={profile.affiliation.verified} compact />
              </>
            ) : profile.affiliationText ? (
              <span>{profile.affiliationText}</span>
            ) : null}
          </p>
        ) : (
          <p className="mt-2 text-stone-700">{t("profiles.expert.missing")}</p>
        )
      }
      editLinks={
        isOwner
          ? {
              editHref: "/account/profile",
              editLabel: profile ? t("profiles.edit") : t("profiles.expert.fillIn"),
              verifyHref: "/account/verification",
            }
          : null
      }
      canModerate={canModerate && Boolean(profile)}
      lastResult={lastResult}
    >
      {profile ? <ExpertFacts profile={profile} /> : null}
      {profile ? <ContactSection contact={contact} canReveal={canRevealContact} /> : null}
      <TrustSections trust={trust} />
      {canMessage ? (
        <Form method="post" action="/messages/direct">
          <input type="hidden" name="userId" value={expert.id} />
          <button type="submit" className="btn-secondary">
            {t("chat.messageExpert")}
          </button>
        </Form>
      ) : null}
      <ProfileOffers offers={offers} />
    </ProfileLayout>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
