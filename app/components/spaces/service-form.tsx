import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { ListingFormShell } from "~/components/listings/listing-form";
import { ListingFormPage } from "~/components/listings/listing-form-page";
import { listingFormValues, type SavedListing } from "~/components/listings/listing-form-values";
import { CheckboxGroup, ErrorList, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { SERVICE_LISTING } from "~/modules/listings/listing-kinds";
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

interface SavedService extends SavedListing {
  id: string;
  status: string;
  category: string;
  industries: string[];
  free: boolean;
  turnaroundDays: number | null;
}

/** The edit form's values for a saved service: a free service's box is ticked. */
function serviceFormValues(service: SavedService): ServiceFormDefaults {
  return {
    ...listingFormValues(service),
    category: service.category,
    industries: service.industries,
    free: service.free ? "on" : undefined,
    turnaroundDays: service.turnaroundDays ? String(service.turnaroundDays) : "",
  };
}

/**
 * The new/edit service form. Two submit buttons share the name "intent": save a draft (always
 * allowed) or publish (needs the space verified). `spaces` is given when creating and the user
 * runs more than one space; an edited service passes the saved `service`, whose space does not change.
 */
export function ServiceForm({
  lastResult,
  defaultValue,
  spaces,
  service,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: ServiceFormDefaults;
  spaces?: { id: string; name: string }[];
  service?: SavedService;
}) {
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: service ? `edit-service-${service.id}` : "new-service",
    lastResult,
    defaultValue: service ? serviceFormValues(service) : defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ServiceFormSchema }),
  });
  const free = fields.free.initialValue === "on" || (fields.free.initialValue as unknown) === true;

  return (
    <ListingFormShell
      ns="spaces"
      formProps={getFormProps(form)}
      errors={form.errors}
      published={service?.status === "PUBLISHED"}
    >
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

/** The edit page of a saved service: the kind's title over the form filled from it. */
export function ServiceEditForm({
  service,
  lastResult,
}: {
  service: SavedService;
  lastResult?: SubmissionResult<string[]>;
}) {
  return (
    <ListingFormPage kind={SERVICE_LISTING} mode="edit">
      <ServiceForm service={service} lastResult={lastResult} />
    </ListingFormPage>
  );
}
