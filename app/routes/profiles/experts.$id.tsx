import type { ReactNode } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { VerifiedBadge } from "~/components/verified-badge";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { profileModerationAction } from "~/modules/profiles/profiles.actions.server";
import { getExpertPage } from "~/modules/profiles/profiles.server";
import { INDUSTRIES, countyName, localName } from "~/modules/reference/reference";
import { getOptionalUser } from "~/modules/users/guards.server";
import { canMessageDirectly } from "~/modules/chat/chat.server";
import { expertTrust } from "~/modules/reviews/profile-trust.server";
import { TrustSections } from "~/components/reviews/trust-sections";
import { domainErrorResponse } from "~/utils/errors";
import { ContactSection, HiddenNotice, ModerationForm } from "~/components/profiles/profile-sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.expert.displayName} · ${translate(data.locale, "app.name")}` : "XiangKe" },
  { name: "description", content: data?.profile?.specialties ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale, canMessage] = await Promise.all([
    getExpertPage(params.id ?? "", viewer).catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
    canMessageDirectly(viewer?.id, params.id ?? ""),
  ]);
  const trust = await expertTrust(page.expert.id, viewer);
  return { ...page, locale, canMessage, trust };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return profileModerationAction(request, context, { kind: "expert", id: params.id ?? "" });
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-stone-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default function ExpertPage() {
  const { expert, profile, contact, offers, hidden, isOwner, canModerate, canMessage, trust } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const fieldNames = INDUSTRIES.filter((industry) => profile?.fields.includes(industry.code)).map(
    (industry) => localName(industry, locale),
  );
  const separator = locale === "zh" ? "、" : ", ";
  const counties = profile?.countiesServed.map((code) => countyName(code, locale)).filter(Boolean) ?? [];
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      <HiddenNotice hidden={hidden} />
      <header className="card">
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-bold">
          <span>{expert.displayName}</span>
          <VerifiedBadge verified={expert.verified} />
          {profile?.isCommissioner ? (
            <span className="rounded-full bg-brand-700 px-2 py-0.5 text-xs text-white">
              {t("profiles.expert.commissioner")}
            </span>
          ) : null}
        </h1>
        {profile ? (
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
        )}
        {isOwner ? (
          <div className="mt-4 flex flex-wrap gap-2">
            <Link to="/account/profile" className="btn-secondary">
              {profile ? t("profiles.edit") : t("profiles.expert.fillIn")}
            </Link>
            {!expert.verified ? (
              <Link to="/account/verification" className="btn-secondary">
                {t("profiles.verify")}
              </Link>
            ) : null}
          </div>
        ) : null}
      </header>
      {profile ? (
        <section className="card">
          <dl className="grid grid-cols-[auto,1fr] gap-x-4 gap-y-2">
            <Fact label={t("profiles.expert.fields")}>
              {fieldNames.join(separator) || t("profiles.notSet")}
            </Fact>
            <Fact label={t("profiles.expert.specialties")}>
              {profile.specialties || t("profiles.notSet")}
            </Fact>
            <Fact label={t("profiles.expert.countiesServed")}>
              {counties.join(separator) || t("profiles.notSet")}
            </Fact>
            <Fact label={t("profiles.expert.availability")}>
              {t(`profiles.availability.${profile.availability}`)}
            </Fact>
            <Fact label={t("profiles.expert.languages")}>
              {profile.languages
                .map((code) => (code === "en" ? t("profiles.language.en") : t("profiles.language.zh")))
                .join(separator)}
            </Fact>
          </dl>
          {profile.bio ? <p className="mt-4 whitespace-pre-line">{profile.bio}</p> : null}
        </section>
      ) : null}
      {profile ? <ContactSection contact={contact} /> : null}
      <TrustSections trust={trust} />
      {canMessage ? (
        <Form method="post" action="/messages/direct">
          <input type="hidden" name="userId" value={expert.id} />
          <button type="submit" className="btn-secondary">
            {t("chat.messageExpert")}
          </button>
        </Form>
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
      {canModerate && profile ? <ModerationForm hidden={Boolean(hidden)} lastResult={lastResult} /> : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
