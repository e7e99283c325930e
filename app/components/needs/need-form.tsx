import type { ReactNode } from "react";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import {
  CheckboxGroup,
  ErrorList,
  FormErrors,
  SelectField,
  TextAreaField,
  TextField,
} from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { ARRANGEMENT_TYPES } from "~/modules/marketplace/marketplace.schema";
import {
  BRAND_SERVICES,
  MAX_NEED_PHOTOS,
  NEED_KINDS,
  NeedFormSchema,
  URGENCIES,
} from "~/modules/needs/needs.schema";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";
import { MAX_IMAGE_BYTES } from "~/modules/uploads/limits";
import { useHydrated } from "~/utils/use-hydrated";
import { Photo } from "~/components/photo";

export interface NeedFormDefaults {
  organisationId?: string;
  kind?: string;
  title?: string;
  description?: string;
  industry?: string;
  countyCode?: string;
  village?: string;
  budgetMin?: string;
  budgetMax?: string;
  urgency?: string;
  arrangements?: string[];
  deadline?: string;
  productName?: string;
  origin?: string;
  story?: string;
  brandServices?: string[];
  invitationOnly?: string;
  photos?: never[];
  removePhotoIds?: string[];
  intent?: string;
}

/**
 * The one form for posting and editing a need (technical or branding). Multipart, so photos
 * travel with it; every field works without JavaScript.
 */
