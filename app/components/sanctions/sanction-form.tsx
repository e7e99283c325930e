import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "~/components/form";
import type { ReactNode } from "react";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { NewSanctionSchema } from "~/modules/sanctions/sanctions.schema";

export function SanctionSubjectCheckbox({
  name,
  value,
  label,
}: {
  name: string;
  value: string;
  label: string;
}) {
  return (
    <label className="flex items-center gap-2">
      <input type="checkbox" name={name} value={value} defaultChecked className="h-5 w-5 accent-brand-700" />
      <span>{label}</span>
    </label>
  );
}

export type SanctionIntent = "suspend" | "clawback" | "ban";

/** One form per kind of sanction; a ban without an application names its subjects here. */
export function SanctionKindForm({
  intent,
  lastResult,
  applicationId,
  claimableFen,
  organisations = [],
  defaultReason,
  children,
}: {
  intent: SanctionIntent;
  lastResult?: SubmissionResult<string[]>;
  applicationId?: string;
  claimableFen?: number;
  organisations?: { id: string; name: string }[];
  /** The reason to start from (a confirmed monitoring flag's finding); the officer edits it. */
  defaultReason?: string;
  children?: ReactNode;
}) {
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: `sanction-${intent}`,
    lastResult,
    defaultValue: defaultReason ? { reason: defaultReason } : undefined,
    constraint: getZodConstraint(NewSanctionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewSanctionSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3">
      <h2 className="text-lg font-semibold">{t(`sanctions.action.${intent}`)}</h2>
      {intent === "ban" ? <p className="text-sm text-stone-600">{t("sanctions.form.banHint")}</p> : null}
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      {applicationId ? <input type="hidden" name="applicationId" value={applicationId} /> : null}
      {intent === "clawback" ? (
        <TextField
          meta={fields.amountYuan}
          label={t("sanctions.field.amountYuan")}
          hint={t("sanctions.field.amountHint", { amount: formatMoney(locale, claimableFen ?? 0) })}
          inputMode="decimal"
        />
      ) : null}
      {children}
      {intent === "ban" && !applicationId ? (
        <>
          <SelectField
            meta={fields.organisationId}
            label={t("sanctions.field.organisation")}
            placeholder={t("sanctions.field.noOrganisation")}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <TextField meta={fields.phone} label={t("sanctions.field.phone")} type="tel" inputMode="tel" />
        </>
      ) : null}
      <TextAreaField meta={fields.reason} label={t("sanctions.field.reason")} rows={3} />
      <button type="submit" className="btn-primary w-full sm:w-auto">
        {t(`sanctions.action.${intent}`)}
      </button>
    </Form>
  );
}
