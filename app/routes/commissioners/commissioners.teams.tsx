import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { NewTeamForm, TeamCard } from "~/components/applicants/team-forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { TeamIntentSchema } from "~/modules/commissioners/teams.schema";
import {
  confirmMembership,
  createTeam,
  isActiveCommissioner,
  listInvitableCommissioners,
  listTeamsOf,
} from "~/modules/commissioners/teams.server";
import { requirePermission } from "~/modules/users/guards.server";
import { isDomainError } from "~/utils/errors";
import { titleMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("applicants.teams.title");

/** 科技特派员团队: the teams a commissioner leads or was invited to, and forming a new one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "application.submit");
  const serving = await isActiveCommissioner(user.id);
  const [teams, commissioners] = await Promise.all([
    listTeamsOf(user.id),
    serving ? listInvitableCommissioners(user.id) : [],
  ]);
  return { locale: await getLocale(request), viewerId: user.id, serving, teams, commissioners };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "application.submit");
  const submission = parseWithZod(await request.formData(), { schema: TeamIntentSchema });
  if (submission.status !== "success") {
    const message = Object.values(submission.error ?? {}).flat()[0] ?? "errors.required";
    return redirectWithToast("/commissioners/teams", { message, type: "error" });
  }
  const value = submission.value;
  try {
    if (value.intent === "create") await createTeam(user, value);
    else await confirmMembership(user, value.teamId);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return redirectWithToast("/commissioners/teams", { message: error.messageKey, type: "error" });
  }
  return redirectWithToast("/commissioners/teams", {
    message: value.intent === "create" ? "applicants.teams.created" : "applicants.teams.joined",
  });
}

export default function TeamsPage() {
  const { t } = useT();
  const { viewerId, serving, teams, commissioners } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("applicants.teams.title")}</h1>
      <p className="text-stone-700">{t("applicants.teams.intro")}</p>
      {teams.length === 0 ? <p>{t("applicants.teams.none")}</p> : null}
      <ul className="space-y-3">
        {teams.map((team) => (
          <TeamCard key={team.id} team={team} viewerId={viewerId} />
        ))}
      </ul>
      {serving && commissioners.length > 0 ? (
        <NewTeamForm commissioners={commissioners} />
      ) : (
        // No form to fill, but not a dead end: say what forming a team needs and why it cannot yet.
        <div className="card space-y-2">
          <h2 className="text-lg font-semibold">{t("applicants.teams.create")}</h2>
          <p className="text-stone-700">
            {t(serving ? "applicants.teams.noneToInvite" : "applicants.teams.notServing")}
          </p>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
