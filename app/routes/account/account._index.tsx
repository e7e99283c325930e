import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FactList } from "~/components/fact-list";
import { formatDate, formatPhone } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { countyName } from "~/modules/reference/reference";
import { mayIssueRecoveryCodes } from "~/modules/recovery/assisted.server";
import { getAccountOverview } from "~/modules/users/account.server";
import { requirePermission } from "~/modules/users/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "account.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "account.use");
  const [account, locale, issuesRecoveryCodes] = await Promise.all([
    getAccountOverview(user.id),
    getLocale(request),
    mayIssueRecoveryCodes(user),
  ]);
  return { account, locale, issuesRecoveryCodes };
}

export default function AccountPage() {
  const { account, issuesRecoveryCodes } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const rows: [string, string | undefined | null][] = [
    [t("account.primaryRole"), t(`role.${account.primaryRole}`)],
    [t("account.phone"), account.phone && formatPhone(account.phone)],
    [t("account.email"), account.email],
    [t("account.county"), countyName(account.countyCode, locale)],
    [t("account.memberSince"), formatDate(locale, account.createdAt)],
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("home.welcomeBack", { name: account.displayName })}</h1>
      <section className="card" aria-labelledby="identity">
        <h2 id="identity" className="text-lg font-semibold">
          {t("account.identity")}
        </h2>
        <FactList facts={rows} className="mt-3" />
      </section>
      <section className="card" aria-labelledby="organisations">
        <h2 id="organisations" className="text-lg font-semibold">
          {t("account.organisations")}
        </h2>
        {account.memberships.length === 0 ? (
          <p className="mt-2 text-stone-600">{t("account.noOrganisations")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200">
            {account.memberships.map(({ organisation, role }) => (
              <li key={organisation.id} className="flex flex-wrap items-center gap-2 py-3">
                <span className="font-medium">{organisation.name}</span>
                <span className="text-sm text-stone-600">{t(`orgType.${organisation.type}`)}</span>
                <span className="text-sm text-stone-600">
                  {t("account.roleInOrg", { role: t(`role.${role}`) })}
                </span>
                <span
                  className={`ml-auto rounded-full px-2 py-0.5 text-xs ${organisation.verifiedAt ? "bg-brand-100 text-brand-800" : "bg-amber-100 text-amber-900"}`}
                >
                  {organisation.verifiedAt ? t("account.verified") : t("account.unverified")}
                </span>
                <span className="flex w-full gap-3 text-sm">
                  <Link to={`/account/organisations/${organisation.id}`} className="link">
                    {t("account.editOrganisation")}
                  </Link>
                  <Link to={`/orgs/${organisation.id}`} className="link">
                    {t("account.viewPublicPage")}
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="profile">
        <h2 id="profile" className="text-lg font-semibold">
          {t("account.profile")}
        </h2>
        <div className="mt-3 flex flex-wrap gap-3">
          <Link to="/account/verification" className="btn-secondary">
            {t("account.verification")}
          </Link>
          <Link to="/account/searches" className="btn-secondary">
            {t("search.savedTitle")}
          </Link>
          <Link to="/account/notifications" className="btn-secondary">
            {t("notifications.prefs.title")}
          </Link>
          <Link to="/account/tokens" className="btn-secondary">
            {t("api.tokens.title")}
          </Link>
          {account.primaryRole === "EXPERT" ? (
            <>
              <Link to="/account/profile" className="btn-secondary">
                {t("account.editExpertProfile")}
              </Link>
              <Link to={`/experts/${account.id}`} className="btn-secondary">
                {t("account.viewPublicPage")}
              </Link>
            </>
          ) : null}
        </div>
      </section>
      <section className="card" aria-labelledby="security">
        <h2 id="security" className="text-lg font-semibold">
          {t("account.security")}
        </h2>
        <div className="mt-3 flex flex-wrap gap-3">
          <Link to="/account/password" className="btn-secondary">
            {t("account.changePassword")}
          </Link>
          {issuesRecoveryCodes ? (
            <Link to="/account/recovery-codes" className="btn-secondary">
              {t("recovery.assist.link")}
            </Link>
          ) : null}
          <Link to="/account/privacy" className="btn-secondary">
            {t("privacy.account.title")}
          </Link>
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
