import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import type { ArrangementType } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import { ApplySchema } from "~/modules/applications/applications.schema";

export function ApplyForm({
  lastResult,
  arrangements,
}: {
  lastResult?: SubmissionResult<string[]>;
  arrangements: ArrangementType[];
}) {
  const { t } = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "apply",
    lastResult,
    defaultValue: { arrangement: arrangements[0] },
    constraint: getZodConstraint(ApplySchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplySchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4" aria-labelledby="apply-title">
      <h2 id="apply-title" className="text-lg font-semibold">
        {t("applications.applyTitle")}
      </h2>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="apply" />
      <TextAreaField
        meta={fields.approach}
        label={t("applications.approach")}
        hint={t("applications.approachHint")}
        rows={5}
      />
      <TextField
        meta={fields.timeline}
        label={t("applications.timeline")}
        hint={t("applications.timelineHint")}
      />
      <div className="grid grid-cols-2 gap-4">
        <SelectField
          meta={fields.arrangement}
          label={t("applications.arrangement")}
          options={arrangements.map((value) => ({ value, label: t(`arrangement.${value}`) }))}
        />
        <TextField meta={fields.price} label={t("applications.price")} inputMode="decimal" />
      </div>
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {t("applications.submit")}
      </button>
    </Form>
  );
}
