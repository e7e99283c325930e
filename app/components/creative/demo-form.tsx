import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, PhotosField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { CountyField } from "~/components/reference-fields";
import { useSchemaForm } from "~/components/use-schema-form";
import { useT } from "~/i18n/use-t";
import { DEMO_SITE_TYPES, DemoSiteSchema } from "~/modules/creative/creative.schema";
import { Photo } from "~/components/photo";

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
  const { t } = useT();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm({
    id: "demo-site",
    schema: DemoSiteSchema,
    lastResult,
    defaultValue: site
      ? {
          ...site,
          village: site.village ?? "",
          organisationId: site.organisationId ?? "",
          areaMu: site.areaMu === null ? "" : String(site.areaMu),
        }
      : undefined,
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
      <CountyField meta={fields.countyCode} label={t("creative.field.county")} placeholder={choose} />
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
                <Photo
                  src={`/uploads/${photoId}`}
                  sizes="(min-width: 640px) 12rem, 33vw"
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
      <PhotosField label={t("creative.field.demoPhotos")} />
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {t("creative.save")}
      </button>
    </Form>
  );
}
