import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** An officer's workspace: what waits in their county, and the way to the workbench. */
export function OfficerTasksSection({
  tasks,
}: {
  tasks: { triage: number | null; prescreen: number | null };
}) {
  const { t } = useT();
  return (
    <section className="card space-y-3" aria-labelledby="officer-tasks">
      <h2 id="officer-tasks" className="text-xl font-semibold">
        {t("counties.workspace.title")}
      </h2>
      <ul className="space-y-1">
        {tasks.triage !== null ? (
          <li>
            <Link to="/bureau/triage" className="link">
              {t("counties.workspace.triage", { count: tasks.triage })}
            </Link>
          </li>
        ) : null}
        {tasks.prescreen !== null ? (
          <li>
            <Link to="/bureau/prescreen" className="link">
              {t("counties.workspace.prescreen", { count: tasks.prescreen })}
            </Link>
          </li>
        ) : null}
      </ul>
      <Link to="/bureau" className="btn-primary w-full sm:w-auto">
        {t("counties.workspace.open")}
      </Link>
    </section>
  );
}
