import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { CheckboxGroup, FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { AVAILABILITIES, ExpertProfileSchema, PROFILE_LANGUAGES } from "~/modules/profiles/profiles.schema";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";

/** The expert's own profile form, filled with what was saved (or the defaults of a new profile). */
export function ExpertProfileForm({
  profile,
  affiliations,
  lastResult,
}: {
  profile: {
    title: string;
    fields: string[];
    specialties: string;
    bio: string;
    affiliationId: string | null;
    affiliationText: string | null;
    countiesServed: string[];
    availability: string;
    languages: string[];
    contactPhone: string | null;
    contactEmail: string | null;
  } | null;
  affiliations: { id: string; name: string }[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const navigation = useNavigation();
  const { t, locale } = useT();
  const defaults: Record<string, string | string[] | undefined> = {
    title: profile?.title,
    fields: profile?.fields ?? [],
    specialties: profile?.specialties,
    bio: profile?.bio,
    affiliationId: profile?.affiliationId ?? undefined,
    affiliationText: profile?.affiliationText ?? undefined,
    countiesServed: profile?.countiesServed ?? [],
    availability: profile?.availability ?? "AVAILABLE",
    languages: profile?.languages ?? ["zh"],
    contactPhone: profile?.contactPhone ?? undefined,
    contactEmail: profile?.contactEmail ?? undefined,
  };
  const [form, fields] = useForm({
    id: "expert-profile",
    lastResult,
    defaultValue: defaults,
    constraint: getZodConstraint(ExpertProfileSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ExpertProfileSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
      <FormErrors errors={form.errors} />
      <TextField
        meta={fields.title}
        label={t("profiles.expert.title")}
        hint={t("profiles.expert.titleHint")}
      />
      <CheckboxGroup
        meta={fields.fields}
        legend={t("profiles.expert.fields")}
        options={INDUSTRIES.map((item) => ({ value: item.code, label: localName(item, locale) }))}
      />
      <TextField
        meta={fields.specialties}
        label={t("profiles.expert.specialties")}
        hint={t("profiles.expert.specialtiesHint")}
      />
      <TextAreaField meta={fields.bio} label={`${t("profiles.expert.bio")} (${t("form.optional")})`} />
      {affiliations.length > 0 ? (
        <SelectField
          meta={fields.affiliationId}
          label={t("profiles.expert.affiliation")}
          options={affiliations.map((organisation) => ({
            value: organisation.id,
            label: organisation.name,
          }))}
          placeholder={t("profiles.expert.affiliationOther")}
        />
      ) : null}
      <TextField
        meta={fields.affiliationText}
        label={`${t("profiles.expert.affiliationText")} (${t("form.optional")})`}
        autoComplete="organization"
      />
      <CheckboxGroup
        meta={fields.countiesServed}
        legend={t("profiles.expert.countiesServed")}
        columns={3}
        options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
      />
      <SelectField
        meta={fields.availability}
        label={t("profiles.expert.availability")}
        options={AVAILABILITIES.map((value) => ({ value, label: t(`profiles.availability.${value}`) }))}
      />
      <CheckboxGroup
        meta={fields.languages}
        legend={t("profiles.expert.languages")}
        options={PROFILE_LANGUAGES.map((value) => ({ value, label: t(`profiles.language.${value}`) }))}
      />
      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-stone-50 p-3">
        <legend className="float-left mb-1 w-full text-sm text-stone-700">
          {t("profiles.contactSection")}
        </legend>
        <TextField
          meta={fields.contactPhone}
          label={`${t("profiles.phone")} (${t("form.optional")})`}
          hint={t("profiles.phoneHint")}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
        />
        <TextField
          meta={fields.contactEmail}
          label={`${t("profiles.email")} (${t("form.optional")})`}
          type="email"
          autoComplete="email"
        />
      </fieldset>
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? t("profiles.saving") : t("profiles.save")}
      </button>
    </Form>
  );
}
