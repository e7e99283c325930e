import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, PhotosField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { useT } from "~/i18n/use-t";
import { BUDGET_CATEGORIES } from "~/modules/monitoring/monitoring.budget";
import { PAYEE_KINDS } from "~/modules/monitoring/monitoring.rules";
import { ProgressReportSchema, SiteVisitSchema, SPENDING_ROWS } from "~/modules/monitoring/monitoring.schema";

/** 进度报告: progress, what was paid to whom from which line, and photos. */
export function ProgressReportForm({
  period,
  lastResult,
}: {
  period: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useT();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm({
    id: "progress-report",
    schema: ProgressReportSchema,
    lastResult,
    defaultValue: { period: String(period), spending: Array.from({ length: SPENDING_ROWS }, () => ({})) },
  });
  const rows = fields.spending.getFieldList();
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card space-y-4">
      <FormErrors errors={form.errors} />
      <input type="hidden" name={fields.period.name} value={period} />
      <TextAreaField meta={fields.progress} label={t("monitoring.field.progress")} rows={4} />
      <fieldset className="space-y-3">
        <legend className="font-semibold">{t("monitoring.spendingLegend")}</legend>
        <p className="text-sm text-stone-600">{t("monitoring.spendingHint")}</p>
        {rows.slice(0, OPEN_ROWS).map((row, index) => (
          <SpendingRow key={row.key} row={row} number={index + 1} />
        ))}
        {/* On a phone eight rows are a long scroll: the rest fold away, and open themselves when
            they hold a value or an error (a returned form). Closed, they are still sent. */}
        <details
          open={rows.slice(OPEN_ROWS).some(rowHasContent)}
          className="space-y-3 rounded-lg border border-dashed border-stone-300 p-2"
        >
          <summary className="cursor-pointer text-sm font-medium text-brand-800">
            {t("monitoring.moreRows", { count: rows.length - OPEN_ROWS })}
          </summary>
          <div className="mt-3 space-y-3">
            {rows.slice(OPEN_ROWS).map((row, index) => (
              <SpendingRow key={row.key} row={row} number={OPEN_ROWS + index + 1} />
            ))}
          </div>
        </details>
      </fieldset>
      <PhotosField label={t("monitoring.field.photos")} />
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {t("monitoring.submitReport")}
      </button>
    </Form>
  );
}

/** Spending rows shown open; the rest of SPENDING_ROWS fold away. */
const OPEN_ROWS = 3;

type SpendingRowMeta = ReturnType<
  ReturnType<typeof useSchemaForm<typeof ProgressReportSchema>>[1]["spending"]["getFieldList"]
>[number];

function rowHasContent(row: SpendingRowMeta): boolean {
  const cells = row.getFieldset();
  return [cells.category, cells.amount, cells.payeeName, cells.payeeKind].some(
    (cell) => Boolean(cell.initialValue) || (cell.errors?.length ?? 0) > 0,
  );
}

/** One payment of a progress report: budget line, amount, payee and what the payee is. */
function SpendingRow({ row, number }: { row: SpendingRowMeta; number: number }) {
  const { t } = useT();
  const cells = row.getFieldset();
  const choose = t("monitoring.choose");
  return (
    <div className="grid grid-cols-2 gap-2 rounded-lg border border-stone-200 p-2">
      <SelectField
        meta={cells.category}
        label={t("monitoring.field.line", { number })}
        placeholder={choose}
        options={BUDGET_CATEGORIES.map((category) => ({
          value: category,
          label: t(`monitoring.category.${category}`),
        }))}
      />
      <TextField meta={cells.amount} label={t("monitoring.field.amount")} inputMode="decimal" />
      <TextField meta={cells.payeeName} label={t("monitoring.field.payee")} />
      <SelectField
        meta={cells.payeeKind}
        label={t("monitoring.field.payeeKind")}
        placeholder={choose}
        options={PAYEE_KINDS.map((kind) => ({ value: kind, label: t(`monitoring.payee.${kind}`) }))}
      />
    </div>
  );
}

/** 实地核查: date, findings, whether it matches the report, photos. */
export function SiteVisitForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useT();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm({ id: "site-visit", schema: SiteVisitSchema, lastResult });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card space-y-4">
      <FormErrors errors={form.errors} />
      <TextField meta={fields.visitedOn} label={t("monitoring.field.visitedOn")} type="date" />
      <TextAreaField meta={fields.findings} label={t("monitoring.field.findings")} rows={4} />
      <SelectField
        meta={fields.matchesReport}
        label={t("monitoring.field.matchesReport")}
        placeholder={t("monitoring.choose")}
        options={[
          { value: "yes", label: t("monitoring.matches") },
          { value: "no", label: t("monitoring.doesNotMatch") },
        ]}
      />
      <PhotosField label={t("monitoring.field.photos")} />
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {t("monitoring.submitVisit")}
      </button>
    </Form>
  );
}
