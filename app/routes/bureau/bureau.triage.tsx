import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AssignmentItem, QueuedNeed, TriageSettingsForm } from "~/components/reach/triage-queue";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { TriageSettingSchema } from "~/modules/reach/reach.schema";
import {
  DEFAULT_AFTER_HOURS,
  DEFAULT_TARGET_HOURS,
  getTriageSettings,
  listAssignments,
  saveTriageSetting,
  triageQueue,
} from "~/modules/reach/triage.server";
import { COUNTIES, COUNTY_CODES, localName } from "~/modules/reference/reference";
import { requirePermission } from "~/modules/users/guards.server";
import { scopeOf } from "~/modules/oversight/county-access";
import { submitForm } from "~/utils/form-action.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = titleMeta("reach.triage.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "triage.manage");
  const asked = new URL(request.url).searchParams.get("county");
  const scope = scopeOf(user);
  if (!scope) throw new Response("Forbidden", { status: 403 });
  // A county officer sees its own county, whatever the link asks. City staff: by default their own
  // county; "all" (an empty choice) shows every county.
  const county =
    scope?.kind === "county"
      ? scope.countyCode
      : asked === null
        ? (user.countyCode ?? "")
        : (COUNTY_CODES as readonly string[]).includes(asked)
          ? asked
          : "";
  const filters = { countyCode: county || undefined };
  const [queue, assignments, settings, locale] = await Promise.all([
    triageQueue(filters),
    listAssignments(filters),
    getTriageSettings(),
    getLocale(request),
  ]);
  const setting = county
    ? (settings.get(county) ?? {
        countyCode: county,
        afterHours: DEFAULT_AFTER_HOURS,
        targetHours: DEFAULT_TARGET_HOURS,
      })
    : null;
  return { county, countyFixed: scope?.kind === "county", queue, assignments, setting, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "triage.manage");
  return submitForm(request, TriageSettingSchema, async (setting) => {
    await saveTriageSetting(user, { ...setting, meta: requestMeta(request, context) });
    return {
      redirectTo: `/bureau/triage?county=${setting.countyCode}`,
      toast: { message: "reach.triage.saved" },
    };
  });
}

export default function TriagePage() {
  const { county, countyFixed, queue, assignments, setting } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("reach.triage.title")}</h1>
        <p className="text-stone-600">{t("reach.triage.intro")}</p>
      </header>
      {countyFixed ? null : (
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <label className="space-y-1">
            <span className="block text-sm font-medium">{t("reach.triage.county")}</span>
            <select name="county" defaultValue={county} className="input">
              <option value="">{t("reach.triage.allCounties")}</option>
              {COUNTIES.map((c) => (
                <option key={c.code} value={c.code}>
                  {localName(c, locale)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn-secondary">
            {t("reach.triage.filter")}
          </button>
        </Form>
      )}

      <section className="space-y-3" aria-labelledby="queue-title">
        <h2 id="queue-title" className="text-xl font-semibold">
          {t("reach.triage.queue")}
        </h2>
        {queue.length === 0 ? <p className="card text-stone-600">{t("reach.triage.queueEmpty")}</p> : null}
        <ol className="space-y-2">
          {queue.map((need) => (
            <QueuedNeed key={need.id} need={need} county={county} />
          ))}
        </ol>
      </section>

      <section className="space-y-3" aria-labelledby="assigned-title">
        <h2 id="assigned-title" className="text-xl font-semibold">
          {t("reach.triage.assignedList")}
        </h2>
        {assignments.length === 0 ? (
          <p className="card text-stone-600">{t("reach.triage.assignedEmpty")}</p>
        ) : null}
        <ul className="space-y-2">
          {assignments.map((assignment) => (
            <AssignmentItem key={assignment.id} assignment={assignment} />
          ))}
        </ul>
      </section>

      {setting ? <TriageSettingsForm setting={setting} lastResult={lastResult} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
