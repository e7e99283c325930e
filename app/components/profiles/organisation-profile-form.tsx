import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { OrganisationProfileSchema } from "~/modules/profiles/profiles.schema";
import { COUNTIES, localName } from "~/modules/reference/reference";

/** An organisation's editable profile; its name is fixed by verification and not in the form. */
export function OrganisationProfileForm({
  organisation,
  lastResult,
}: {
  organisation: {
    nameEn: string | null;
    description: string;
    mainProducts: string[];
    countyCode: string | null;
    village: string | null;
    address: string | null;
    creditCode: string | null;
    legalRepresentative: string | null;
    contactPhone: string | null;
    contactEmail: string | null;
  };
  lastResult?: SubmissionResult<string[]>;
}) {
  const navigation = useNavigation();
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: "organisation-profile",
    lastResult,
    defaultValue: {
      nameEn: organisation.nameEn ?? undefined,
      description: organisation.description,
      mainProducts: organisation.mainProducts.join("\n"),
      countyCode: organisation.countyCode ?? undefined,
      village: organisation.village ?? undefined,
      address: organisation.address ?? undefined,
      creditCode: organisation.creditCode ?? undefined,
      legalRepresentative: organisation.legalRepresentative ?? undefined,
      contactPhone: organisation.contactPhone ?? undefined,
      contactEmail: organisation.contactEmail ?? undefined,
    },
    constraint: getZodConstraint(OrganisationProfileSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationProfileSchema }),
  });
  const optional = (label: string) => `${label} (${t("form.optional")})`;
  return (
    <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
      <FormErrors errors={form.errors} />
      <TextField meta={fields.nameEn} label={optional(t("profiles.nameEn"))} />
      <TextAreaField meta={fields.description} label={optional(t("profiles.description"))} />
      <TextAreaField
        meta={fields.mainProducts}
        label={optional(t("profiles.mainProducts"))}
        hint={t("profiles.mainProductsHint")}
        rows={4}
      />
      <SelectField
        meta={fields.countyCode}
        label={optional(t("profiles.county"))}
        options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
        placeholder={t("register.countyNone")}
      />
      <TextField meta={fields.village} label={optional(t("profiles.village"))} />
      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-stone-50 p-3">
        <legend className="float-left mb-1 w-full text-sm text-stone-700">
          {t("profiles.contractSection")}
        </legend>
        <TextField
          meta={fields.creditCode}
          label={optional(t("profiles.creditCode"))}
          hint={t("profiles.creditCodeHint")}
        />
        <TextField meta={fields.legalRepresentative} label={optional(t("profiles.legalRepresentative"))} />
      </fieldset>
      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-stone-50 p-3">
        <legend className="float-left mb-1 w-full text-sm text-stone-700">
          {t("profiles.contactSection")}
        </legend>
        <TextField
          meta={fields.contactPhone}
          label={optional(t("profiles.phone"))}
          hint={t("profiles.phoneHint")}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
        />
        <TextField
          meta={fields.contactEmail}
          label={optional(t("profiles.email"))}
          type="email"
          autoComplete="email"
        />
        <TextField
          meta={fields.address}
          label={optional(t("profiles.address"))}
          autoComplete="street-address"
        />
      </fieldset>
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? t("profiles.saving") : t("profiles.save")}
      </button>
    </Form>
  );
}
