import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import type { MembersOf } from "~/i18n/message-key";

type ToolKey = Exclude<MembersOf<"bureau.tool">, `${string}.hint`>;

/** An officer's workspace: each workbench tool with something waiting, and the way to the workbench. */
export function OfficerTasksSection({
  tasks,
}: {
  tasks: { waiting: { key: ToolKey; to: string; count: number }[] };
}) {
  const { t } = useT();
  return (
    <section className="card space-y-3" aria-labelledby="officer-tasks">
      <h2 id="officer-tasks" className="text-xl font-semibold">
        {t("counties.workspace.title")}
      </h2>
      {tasks.waiting.length === 0 ? (
        <p className="text-stone-600">{t("counties.workspace.nothing")}</p>
      ) : (
        <ul className="space-y-1">
          {tasks.waiting.map((tool) => (
            <li key={tool.key}>
              <Link to={tool.to} className="link">
                {t(`bureau.tool.${tool.key}`)}
              </Link>{" "}
              <span className="rounded-full bg-amber-100 px-2 py-0.5 text-sm text-amber-900">
                {t("bureau.waiting", { count: tool.count })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Link to="/bureau" className="btn-primary w-full sm:w-auto">
        {t("counties.workspace.open")}
      </Link>
    </section>
  );
}
