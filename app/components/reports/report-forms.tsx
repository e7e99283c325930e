import type { SubmissionResult } from "@conform-to/react";
import { Form } from "~/components/form";
import { ErrorList, FormErrors } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { luoyangToday } from "~/utils/dates";
import { PERIOD_KINDS } from "~/modules/reports/reports.periods";

type LastResult = SubmissionResult<string[]> | undefined;

/** Which intent a reply belongs to: each form shows only its own errors. */
const errorsOf = (lastResult: LastResult, intent: string) =>
  lastResult?.initialValue?.intent === intent ? lastResult.error : undefined;

function PeriodFields({
  defaultKey,
  errors,
}: {
  defaultKey: string;
  errors?: Record<string, string[] | null>;
}) {
  const { t } = useT();
  return (
    <>
      <label className="space-y-1">
        <span className="block font-medium">{t("reports.periodKind")}</span>
        <select name="periodKind" defaultValue="MONTH" className="input">
          {PERIOD_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`reports.kind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1">
        <span className="block font-medium">{t("reports.periodKey")}</span>
        <input name="periodKey" defaultValue={defaultKey} required maxLength={10} className="input" />
        <span className="block text-sm text-stone-600">{t("reports.periodKey.hint")}</span>
        <ErrorList errors={errors?.periodKey} />
      </label>
    </>
  );
}

/** Generate (or open) the return of a period for one's own scope. */
export function GenerateReturnForm({
  defaultKey,
  lastResult,
}: {
  defaultKey: string;
  lastResult: LastResult;
}) {
  const { t } = useT();
  const errors = errorsOf(lastResult, "generate");
  return (
    <section className="space-y-3" aria-labelledby="generate-title">
      <h2 id="generate-title" className="text-xl font-semibold">
        {t("reports.generate.title")}
      </h2>
      <Form method="post" className="card grid gap-4 sm:grid-cols-3 sm:items-end">
        <FormErrors errors={errors?.[""] ?? undefined} />
        <PeriodFields defaultKey={defaultKey} errors={errors} />
        <button type="submit" name="intent" value="generate" className="btn-primary">
          {t("reports.generate.submit")}
        </button>
      </Form>
    </section>
  );
}

export function DeadlineList({
  deadlines,
}: {
  deadlines: { periodKind: (typeof PERIOD_KINDS)[number]; periodKey: string; dueAt: Date | string }[];
}) {
  const { t } = useT();
  return (
    <section className="space-y-2" aria-labelledby="deadlines-title">
      <h2 id="deadlines-title" className="text-xl font-semibold">
        {t("reports.deadline.title")}
      </h2>
      {deadlines.length === 0 ? <p className="text-stone-600">{t("reports.deadline.none")}</p> : null}
      <ul className="space-y-1">
        {deadlines.map((deadline) => (
          <li key={`${deadline.periodKind}:${deadline.periodKey}`}>
            {t("reports.deadline.item", {
              kind: t(`reports.kind.${deadline.periodKind}`),
              period: deadline.periodKey,
              due: luoyangToday(new Date(deadline.dueAt)),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The city sets the day county returns of a period are due. */
export function DeadlineForm({ defaultKey, lastResult }: { defaultKey: string; lastResult: LastResult }) {
  const { t } = useT();
  const errors = errorsOf(lastResult, "deadline");
  return (
    <Form method="post" className="card grid gap-4 sm:grid-cols-4 sm:items-end">
      <FormErrors errors={errors?.[""] ?? undefined} />
      <PeriodFields defaultKey={defaultKey} errors={errors} />
      <label className="space-y-1">
        <span className="block font-medium">{t("reports.deadline.day")}</span>
        <input name="dueDay" type="date" required className="input" />
        <ErrorList errors={errors?.dueDay} />
      </label>
      <button type="submit" name="intent" value="deadline" className="btn-secondary">
        {t("reports.deadline.save")}
      </button>
    </Form>
  );
}

/** The preparer's narrative and notes, and the submission that freezes the figures. */
export function ReturnNotesForm({
  narrative,
  notes,
  submittableFrom,
  lastResult,
}: {
  narrative: string;
  notes: string;
  /** While the period runs: the day submission opens, said instead of offering the button. */
  submittableFrom: string | null;
  lastResult: LastResult;
}) {
  const { t } = useT();
  const errors = lastResult?.error;
  return (
    <div className="space-y-3">
      <Form method="post" className="card space-y-3">
        <FormErrors errors={errors?.[""] ?? undefined} />
        <label className="block space-y-1">
          <span className="block font-medium">{t("reports.return.narrative")}</span>
          <textarea
            name="narrative"
            defaultValue={narrative}
            rows={5}
            maxLength={5000}
            className="input w-full"
          />
          <ErrorList errors={errors?.narrative} />
        </label>
        <label className="block space-y-1">
          <span className="block font-medium">{t("reports.return.notes")}</span>
          <textarea name="notes" defaultValue={notes} rows={3} maxLength={2000} className="input w-full" />
          <ErrorList errors={errors?.notes} />
        </label>
        <button type="submit" name="intent" value="notes" className="btn-secondary w-full">
          {t("reports.return.save")}
        </button>
      </Form>
      {submittableFrom ? (
        <p className="card text-stone-700">{t("reports.return.notYet", { from: submittableFrom })}</p>
      ) : (
        <Form method="post">
          <button type="submit" name="intent" value="submit" className="btn-primary w-full">
            {t("reports.return.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
