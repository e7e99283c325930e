import type { SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { ErrorList, FormErrors } from "~/components/forms";
import { PovertyBadge } from "~/components/poverty-badge";
import type { TriageStatus, Urgency } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import { countyName } from "~/modules/reference/reference";

interface Queued {
  id: string;
  title: string;
  poverty: boolean;
  urgency: Urgency;
  countyCode: string;
  organisationName: string | null;
  waitingHours: number;
}

/** A need nobody has answered yet, oldest first, with a link to assign someone to it. */
export function QueuedNeed({ need, county }: { need: Queued; county?: string }) {
  const { t, locale } = useT();
  return (
    <li className="card flex flex-wrap items-center gap-2 p-3">
      <PovertyBadge marked={need.poverty} reason />
      {need.urgency === "URGENT" || need.urgency === "HIGH" ? (
        <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800">
          {t(`needs.urgency.${need.urgency}`)}
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
  );
}

interface Assignment {
  id: string;
  status: TriageStatus;
  assigneeName: string;
  hoursSince: number;
  need: { id: string; title: string };
}

/** Someone asked to answer a need, and how it stands; a declined or unanswered one can be reassigned. */
export function AssignmentItem({ assignment }: { assignment: Assignment }) {
  const { t } = useT();
  return (
    <li className="card flex flex-wrap items-center gap-2 p-3">
      <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
        {t(`reach.triage.status.${assignment.status}`)}
      </span>
      <Link to={`/needs/${assignment.need.id}`} className="font-medium hover:underline">
        {assignment.need.title}
      </Link>
      <span className="text-sm">{assignment.assigneeName}</span>
      <span className="ml-auto text-sm text-stone-600">
        {assignment.hoursSince < 1
          ? t("reach.triage.justNow")
          : t("reach.triage.since", { hours: assignment.hoursSince })}
      </span>
      {assignment.status === "ASSIGNED" || assignment.status === "DECLINED" ? (
        <Link to={`/bureau/triage/${assignment.need.id}`} className="link text-sm">
          {t("reach.triage.assign")}
        </Link>
      ) : null}
    </li>
  );
}

/** A county's triage thresholds: after how many hours a need joins the queue, and the target to answer it. */
export function TriageSettingsForm({
  setting,
  lastResult,
}: {
  setting: { countyCode: string; afterHours: number; targetHours: number };
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, locale } = useT();
  return (
    <section className="space-y-3" aria-labelledby="settings-title">
      <h2 id="settings-title" className="text-xl font-semibold">
        {t("reach.triage.settings")} · {countyName(setting.countyCode, locale)}
      </h2>
      <Form method="post" className="card grid gap-4 sm:grid-cols-3 sm:items-end">
        <FormErrors errors={lastResult?.error?.[""] ?? undefined} />
        <input type="hidden" name="countyCode" value={setting.countyCode} />
        <HoursField
          name="afterHours"
          label={t("reach.triage.afterHours")}
          defaultValue={setting.afterHours}
          errors={lastResult?.error?.afterHours}
        />
        <HoursField
          name="targetHours"
          label={t("reach.triage.targetHours")}
          defaultValue={setting.targetHours}
          errors={lastResult?.error?.targetHours}
        />
        <button type="submit" name="intent" value="settings" className="btn-primary">
          {t("reach.triage.save")}
        </button>
      </Form>
    </section>
  );
}

/** A number of hours, up to a month. */
function HoursField({
  name,
  label,
  defaultValue,
  errors,
}: {
  name: string;
  label: string;
  defaultValue: number;
  errors?: string[] | null;
}) {
  return (
    <label className="space-y-1">
      <span className="block font-medium">{label}</span>
      <input name={name} type="number" min={1} max={720} defaultValue={defaultValue} className="input" />
      <ErrorList errors={errors} />
    </label>
  );
}
