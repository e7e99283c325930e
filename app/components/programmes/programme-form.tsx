import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import {
  CheckboxField,
  CheckboxGroup,
  FormErrors,
  SelectField,
  TextAreaField,
  TextField,
} from "~/components/forms";
import { ApplicantKindsField } from "~/components/applicants/applicant-kinds-field";
import { useT } from "~/i18n/use-t";
import {
  ORG_TYPES,
  PROGRAMME_KINDS,
  ProgrammeFormFields,
  ProgrammeFormSchema,
  REPORT_INTERVALS,
} from "~/modules/programmes/programmes.schema";
import { COUNTIES, localName } from "~/modules/reference/reference";
import { INDUSTRY_CODES } from "~/modules/reference/reference";
import { industryName } from "~/components/programmes/programme-views";

/** The bureau's programme form, for a new call and for editing a draft. */
export function ProgrammeForm({
  lastResult,
  defaultValue,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Record<string, unknown>;
}) {
  const { t, locale } = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "programme",
    lastResult,
    // The checkbox lists' input type is unknown to conform (they are preprocessed), hence the cast.
    defaultValue: (defaultValue ?? {
      kind: "GRANT",
      year: String(new Date().getFullYear()),
      reviewsRequired: "2",
      reportIntervalMonths: "3",
      applicantKinds: ["ORGANISATION"],
    }) as Record<string, string>,
    constraint: getZodConstraint(ProgrammeFormFields),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgrammeFormSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <FormErrors errors={form.errors} />
      <SelectField
        meta={fields.kind}
        label={t("programmes.form.kind")}
        options={PROGRAMME_KINDS.map((kind) => ({ value: kind, label: t(`programmes.kind.${kind}`) }))}
      />
      <TextField meta={fields.year} label={t("programmes.year")} inputMode="decimal" />
      <TextField meta={fields.title} label={t("programmes.form.programmeTitle")} />
      <TextAreaField meta={fields.description} label={t("programmes.form.description")} />
      <TextField meta={fields.budget} label={t("programmes.form.budget")} inputMode="decimal" />
      <TextField meta={fields.maxAward} label={t("programmes.form.maxAward")} inputMode="decimal" />
      <TextField meta={fields.reviewsRequired} label={t("programmes.reviewsRequired")} inputMode="decimal" />
      <TextField meta={fields.deadline} label={t("programmes.deadline")} type="date" />
      <SelectField
        meta={fields.reportIntervalMonths}
        label={t("programmes.reportInterval")}
        options={REPORT_INTERVALS.map((months) => ({
          value: months,
          label: t(`programmes.reportInterval.${months}`),
        }))}
      />
      <CheckboxGroup
        meta={fields.eligibleCounties}
        legend={t("programmes.eligibleCounties")}
        hint={t("programmes.form.anyHint")}
        options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
      />
      <CheckboxGroup
        meta={fields.eligibleIndustries}
        legend={t("programmes.eligibleIndustries")}
        hint={t("programmes.form.anyHint")}
        options={INDUSTRY_CODES.map((code) => ({ value: code, label: industryName(code, locale) }))}
      />
      <CheckboxGroup
        meta={fields.eligibleOrgTypes}
        legend={t("programmes.eligibleOrgTypes")}
        hint={t("programmes.form.anyHint")}
        options={ORG_TYPES.map((type) => ({ value: type, label: t(`orgType.${type}`) }))}
      />
      <ApplicantKindsField meta={fields.applicantKinds} />
      <CheckboxField meta={fields.requiresBenefitLinkage} label={t("linkage.programme.requires")} />
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {t("programmes.form.save")}
      </button>
    </Form>
  );
}
