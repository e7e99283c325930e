import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { STATUS_TONE } from "~/components/needs/need-labels";
import { PendingInvitations } from "~/components/pending-invitations";
import { RecommendationList } from "~/components/search/recommendations";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { getWorkspace } from "~/modules/workspace/workspace.server";
import { listMyInvitations } from "~/modules/negotiation/invitations.server";
import { listActiveBans } from "~/modules/sanctions/bans.server";
import { luoyangToday } from "~/utils/dates";
import { MyServicesSection } from "~/components/spaces/service-views";
import { listMyTriageAssignments } from "~/modules/reach/triage.server";
import { TriageTasksSection } from "~/components/reach/reach-sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "workspace.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [workspace, locale, activeBans] = await Promise.all([
    getWorkspace(user),
    getLocale(request),
    listActiveBans({ userId: user.id, organisationIds: user.memberships.map((m) => m.organisationId) }),
  ]);
  // The reason and the end date of any ban on the viewer or their organisations, shown on top.
  const bans = activeBans.map((ban) => ({
    id: ban.id,
    reason: ban.reason,
    until: luoyangToday(ban.endsAt),
    personal: ban.userId === user.id,
  }));
  const invitations = workspace.applications ? await listMyInvitations(user.id, { pendingOnly: true }) : null;
  return {
    ...workspace,
    invitations,
    bans,
    locale,
    canPost: can(user, "need.post"),
    canOffer: can(user, "offer.post"),
    triageTasks: await listMyTriageAssignments(user.id),
  };
}

export default function WorkspacePage() {
  const {
    bans,
    needs,
    applications,
    invitations,
    offers,
    recommended,
    services,
    canPost,
    canOffer,
    triageTasks,
  } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <div className="space-y-8">
      {bans.map((ban) => (
        <p
          key={ban.id}
          role="alert"
          className="rounded-lg border-l-4 border-red-600 bg-red-50 px-4 py-3 text-red-800"
        >
          {t("sanctions.banner", {
            reason: ban.reason,
            until: ban.until,
            subject: t(ban.personal ? "sanctions.banner.person" : "sanctions.banner.organisation"),
          })}
        </p>
      ))}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("workspace.title")}</h1>
        <div className="flex gap-2">
          <Link to="/agreements" className="btn-secondary">
            {t("agreements.title")}
          </Link>
          <Link to="/needs" className="btn-secondary">
            {t("workspace.browseNeeds")}
          </Link>
          {canPost ? (
            <Link to="/needs/new" className="btn-primary">
              {t("needs.post")}
            </Link>
          ) : null}
          {canOffer ? (
            <Link to="/offers/new" className="btn-primary">
              {t("offers.post")}
            </Link>
          ) : null}
        </div>
      </div>
      {needs ? (
        <section aria-labelledby="my-needs" className="space-y-3">
          <h2 id="my-needs" className="text-xl font-semibold">
            {t("workspace.myNeeds")}
          </h2>
          {needs.length === 0 ? <p className="card text-stone-600">{t("workspace.noNeeds")}</p> : null}
          <ul className="space-y-2">
            {needs.map((need) => (
              <li key={need.id} className="card flex flex-wrap items-center gap-2 p-3">
                <span className={`rounded-full px-2 py-0.5 text-xs ${STATUS_TONE[need.status]}`}>
                  {t(`needs.status.${need.status}` as MessageKey)}
                </span>
                <Link to={`/needs/${need.id}`} className="font-medium hover:underline">
                  {need.title}
                </Link>
                {need.hiddenAt ? (
                  <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800">
                    {t("needs.hidden")}
                  </span>
                ) : null}
                <span className="ml-auto text-sm text-stone-600">
                  {need.applicationCount > 0 ? (
                    <Link to={`/needs/${need.id}/applications`} className="link">
                      {t("needs.applicationsCount", { count: need.applicationCount })}
                      {need.waiting > 0 ? ` · ${t("workspace.waiting", { count: need.waiting })}` : ""}
                    </Link>
                  ) : (
                    t("needs.applicationsCount", { count: 0 })
                  )}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <TriageTasksSection tasks={triageTasks} />
      {recommended ? (
        <section className="card">
          <RecommendationList
            title={t("match.forExpert")}
            items={recommended.map((need) => ({
              id: need.id,
              href: `/needs/${need.id}`,
              label: need.title,
              reasons: need.reasons,
            }))}
          />
        </section>
      ) : null}
      {invitations ? <PendingInvitations invitations={invitations} /> : null}
      {applications ? (
        <section aria-labelledby="my-applications" className="space-y-3">
          <h2 id="my-applications" className="text-xl font-semibold">
            {t("workspace.myApplications")}
          </h2>
          {applications.length === 0 ? (
            <p className="card text-stone-600">{t("workspace.noApplications")}</p>
          ) : null}
          <ul className="space-y-2">
            {applications.map((application) => (
              <li key={application.id} className="card flex flex-wrap items-center gap-2 p-3">
                <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
                  {t(`applications.status.${application.status}` as MessageKey)}
                </span>
                <Link to={`/needs/${application.need.id}`} className="font-medium hover:underline">
                  {application.need.title}
                </Link>
                <span className="ml-auto text-sm text-stone-600">
                  {formatMoney(locale, application.priceFen)} · {formatDate(locale, application.updatedAt)}
                </span>
                <Form method="post" action={`/messages/application/${application.id}`}>
                  <button type="submit" className="btn-secondary min-h-9 py-1 text-sm">
                    {t("chat.openApplication")}
                  </button>
                </Form>
                {application.status === "ACCEPTED" && application.agreement ? (
                  <Link
                    to={`/agreements/${application.agreement.id}`}
                    className="btn-primary min-h-9 py-1 text-sm"
                  >
                    {t("agreements.action.open")}
                  </Link>
                ) : application.status === "ACCEPTED" ? (
                  <Form method="post" action="/agreements/new">
                    <input type="hidden" name="source" value="application" />
                    <input type="hidden" name="applicationId" value={application.id} />
                    <input type="hidden" name="redirectTo" value="/workspace" />
                    <button type="submit" className="btn-primary min-h-9 py-1 text-sm">
                      {t("agreements.action.draft")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {offers ? (
        <section aria-labelledby="my-offers" className="space-y-3">
          <h2 id="my-offers" className="text-xl font-semibold">
            {t("workspace.myOffers")}
          </h2>
          {offers.length === 0 ? <p className="card text-stone-600">{t("workspace.noOffers")}</p> : null}
          <ul className="space-y-2">
            {offers.map((offer) => (
              <li key={offer.id} className="card flex flex-wrap items-center gap-2 p-3">
                <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
                  {t(`offers.status.${offer.status}` as MessageKey)}
                </span>
                <Link to={`/offers/${offer.id}`} className="font-medium hover:underline">
                  {offer.title}
                </Link>
                {offer.hiddenAt ? (
                  <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800">
                    {t("needs.hidden")}
                  </span>
                ) : null}
                <span className="ml-auto text-sm text-stone-600">{formatDate(locale, offer.updatedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {services ? <MyServicesSection services={services} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
