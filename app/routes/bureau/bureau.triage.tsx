import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormErrors } from "~/components/forms";
import { PovertyBadge } from "~/components/poverty-badge";
import { translate, type MessageKey } from "~/i18n/i18n";
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
import { COUNTIES, COUNTY_CODES, countyName, localName } from "~/modules/reference/reference";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "reach.triage.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "triage.manage");
  const asked = new URL(request.url).searchParams.get("county");
  // Default: the staff member's own county; "all" (an empty choice) shows every county.
  const county =
    asked === null
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
  return { county, queue, assignments, setting, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "triage.manage");
  const submission = parseWithZod(await request.formData(), { schema: TriageSettingSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await saveTriageSetting(user, { ...submission.value, meta: requestMeta(request, context) });
    return redirectWithToast(`/bureau/triage?county=${submission.value.countyCode}`, {
      message: "reach.triage.saved",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function TriagePage() {
  const { county, queue, assignments, setting } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("reach.triage.title")}</h1>
        <p className="text-stone-600">{t("reach.triage.intro")}</p>
      </header>
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

      <section className="space-y-3" aria-labelledby="queue-title">
        <h2 id="queue-title" className="text-xl font-semibold">
          {t("reach.triage.queue")}
        </h2>
        {queue.length === 0 ? <p className="card text-stone-600">{t("reach.triage.queueEmpty")}</p> : null}
        <ol className="space-y-2">
          {queue.map((need) => (
            <li key={need.id} className="card flex flex-wrap items-center gap-2 p-3">
              <PovertyBadge marked={need.poverty} reason />
              {need.urgency === "URGENT" || need.urgency === "HIGH" ? (
                <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800">
                  {t(`needs.urgency.${need.urgency}` as MessageKey)}
                </span>
              ) : null}
              <Link to={`/needs/${need.id}`} className="font-medium hover:underline">
                {need.title}
              </Link>
              <span className="text-sm text-stone-600">
                {countyName(need.countyCode, locale)}
                {need.organisationName ? ` · ${need.organisationName}` : ""}
              </span>
              <span className="text-sm text-amber-900">
                {t("reach.triage.waiting", { hours: need.waitingHours })}
              </span>
              <Link
                to={`/bureau/triage/${need.id}${county ? `?county=${county}` : ""}`}
                className="btn-primary ml-auto min-h-9 py-1 text-sm"
                aria-label={`${t("reach.triage.assign")} ${need.title}`}
              >
                {t("reach.triage.assign")}
              </Link>
            </li>
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
            <li key={assignment.id} className="card flex flex-wrap items-center gap-2 p-3">
              <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
                {t(`reach.triage.status.${assignment.status}` as MessageKey)}
              </span>
              <Link to={`/needs/${assignment.need.id}`} className="font-medium hover:underline">
                {assignment.need.title}
              </Link>
              <span className="text-sm">{assignment.assigneeName}</span>
              <span className="ml-auto text-sm text-stone-600">
                {t("reach.triage.since", { hours: assignment.hoursSince })}
              </span>
              {assignment.status === "ASSIGNED" || assignment.status === "DECLINED" ? (
                <Link to={`/bureau/triage/${assignment.need.id}`} className="link text-sm">
                  {t("reach.triage.assign")}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {setting ? (
        <section className="space-y-3" aria-labelledby="settings-title">
          <h2 id="settings-title" className="text-xl font-semibold">
            {t("reach.triage.settings")} · {countyName(setting.countyCode, locale)}
          </h2>
          <Form method="post" className="card grid gap-4 sm:grid-cols-3 sm:items-end">
            <FormErrors errors={lastResult?.error?.[""] ?? undefined} />
            <input type="hidden" name="countyCode" value={setting.countyCode} />
            <label className="space-y-1">
              <span className="block font-medium">{t("reach.triage.afterHours")}</span>
              <input
                name="afterHours"
                type="number"
                min={1}
                max={720}
                defaultValue={setting.afterHours}
                className="input"
              />
              <ErrorList errors={lastResult?.error?.afterHours} />
            </label>
            <label className="space-y-1">
              <span className="block font-medium">{t("reach.triage.targetHours")}</span>
              <input
                name="targetHours"
                type="number"
                min={1}
                max={720}
                defaultValue={setting.targetHours}
                className="input"
              />
              <ErrorList errors={lastResult?.error?.targetHours} />
            </label>
            <button type="submit" name="intent" value="settings" className="btn-primary">
              {t("reach.triage.save")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
