import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PendingInvitations } from "~/components/pending-invitations";
import { RecommendationList } from "~/components/search/recommendations";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
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
import {
  MyApplicationsSection,
  MyNeedsSection,
  MyOffersSection,
  MyProgrammeProjectsSection,
} from "~/components/workspace/my-listings";
import { listMyProgrammeProjects } from "~/modules/programmes/programmes.queries.server";
import { OfficerTasksSection } from "~/components/counties/officer-tasks";
import { officerTasks } from "~/modules/bureau/officer-tasks.server";

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
  // Asked together: under a crowd each statement waits its turn for a pooled connection, so a
  // page that asks one after another waits once per statement.
  const [invitations, triageTasks, myOfficerTasks, programmeProjects] = await Promise.all([
    workspace.applications ? listMyInvitations(user.id, { pendingOnly: true }) : null,
    listMyTriageAssignments(user.id),
    officerTasks(user),
    listMyProgrammeProjects(user),
  ]);
  return {
    ...workspace,
    invitations,
    bans,
    locale,
    canPost: can(user, "need.post"),
    canOffer: can(user, "offer.post"),
    triageTasks,
    officerTasks: myOfficerTasks,
    programmeProjects,
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
    officerTasks,
    programmeProjects,
  } = useLoaderData<typeof loader>();
  const { t } = useT();
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
      {officerTasks ? <OfficerTasksSection tasks={officerTasks} /> : null}
      {needs ? <MyNeedsSection needs={needs} /> : null}
      <MyProgrammeProjectsSection projects={programmeProjects} />
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
      {applications ? <MyApplicationsSection applications={applications} /> : null}
      {offers ? <MyOffersSection offers={offers} /> : null}
      {services ? <MyServicesSection services={services} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
