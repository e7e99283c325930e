import type { SubmissionResult } from "@conform-to/react";
import { Form } from "~/components/form";
import { ErrorList, FieldShell } from "~/components/forms";
import { PovertyBadge } from "~/components/poverty-badge";
import { VoiceRecorder } from "~/components/voice-recorder";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { CONSENT_METHODS } from "~/modules/reach/reach.schema";
import type { CountyResponseTimes } from "~/modules/reach/triage.server";
import { countyName } from "~/modules/reference/reference";

type Reply = SubmissionResult<string[]> | undefined | null;

/** A field's errors and typed value from the last reply, for fields outside the need form's schema. */
export function replyField(reply: Reply, name: string) {
  const initial = reply?.initialValue?.[name];
  return {
    errors: reply?.error?.[name] ?? undefined,
    value: typeof initial === "string" ? initial : undefined,
  };
}

/** The informant's part of the form: who the farmer is, how they consented, and the voice note. */
export function FarmerConsentFields({ lastResult }: { lastResult: Reply }) {
  const { t } = useT();
  const field = (name: string) => replyField(lastResult, name);
  const text = (
    name: string,
    label: string,
    options: { type?: string; hint?: string; inputMode?: "tel" } = {},
  ) => {
    const { errors, value } = field(name);
    return (
      <FieldShell
        label={label}
        hint={options.hint}
        errors={errors}
        errorId={`proxy-${name}-error`}
        hintId={`proxy-${name}-hint`}
        htmlFor={`proxy-${name}`}
      >
        <input
          id={`proxy-${name}`}
          name={name}
          type={options.type ?? "text"}
          inputMode={options.inputMode}
          className="input"
          defaultValue={value}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? `proxy-${name}-error` : undefined}
        />
      </FieldShell>
    );
  };
  const method = field("consentMethod");
  const confirmed = field("consentConfirmed");
  return (
    <fieldset className="space-y-4 rounded-lg border border-brand-200 bg-brand-50/40 p-3">
      <legend className="float-left mb-1 w-full font-medium text-brand-800">
        {t("reach.farmer.section")}
      </legend>
      {text("farmerName", t("reach.field.farmerName"))}
      {text("farmerPhone", t("reach.field.farmerPhone"), { type: "tel", inputMode: "tel" })}
      <FieldShell
        label={t("reach.field.consentMethod")}
        errors={method.errors}
        errorId="proxy-consentMethod-error"
        hintId="proxy-consentMethod-hint"
        htmlFor="proxy-consentMethod"
      >
        <select
          id="proxy-consentMethod"
          name="consentMethod"
          className="input"
          defaultValue={method.value ?? ""}
          aria-invalid={method.errors?.length ? true : undefined}
        >
          <option value="">{t("register.countyNone")}</option>
          {CONSENT_METHODS.map((value) => (
            <option key={value} value={value}>
              {t(`reach.consent.${value}`)}
            </option>
          ))}
        </select>
      </FieldShell>
      {text("consentNote", `${t("reach.field.consentNote")} (${t("form.optional")})`, {
        hint: t("reach.field.consentNoteHint"),
      })}
      <VoiceRecorder
        name="voiceNote"
        id="proxy-voiceNote"
        label={`${t("reach.field.voiceNote")} (${t("form.optional")})`}
        hint={t("reach.field.voiceNoteHint")}
        errors={field("voiceNote").errors}
      />
      <div>
        <label className="flex min-h-11 items-center gap-2 rounded-lg border border-stone-200 bg-white px-3 py-2 font-medium">
          <input
            type="checkbox"
            name="consentConfirmed"
            defaultChecked={confirmed.value === "on"}
            className="h-5 w-5 flex-none accent-brand-700"
            aria-invalid={confirmed.errors?.length ? true : undefined}
            aria-describedby={confirmed.errors?.length ? "proxy-consentConfirmed-error" : undefined}
          />
          {t("reach.field.consentConfirmed")}
        </label>
        <ErrorList id="proxy-consentConfirmed-error" errors={confirmed.errors} />
      </div>
    </fieldset>
  );
}

