import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "~/components/form";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { BureauCommissionersSchema, COHORT_KINDS } from "~/modules/commissioners/commissioners.schema";
import { COUNTIES, localName } from "~/modules/reference/reference";

/** The bureau opens a year's cohort of commissioners. */
export function CohortForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useT();
  const [form, fields] = useForm({
    id: "create-cohort",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BureauCommissionersSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <h2 className="text-xl font-semibold">{t("commissioners.createCohort")}</h2>
      <input type="hidden" name="intent" value="createCohort" />
      <FormErrors errors={form.errors} />
      <SelectField
        meta={fields.kind}
        label={t("commissioners.field.cohortKind")}
        options={COHORT_KINDS.map((kind) => ({ value: kind, label: t(`commissioners.cohortKind.${kind}`) }))}
      />
      <TextField meta={fields.year} label={t("commissioners.field.year")} inputMode="decimal" />
      <TextField meta={fields.name} label={t("commissioners.field.name")} />
      <TextField meta={fields.targetCount} label={t("commissioners.field.targetCount")} inputMode="decimal" />
      <button type="submit" className="btn-primary w-full">
        {t("commissioners.createCohort")}
      </button>
    </Form>
  );
}

/** The bureau sends an expert of a cohort to a county's villages for a period. */
export function DispatchForm({
  lastResult,
  cohorts,
  experts,
}: {
  lastResult?: SubmissionResult<string[]>;
  cohorts: { id: string; year: number; kind: "STANDARD" | "SANQU"; name: string }[];
  experts: { id: string; displayName: string }[];
}) {
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: "dispatch",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BureauCommissionersSchema }),
  });
  const choose = t("commissioners.field.choose");
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <h2 className="text-xl font-semibold">{t("commissioners.dispatch")}</h2>
      <input type="hidden" name="intent" value="dispatch" />
      <FormErrors errors={form.errors} />
      <SelectField
        meta={fields.cohortId}
        label={t("commissioners.field.cohort")}
        placeholder={choose}
        options={cohorts.map((cohort) => ({
          value: cohort.id,
          label: `${cohort.year} · ${t(`commissioners.cohortKind.${cohort.kind}`)} · ${cohort.name}`,
        }))}
      />
      <SelectField
        meta={fields.userId}
        label={t("commissioners.field.expert")}
        placeholder={choose}
        options={experts.map((expert) => ({ value: expert.id, label: expert.displayName }))}
      />
      <SelectField
        meta={fields.countyCode}
        label={t("commissioners.field.county")}
        placeholder={choose}
        options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
      />
      <TextAreaField
        meta={fields.villages}
        label={t("commissioners.field.villages")}
        hint={t("commissioners.field.villagesHint")}
        rows={3}
      />
      <TextField meta={fields.startDate} label={t("commissioners.field.startDate")} type="date" />
      <TextField meta={fields.endDate} label={t("commissioners.field.endDate")} type="date" />
      <button type="submit" className="btn-primary w-full">
        {t("commissioners.dispatch")}
      </button>
    </Form>
  );
}
