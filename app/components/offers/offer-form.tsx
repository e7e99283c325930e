import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { ListingFormShell } from "~/components/listings/listing-form";
import { ListingFormPage } from "~/components/listings/listing-form-page";
import { listingFormValues, type SavedListing } from "~/components/listings/listing-form-values";
import { CheckboxGroup, FieldShell, SelectField, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { OFFER_LISTING } from "~/modules/listings/listing-kinds";
import { ARRANGEMENT_TYPES, OFFER_KINDS, OfferFormSchema } from "~/modules/offers/offers.schema";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";

export interface OfferFormDefaults {
  kind?: string;
  title?: string;
  description?: string;
  industry?: string;
  countiesServed?: string[];
  arrangements?: string[];
  priceMin?: string;
  priceMax?: string;
  organisationId?: string;
}

interface SavedOffer extends SavedListing {
  id: string;
  status: string;
  kind: string;
  industry: string;
  arrangements: string[];
}

/** The edit form's values for a saved offer. */
function offerFormValues(offer: SavedOffer): OfferFormDefaults {
  return {
    ...listingFormValues(offer),
    kind: offer.kind,
    industry: offer.industry,
    arrangements: offer.arrangements,
  };
}

interface PostingOptions {
  asExpert: boolean;
  organisations: { id: string; name: string }[];
}

/**
 * The new/edit offer form. Two submit buttons share the name "intent": save a draft (always
 * allowed) or publish (needs verification). A new offer passes `posting`; an edited one passes
 * the saved `offer`, whose provider does not change.
 */
export function OfferForm({
  lastResult,
  defaultValue,
  posting,
  offer,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: OfferFormDefaults;
  posting?: PostingOptions;
  offer?: SavedOffer;
}) {
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: offer ? `edit-offer-${offer.id}` : "new-offer",
    lastResult,
    defaultValue: offer ? offerFormValues(offer) : defaultValue,
    // No `constraint`: the fields render their own attributes, and conform cannot derive
    // constraints from the price transforms.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferFormSchema }),
  });
  const showPostAs =
    posting &&
    (posting.organisations.length > 1 ||
      (posting.asExpert && posting.organisations.length > 0) ||
      !posting.asExpert);

  return (
    <ListingFormShell
      ns="offers"
      formProps={getFormProps(form)}
      errors={form.errors}
      published={offer?.status === "PUBLISHED"}
    >
      {posting && showPostAs ? (
        <SelectField
          meta={fields.organisationId}
          label={t("offers.field.postAs")}
          options={posting.organisations.map((organisation) => ({
            value: organisation.id,
            label: organisation.name,
          }))}
          placeholder={posting.asExpert ? t("offers.field.postAsSelf") : undefined}
        />
      ) : null}
      <SelectField
        meta={fields.kind}
        label={t("offers.kind")}
        options={OFFER_KINDS.map((kind) => ({ value: kind, label: t(`offers.kind.${kind}`) }))}
        placeholder={t("offers.field.choose")}
      />
      <TextField meta={fields.title} label={t("offers.field.title")} hint={t("offers.field.titleHint")} />
      <FieldShell
        label={t("offers.field.description")}
        hint={t("offers.field.descriptionHint")}
        errors={fields.description.errors}
        errorId={fields.description.errorId}
        hintId={fields.description.descriptionId}
        htmlFor={fields.description.id}
      >
        <textarea
          id={fields.description.id}
          name={fields.description.name}
          rows={6}
          className="input"
          defaultValue={fields.description.initialValue}
          aria-invalid={fields.description.errors?.length ? true : undefined}
          aria-describedby={`${fields.description.descriptionId}${fields.description.errors?.length ? ` ${fields.description.errorId}` : ""}`}
        />
      </FieldShell>
      <SelectField
        meta={fields.industry}
        label={t("offers.field.industry")}
        options={INDUSTRIES.map((industry) => ({ value: industry.code, label: localName(industry, locale) }))}
        placeholder={t("offers.field.choose")}
      />
      <CheckboxGroup
        meta={fields.countiesServed}
        legend={t("offers.field.counties")}
        hint={t("offers.field.countiesHint")}
        columns={3}
        options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
      />
      <CheckboxGroup
        meta={fields.arrangements}
        legend={t("offers.field.arrangements")}
        columns={3}
        options={ARRANGEMENT_TYPES.map((type) => ({
          value: type,
          label: t(`arrangement.${type}`),
        }))}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        {([fields.priceMin, fields.priceMax] as const).map((meta, index) => (
          <FieldShell
            key={meta.name}
            label={t(index === 0 ? "offers.field.priceMin" : "offers.field.priceMax")}
            hint={t("offers.field.priceHint")}
            errors={meta.errors}
            errorId={meta.errorId}
            hintId={meta.descriptionId}
            htmlFor={meta.id}
          >
            <input
              id={meta.id}
              name={meta.name}
              inputMode="decimal"
              className="input"
              defaultValue={meta.initialValue}
              aria-invalid={meta.errors?.length ? true : undefined}
              aria-describedby={`${meta.descriptionId}${meta.errors?.length ? ` ${meta.errorId}` : ""}`}
            />
          </FieldShell>
        ))}
      </div>
    </ListingFormShell>
  );
}

/** The edit page of a saved offer: the kind's title over the form filled from it. */
export function OfferEditForm({
  offer,
  lastResult,
}: {
  offer: SavedOffer;
  lastResult?: SubmissionResult<string[]>;
}) {
  return (
    <ListingFormPage kind={OFFER_LISTING} mode="edit">
      <OfferForm offer={offer} lastResult={lastResult} />
    </ListingFormPage>
  );
}
