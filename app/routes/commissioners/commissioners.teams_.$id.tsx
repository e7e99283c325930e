import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { ventureStatusKey } from "~/components/commissioners/decision-forms";
import { useT } from "~/i18n/use-t";
import { TeamPageIntentSchema } from "~/modules/commissioners/ventures.schema";
import {
  changeLead,
  confirmMembership,
  declineInvitation,
  getTeam,
  inviteMember,
  leaveTeam,
  listInvitableCommissioners,
} from "~/modules/commissioners/teams.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse, isDomainError } from "~/utils/errors";
import { titleMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("teams.title");

/** 科技特派员团队: the team as every member sees it (members, lead, applications, ventures). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const team = await getTeam(viewer, params.id ?? "").catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  const isLead = team.leadId === viewer.id;
  const invitable = isLead
    ? (await listInvitableCommissioners(viewer.id)).filter(
        (person) => !team.members.some((member) => member.userId === person.id),
      )
    : [];
  return { team, viewerId: viewer.id, isLead, invitable, locale: await getLocale(request) };
}

const TOASTS = {
  invite: "teams.toast.invited",
  confirm: "teams.toast.confirmed",
  decline: "teams.toast.declined",
  leave: "teams.toast.left",
  changeLead: "teams.toast.leadChanged",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const teamId = params.id ?? "";
  const here = `/commissioners/teams/${teamId}`;
  const submission = parseWithZod(await request.formData(), { schema: TeamPageIntentSchema });
  if (submission.status !== "success") {
    const message = Object.values(submission.error ?? {}).flat()[0] ?? "errors.required";
    return redirectWithToast(here, { message, type: "error" });
  }
  const value = submission.value;
  try {
    if (value.intent === "invite") await inviteMember(user, teamId, value.userId);
    else if (value.intent === "confirm") await confirmMembership(user, teamId);
    else if (value.intent === "decline") await declineInvitation(user, teamId);
    else if (value.intent === "leave") await leaveTeam(user, teamId);
    else await changeLead(user, teamId, value.userId);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return redirectWithToast(here, { message: error.messageKey, type: "error" });
  }
  // After declining or leaving, the team page is no longer theirs: back to the list of teams.
  const next = value.intent === "decline" || value.intent === "leave" ? "/commissioners/teams" : here;
  return redirectWithToast(next, { message: TOASTS[value.intent] });
}

export default function TeamPage() {
  const { t, locale } = useT();
  const { team, viewerId, isLead, invitable } = useLoaderData<typeof loader>();
  const mine = team.members.find((member) => member.userId === viewerId);
  const otherConfirmed = team.members.filter((member) => member.confirmedAt && member.userId !== team.leadId);
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">
        {t("teams.title")} · {team.name}
      </h1>
      <div className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("teams.members")}</h2>
        <ul className="space-y-1" aria-label={t("teams.members")}>
          {team.members.map((member) => (
            <li key={member.userId} className="flex flex-wrap gap-x-2">
              <Link to={`/commissioners/${member.userId}`} className="underline">
                {member.name}
              </Link>
              {member.userId === team.leadId ? <span className="font-medium">{t("teams.lead")}</span> : null}
              <span className={member.confirmedAt ? "text-green-800" : "text-amber-800"}>
                {t(member.confirmedAt ? "teams.confirmed" : "teams.invited")}
              </span>
            </li>
          ))}
        </ul>
      </div>

      {mine && !mine.confirmedAt ? (
        <Form method="post" className="card grid grid-cols-2 gap-2">
          <button type="submit" name="intent" value="confirm" className="btn-primary">
            {t("teams.confirm")}
          </button>
          <button type="submit" name="intent" value="decline" className="btn-secondary">
            {t("teams.decline")}
          </button>
        </Form>
      ) : null}

      {isLead ? (
        <>
          <Form method="post" className="card space-y-2">
            <h2 className="text-lg font-semibold">{t("teams.invite")}</h2>
            {invitable.length === 0 ? (
              <p className="text-stone-700">{t("teams.noneToInvite")}</p>
            ) : (
              <>
                <label className="block">
                  <span className="font-medium">{t("teams.inviteWho")}</span>
                  <select name="userId" required className="input mt-1 w-full">
                    {invitable.map((person) => (
                      <option key={person.id} value={person.id}>
                        {person.displayName}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" name="intent" value="invite" className="btn-primary w-full">
                  {t("teams.invite")}
                </button>
              </>
            )}
          </Form>
          <Form method="post" className="card space-y-2">
            <h2 className="text-lg font-semibold">{t("teams.changeLead")}</h2>
            {otherConfirmed.length === 0 ? (
              <p className="text-stone-700">{t("teams.noOtherConfirmed")}</p>
            ) : (
              <>
                <label className="block">
                  <span className="font-medium">{t("teams.newLead")}</span>
                  <select name="userId" required className="input mt-1 w-full">
                    {otherConfirmed.map((member) => (
                      <option key={member.userId} value={member.userId}>
                        {member.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" name="intent" value="changeLead" className="btn-secondary w-full">
                  {t("teams.changeLead")}
                </button>
              </>
            )}
          </Form>
          <p className="text-sm text-stone-700">{t("teams.leadCannotLeave")}</p>
        </>
      ) : null}

      <div className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("teams.ventures")}</h2>
        {team.ventures.length === 0 ? <p>{t("teams.noVentures")}</p> : null}
        <ul className="space-y-1">
          {team.ventures.map((venture) => (
            <li key={venture.id}>
              <Link to={`/commissioners/ventures/${venture.id}`} className="underline">
                {t(`ventures.role.${venture.role}`)} · {venture.title}
              </Link>{" "}
              · {venture.organisation.name} · {formatDate(locale, venture.startDate)} ·{" "}
              {t(ventureStatusKey(venture))}
            </li>
          ))}
        </ul>
        {isLead ? (
          <Link
            to={`/commissioners/ventures/new?holder=${team.id}`}
            className="btn-secondary block w-full text-center"
          >
            {t("teams.recordVenture")}
          </Link>
        ) : null}
      </div>

      <div className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("teams.applications")}</h2>
        {team.applications.length === 0 ? <p>{t("teams.noApplications")}</p> : null}
        <ul className="space-y-1">
          {team.applications.map((application) => (
            <li key={application.id}>
              {application.programme.title} · {application.title} ·{" "}
              {t(`programmes.appStatus.${application.status}`)}
            </li>
          ))}
        </ul>
      </div>

      {mine?.confirmedAt && !isLead ? (
        <Form method="post">
          <button type="submit" name="intent" value="leave" className="btn-secondary w-full">
            {t("teams.leave")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
