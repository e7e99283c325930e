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
  const choose = t("monitoring.choose");
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card space-y-4">
      <FormErrors errors={form.errors} />
      <input type="hidden" name={fields.period.name} value={period} />
      <TextAreaField meta={fields.progress} label={t("monitoring.field.progress")} rows={4} />
      <fieldset className="space-y-3">
        <legend className="font-semibold">{t("monitoring.spendingLegend")}</legend>
        <p className="text-sm text-stone-600">{t("monitoring.spendingHint")}</p>
        {rows.map((row, index) => {
          const cells = row.getFieldset();
          return (
            <div key={row.key} className="grid grid-cols-2 gap-2 rounded-lg border border-stone-200 p-2">
              <SelectField
                meta={cells.category}
                label={t("monitoring.field.line", { number: index + 1 })}
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
        })}
      </fieldset>
      <PhotosField label={t("monitoring.field.photos")} />
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {t("monitoring.submitReport")}
      </button>
    </Form>
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
