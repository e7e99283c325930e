import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { ListingFormShell } from "~/components/listings/listing-form";
import { CheckboxGroup, ErrorList, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";
import { SERVICE_CATEGORIES, ServiceFormSchema } from "~/modules/spaces/spaces.schema";

export interface ServiceFormDefaults {
  category?: string;
  title?: string;
  description?: string;
  industries?: string[];
  countiesServed?: string[];
  free?: "on";
  priceMin?: string;
  priceMax?: string;
  turnaroundDays?: string;
  organisationId?: string;
}

/**
 * The new/edit service form. Two submit buttons share the name "intent": save a draft (always
 * allowed) or publish (needs the space verified). `spaces` is given when creating and the user
 * runs more than one space; the space of an existing service does not change.
 */
export function ServiceForm({
  id,
  lastResult,
  defaultValue,
  spaces,
  published = false,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: ServiceFormDefaults;
  spaces?: { id: string; name: string }[];
  published?: boolean;
}) {
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ServiceFormSchema }),
  });
  const free = fields.free.initialValue === "on" || (fields.free.initialValue as unknown) === true;

  return (
    <ListingFormShell ns="spaces" formProps={getFormProps(form)} errors={form.errors} published={published}>
      {spaces && spaces.length > 1 ? (
        <SelectField
          meta={fields.organisationId}
          label={t("spaces.field.space")}
          options={spaces.map((space) => ({ value: space.id, label: space.name }))}
          placeholder={t("spaces.field.choose")}
        />
      ) : null}
      <SelectField
        meta={fields.category}
        label={t("spaces.category")}
        options={SERVICE_CATEGORIES.map((category) => ({
          value: category,
          label: t(`spaces.category.${category}`),
        }))}
        placeholder={t("spaces.field.choose")}
      />
      <TextField meta={fields.title} label={t("spaces.field.title")} hint={t("spaces.field.titleHint")} />
      <TextAreaField
        meta={fields.description}
        label={t("spaces.field.description")}
        hint={t("spaces.field.descriptionHint")}
        rows={6}
      />
      <CheckboxGroup
        meta={fields.industries}
        legend={t("spaces.field.industries")}
        hint={t("spaces.field.industriesHint")}
        columns={2}
        options={INDUSTRIES.map((industry) => ({ value: industry.code, label: localName(industry, locale) }))}
      />
      <CheckboxGroup
        meta={fields.countiesServed}
        legend={t("spaces.field.counties")}
        hint={t("spaces.field.countiesHint")}
        columns={3}
        options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
      />
      <div className="space-y-1">
        <label className="flex min-h-11 items-center gap-2 rounded-lg border border-stone-200 bg-white px-3 py-2">
          <input
            type="checkbox"
            id={fields.free.id}
            name={fields.free.name}
            defaultChecked={free}
            aria-describedby={fields.free.descriptionId}
            className="h-5 w-5 flex-none accent-brand-700"
          />
          <span className="font-medium text-stone-800">{t("spaces.field.free")}</span>
        </label>
        <p id={fields.free.descriptionId} className="text-sm text-stone-600">
          {t("spaces.field.freeHint")}
        </p>
        <ErrorList id={fields.free.errorId} errors={fields.free.errors} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          meta={fields.priceMin}
          label={t("spaces.field.priceMin")}
          hint={t("spaces.field.priceHint")}
          inputMode="decimal"
        />
        <TextField
          meta={fields.priceMax}
          label={t("spaces.field.priceMax")}
          hint={t("spaces.field.priceHint")}
          inputMode="decimal"
        />
      </div>
      <TextField
        meta={fields.turnaroundDays}
        label={t("spaces.field.turnaround")}
        hint={t("spaces.field.turnaroundHint")}
        inputMode="decimal"
      />
    </ListingFormShell>
  );
}