/** On an organisation page: the poverty village mark, and for bureau staff the form to change it. */
export function PovertySection({
  organisationId,
  since,
  canChange,
  errors,
}: {
  organisationId: string;
  since: string | Date | null;
  canChange: boolean;
  errors?: string[] | null;
}) {
  const { t, locale } = useT();
  if (!since && !canChange) return null;
  return (
    <section className="card space-y-2" aria-labelledby="poverty-title">
      <h2 id="poverty-title" className="flex flex-wrap items-center gap-2 font-semibold">
        {t("reach.poverty.section")} <PovertyBadge marked={Boolean(since)} />
      </h2>
      {since ? (
        <p className="text-sm text-stone-600">
          {t("reach.poverty.since", { date: formatDate(locale, since) })}
        </p>
      ) : null}
      {canChange ? (
        <Form method="post" action={`/bureau/poverty/${organisationId}`} className="space-y-2">
          <FieldShell
            label={t("reach.poverty.reasonField")}
            errors={errors ?? undefined}
            errorId="poverty-reason-error"
            hintId="poverty-reason-hint"
            htmlFor="poverty-reason"
          >
            <input id="poverty-reason" name="reason" className="input" required minLength={2} />
          </FieldShell>
          <button type="submit" name="intent" value={since ? "unmark" : "mark"} className="btn-secondary">
            {t(since ? "reach.poverty.unmark" : "reach.poverty.mark")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export interface TriageTask {
  id: string;
  note: string;
  hoursSince: number;
  need: { id: string; title: string };
}

/** In the workspace of an expert or commissioner: needs triage staff assigned to them, with a decline form. */
export function TriageTasksSection({ tasks }: { tasks: TriageTask[] }) {
  const { t } = useT();
  if (tasks.length === 0) return null;
  return (
    <section aria-labelledby="triage-tasks" className="space-y-3">
      <h2 id="triage-tasks" className="text-xl font-semibold">
        {t("reach.tasks.title")}
      </h2>
      <ul className="space-y-2">
        {tasks.map((task) => (
          <li key={task.id} className="card space-y-2 p-3">
            <p className="flex flex-wrap items-center gap-2">
              <a href={`/needs/${task.need.id}`} className="font-medium hover:underline">
                {task.need.title}
              </a>
              <span className="ml-auto text-sm text-stone-600">
                {task.hoursSince < 1
                  ? t("reach.tasks.justNow")
                  : t("reach.tasks.since", { hours: task.hoursSince })}
              </span>
            </p>
            {task.note ? (
              <p className="text-sm text-stone-700">{t("reach.tasks.note", { note: task.note })}</p>
            ) : null}
            <Form
              method="post"
              action={`/triage/assignments/${task.id}`}
              className="flex flex-wrap items-end gap-2"
            >
              <label className="flex-1 space-y-1">
                <span className="block text-sm">{t("reach.tasks.declineReason")}</span>
                <input name="reason" required minLength={2} className="input" />
              </label>
              <button type="submit" className="btn-secondary">
                {t("reach.tasks.decline")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

const hours = (value: number | null) => (value === null ? "—" : value.toFixed(1));

/** The bureau dashboard's time to first response per county against each county's target. */
export function ResponseTimesSection({ rows }: { rows: CountyResponseTimes[] }) {
  const { t, locale } = useT();
  return (
    <section className="space-y-3" aria-labelledby="response-title">
      <h2 id="response-title" className="text-xl font-semibold">
        {t("reach.response.title")}
      </h2>
      <p className="text-sm text-stone-600">{t("reach.response.intro")}</p>
      {rows.length === 0 ? (
        <p className="card text-stone-600">{t("reach.response.empty")}</p>
      ) : (
        <div tabIndex={0} className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-sm">
            <thead>
              <tr className="border-b border-stone-300 text-left">
                <th scope="col" className="py-2 pr-2">
                  {t("reach.response.county")}
                </th>
                <th scope="col" className="px-2 text-right">
                  {t("reach.response.published")}
                </th>
                <th scope="col" className="px-2 text-right">
                  {t("reach.response.median")}
                </th>
                <th scope="col" className="px-2 text-right">
                  {t("reach.response.p90")}
                </th>
                <th scope="col" className="px-2 text-right">
                  {t("reach.response.target")}
                </th>
                <th scope="col" className="px-2 text-right">
                  {t("reach.response.withinTarget")}
                </th>
                <th scope="col" className="pl-2 text-right">
                  {t("reach.response.unanswered")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.countyCode}
                  className={`border-b border-stone-200 ${row.overTarget ? "bg-red-50 text-red-900" : ""}`}
                >
                  <th scope="row" className="py-2 pr-2 text-left font-medium">
                    {countyName(row.countyCode, locale) ?? row.countyCode}
                    {row.overTarget ? (
                      <span className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-xs">
                        {t("reach.response.over")}
                      </span>
                    ) : null}
                  </th>
                  <td className="px-2 text-right">{row.published}</td>
                  <td className="px-2 text-right">{hours(row.medianHours)}</td>
                  <td className="px-2 text-right">{hours(row.p90Hours)}</td>
                  <td className="px-2 text-right">{row.targetHours}</td>
                  <td className="px-2 text-right">
                    {row.eligible
                      ? `${row.withinTarget}/${row.eligible} (${Math.round((row.withinTarget / row.eligible) * 100)}%)`
                      : "—"}
                  </td>
                  <td className="pl-2 text-right">{row.unanswered}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