export function NeedForm({
  lastResult,
  defaults,
  organisations,
  photos = [],
  canPublish,
  showDraftButton = true,
  extra,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: NeedFormDefaults;
  organisations: { id: string; name: string }[];
  photos?: { uploadId: string }[];
  canPublish: boolean;
  showDraftButton?: boolean;
  /** Fields another form adds (the informant's farmer and consent), before the buttons. */
  extra?: ReactNode;
  /** One "publish" button with this label instead of publish/draft (posting for a farmer). */
  submitLabel?: string;
}) {
  const { t, locale } = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "need",
    lastResult,
    defaultValue: defaults,
    constraint: getZodConstraint(NeedFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NeedFormSchema }),
  });
  const hydrated = useHydrated();
  const branding = !hydrated || (fields.kind.value ?? defaults.kind) === "BRANDING";
  const busy = navigation.state === "submitting";
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card space-y-5">
      <FormErrors errors={form.errors} />
      {organisations.length > 0 ? (
        <SelectField
          meta={fields.organisationId}
          label={t("needs.field.organisation")}
          options={[
            ...organisations.map((o) => ({ value: o.id, label: o.name })),
            { value: "", label: t("needs.field.personal") },
          ]}
        />
      ) : null}
      <SelectField
        meta={fields.kind}
        label={t("needs.kind")}
        options={NEED_KINDS.map((value) => ({ value, label: t(`needs.kind.${value}`) }))}
      />
      <TextField meta={fields.title} label={t("needs.field.title")} hint={t("needs.field.titleHint")} />
      <TextAreaField
        meta={fields.description}
        label={t("needs.field.description")}
        hint={t("needs.field.descriptionHint")}
        rows={6}
      />
      {branding ? (
        <fieldset className="space-y-4 rounded-lg border border-amber-200 bg-amber-50/50 p-3">
          <legend className="float-left mb-1 w-full font-medium text-amber-900">
            {t("needs.kind.BRANDING")}
          </legend>
          <TextField meta={fields.productName} label={t("needs.field.productName")} />
          <TextField meta={fields.origin} label={t("needs.field.origin")} />
          <TextAreaField
            meta={fields.story}
            label={t("needs.field.story")}
            hint={t("needs.field.storyHint")}
            rows={4}
          />
          <CheckboxGroup
            meta={fields.brandServices}
            legend={t("needs.field.brandServices")}
            options={BRAND_SERVICES.map((value) => ({ value, label: t(`needs.brandService.${value}`) }))}
          />
        </fieldset>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          meta={fields.industry}
          label={t("needs.field.industry")}
          placeholder={t("register.countyNone")}
          options={INDUSTRIES.map((industry) => ({
            value: industry.code,
            label: localName(industry, locale),
          }))}
        />
        <SelectField
          meta={fields.countyCode}
          label={t("needs.field.county")}
          placeholder={t("register.countyNone")}
          options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
        />
      </div>
      <TextField meta={fields.village} label={`${t("needs.field.village")} (${t("form.optional")})`} />
      <div className="grid grid-cols-2 gap-4">
        <TextField meta={fields.budgetMin} label={t("needs.field.budgetMin")} inputMode="decimal" />
        <TextField meta={fields.budgetMax} label={t("needs.field.budgetMax")} inputMode="decimal" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          meta={fields.urgency}
          label={t("needs.field.urgency")}
          options={URGENCIES.map((value) => ({ value, label: t(`needs.urgency.${value}`) }))}
        />
        <TextField
          meta={fields.deadline}
          label={`${t("needs.field.deadline")} (${t("form.optional")})`}
          type="date"
        />
      </div>
      <CheckboxGroup
        meta={fields.arrangements}
        legend={t("needs.field.arrangements")}
        options={ARRANGEMENT_TYPES.map((value) => ({
          value,
          label: t(`arrangement.${value}`),
        }))}
      />
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          name={fields.invitationOnly.name}
          id={fields.invitationOnly.id}
          defaultChecked={fields.invitationOnly.initialValue === "on"}
          className="mt-1 h-5 w-5"
          aria-describedby={`${fields.invitationOnly.id}-hint`}
        />
        <span>
          <span className="font-medium text-stone-800">{t("negotiation.invitationOnly")}</span>
          <span id={`${fields.invitationOnly.id}-hint`} className="block text-sm text-stone-600">
            {t("negotiation.invitationOnlyHint")}
          </span>
        </span>
      </label>
      {photos.length > 0 ? (
        <fieldset>
          <legend className="font-medium text-stone-800">{t("needs.field.photos")}</legend>
          <ul className="mt-2 grid grid-cols-3 gap-2">
            {photos.map((photo, index) => (
              <li key={photo.uploadId} className="space-y-1">
                <Photo
                  src={`/uploads/${photo.uploadId}`}
                  sizes="(min-width: 640px) 12rem, 33vw"
                  alt={t("needs.photoAlt", { n: index + 1 })}
                  className="aspect-square w-full rounded-lg object-cover"
                />
                <label className="flex items-center gap-1 text-sm">
                  <input type="checkbox" name="removePhotoIds" value={photo.uploadId} className="h-4 w-4" />
                  {t("needs.field.removePhoto")}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <div className="space-y-1">
        <label htmlFor={fields.photos.id} className="block font-medium text-stone-800">
          {photos.length > 0 ? t("needs.field.photosHint") : t("needs.field.photos")}
        </label>
        <input
          id={fields.photos.id}
          name={fields.photos.name}
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp"
          className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-lg file:border-0 file:bg-brand-50 file:px-4 file:text-brand-800"
          aria-describedby={`${fields.photos.id}-hint`}
        />
        <p id={`${fields.photos.id}-hint`} className="text-sm text-stone-600">
          {t("needs.field.photosHint")}{" "}
          {t("upload.photosHint", { max: MAX_NEED_PHOTOS, mb: MAX_IMAGE_BYTES / 1024 / 1024 })}
        </p>
        <ErrorList errors={fields.photos.errors} />
      </div>
      {!canPublish ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("needs.unverifiedNotice")}
        </p>
      ) : null}
      {extra}
      {submitLabel ? (
        <button type="submit" name="intent" value="publish" className="btn-primary w-full" disabled={busy}>
          {submitLabel}
        </button>
      ) : (
        <div className="flex flex-wrap gap-3">
          <button
            type="submit"
            name="intent"
            value={showDraftButton ? "publish" : "save"}
            className="btn-primary flex-1"
            disabled={busy}
          >
            {showDraftButton ? t("needs.publish") : t("needs.saveChanges")}
          </button>
          {showDraftButton ? (
            <button type="submit" name="intent" value="save" className="btn-secondary flex-1" disabled={busy}>
              {t("needs.saveDraft")}
            </button>
          ) : null}
        </div>
      )}
    </Form>
  );
}
