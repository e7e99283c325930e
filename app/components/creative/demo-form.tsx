import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { DEMO_SITE_TYPES, DemoSiteSchema } from "~/modules/creative/creative.schema";
import { COUNTIES, localName } from "~/modules/reference/reference";

interface SiteValues {
  name: string;
  type: string;
  countyCode: string;
  village: string | null;
  organisationId: string | null;
  description: string;
  areaMu: number | null;
  photoIds: string[];
}

/** The bureau's form for a demonstration site, new or edited; works without JavaScript. */
export function DemoSiteForm({
  site,
  organisations,
  lastResult,
}: {
  site?: SiteValues;
  organisations: { id: string; name: string }[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, locale } = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "demo-site",
    lastResult,
    defaultValue: site
      ? {
          ...site,
          village: site.village ?? "",
          organisationId: site.organisationId ?? "",
          areaMu: site.areaMu === null ? "" : String(site.areaMu),
        }
      : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DemoSiteSchema }),
  });
  const choose = t("creative.field.choose");
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card space-y-4">
      <FormErrors errors={form.errors} />
      <TextField meta={fields.name} label={t("creative.field.demoName")} />
      <SelectField
        meta={fields.type}
        label={t("creative.field.type")}
        placeholder={choose}
        options={DEMO_SITE_TYPES.map((type) => ({
          value: type,
          label: t(`creative.type.${type}`),
        }))}
      />
      <SelectField
        meta={fields.countyCode}
        label={t("creative.field.county")}
        placeholder={choose}
        options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
      />
      <TextField meta={fields.village} label={t("creative.field.village")} />
      <SelectField
        meta={fields.organisationId}
        label={t("creative.field.organisation")}
        placeholder={t("creative.field.none")}
        options={organisations.map((org) => ({ value: org.id, label: org.name }))}
      />
      <TextAreaField meta={fields.description} label={t("creative.field.description")} rows={5} />
      <TextField meta={fields.areaMu} label={t("creative.field.areaMu")} inputMode="decimal" />
      {site && site.photoIds.length > 0 ? (
        <fieldset className="space-y-2">
          <legend className="font-medium text-stone-800">{t("creative.field.removePhotos")}</legend>
          <div className="grid grid-cols-3 gap-2">
            {site.photoIds.map((photoId, index) => (
              <label key={photoId} className="space-y-1">
                <img
                  src={`/uploads/${photoId}?v=thumb`}
                  alt={t("creative.photoAlt", { n: index + 1 })}
                  className="aspect-square w-full rounded object-cover"
                />
                <input
                  type="checkbox"
                  name="removePhotoIds"
                  value={photoId}
                  className="h-5 w-5 accent-brand-700"
                />
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <label className="block space-y-1">
        <span className="block font-medium text-stone-800">{t("creative.field.demoPhotos")}</span>
        <input
          type="file"
          name="photos"
          accept="image/jpeg,image/png,image/webp"
          multiple
          className="block w-full"
        />
      </label>
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {t("creative.save")}
      </button>
    </Form>
  );
}
