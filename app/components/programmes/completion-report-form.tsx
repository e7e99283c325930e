import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { CompletionReportSchema } from "~/modules/programmes/programmes.schema";

/** The applicant reports what the funded work achieved, with figures and photos. */
export function CompletionReportForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "report",
    lastResult,
    constraint: getZodConstraint(CompletionReportSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CompletionReportSchema }),
  });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card space-y-4">
      <h2 className="font-semibold">{t("programmes.report")}</h2>
      <p className="text-sm text-stone-600">{t("programmes.reportHint")}</p>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="report" />
      <TextAreaField meta={fields.summary} label={t("programmes.form.summary")} />
      <TextField
        meta={fields.farmersTrained}
        label={t("programmes.kpi.farmersTrained")}
        inputMode="decimal"
      />
      <TextField meta={fields.incomeChange} label={t("programmes.kpi.incomeChange")} inputMode="text" />
      <TextField meta={fields.areaMu} label={t("programmes.kpi.areaMu")} inputMode="decimal" />
      <TextField meta={fields.herdSize} label={t("programmes.kpi.herdSize")} inputMode="decimal" />
      <TextField meta={fields.yieldKg} label={t("programmes.kpi.yieldKg")} inputMode="decimal" />
      <TextField meta={fields.jobsCreated} label={t("programmes.kpi.jobsCreated")} inputMode="decimal" />
      <TextField meta={fields.sales} label={t("programmes.kpi.sales")} inputMode="decimal" />
      <label className="block space-y-1">
        <span className="font-medium">{t("programmes.kpi.photos")}</span>
        <input
          type="file"
          name={fields.photos.name}
          accept="image/jpeg,image/png,image/webp"
          multiple
          className="block w-full"
        />
      </label>
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {t("programmes.submitReport")}
      </button>
    </Form>
  );
}
