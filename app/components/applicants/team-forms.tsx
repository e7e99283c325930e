import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { useT } from "~/i18n/use-t";

export interface TeamView {
  id: string;
  name: string;
  leadId: string;
  members: { userId: string; name: string; confirmedAt: string | Date | null }[];
}

/** A team with each member's state; the viewer confirms here when invited. */
export function TeamCard({ team, viewerId }: { team: TeamView; viewerId: string }) {
  const { t } = useT();
  const mine = team.members.find((member) => member.userId === viewerId);
  return (
    <li className="card space-y-2" aria-label={team.name}>
      <h2 className="text-lg font-semibold">
        <Link to={`/commissioners/teams/${team.id}`} className="underline">
          {team.name}
        </Link>
      </h2>
      <ul className="text-sm">
        {team.members.map((member) => (
          <li key={member.userId}>
            {member.name}
            {member.userId === team.leadId ? ` · ${t("applicants.teams.lead")}` : ""} ·{" "}
            {t(member.confirmedAt ? "applicants.teams.confirmed" : "applicants.teams.pending")}
          </li>
        ))}
      </ul>
      {mine && !mine.confirmedAt ? (
        <Form method="post">
          <input type="hidden" name="teamId" value={team.id} />
          <button type="submit" name="intent" value="confirm" className="btn-primary w-full">
            {t("applicants.teams.confirm")}
          </button>
        </Form>
      ) : null}
      <Link to={`/commissioners/teams/${team.id}`} className="btn-secondary block w-full text-center">
        {t("teams.open")}
      </Link>
    </li>
  );
}

/** Forming a team: a name and the serving commissioners invited to it. */
export function NewTeamForm({ commissioners }: { commissioners: { id: string; displayName: string }[] }) {
  const { t } = useT();
  return (
    <Form method="post" className="card space-y-3">
      <h2 className="text-lg font-semibold">{t("applicants.teams.create")}</h2>
      <label className="block">
        <span className="font-medium">{t("applicants.teams.name")}</span>
        <input name="name" required minLength={2} maxLength={40} className="input mt-1 w-full" />
      </label>
      <fieldset>
        <legend className="font-medium">{t("applicants.teams.members")}</legend>
        <div className="mt-2 grid gap-2">
          {commissioners.map((person) => (
            <label
              key={person.id}
              className="flex min-h-11 items-center gap-2 rounded-lg border border-stone-200 bg-white px-3 py-2"
            >
              <input type="checkbox" name="memberIds" value={person.id} />
              {person.displayName}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" name="intent" value="create" className="btn-primary w-full">
        {t("applicants.teams.create")}
      </button>
    </Form>
  );
}
