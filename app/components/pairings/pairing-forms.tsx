import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "~/components/form";
import { FormErrors, PhotosField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { useT } from "~/i18n/use-t";
import {
  COMMITMENT_KINDS,
  PairingReportSchema,
  ProposePairingSchema,
} from "~/modules/pairings/pairings.schema";
import { COUNTIES, countyName, localName } from "~/modules/reference/reference";

type Village = { id: string; name: string; township: string; countyCode: string };

/** 申请结对: the institution, the county (or a village of it), the dates and the yearly commitments. */
export function ProposePairingForm({
  institutions,
  villages,
  lastResult,
}: {
  institutions: { id: string; name: string }[];
  villages: Village[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, locale } = useT();
  const [form, fields] = useSchemaForm({
    id: "propose-pairing",
    schema: ProposePairingSchema,
    lastResult,
    defaultValue: { organisationId: institutions.length === 1 ? institutions[0]!.id : undefined },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <FormErrors errors={form.errors} />
      <SelectField
        meta={fields.organisationId}
        label={t("pairings.field.organisation")}
        options={institutions.map((o) => ({ value: o.id, label: o.name }))}
      />
      <SelectField
        meta={fields.countyCode}
        label={t("pairings.field.county")}
        placeholder={t("pairings.field.choose")}
        options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
      />
      <SelectField
        meta={fields.villageId}
        label={t("pairings.field.village")}
        placeholder={t("pairings.field.villageNone")}
        options={villages.map((v) => ({
          value: v.id,
          label: `${countyName(v.countyCode, locale) ?? ""} · ${v.township} ${v.name}`,
        }))}
      />
      <TextField meta={fields.startsOn} type="date" label={t("pairings.field.startsOn")} />
      <TextField meta={fields.endsOn} type="date" label={t("pairings.field.endsOn")} />
      <fieldset className="space-y-3">
        <legend className="font-semibold">{t("pairings.field.commitments")}</legend>
        {COMMITMENT_KINDS.map((kind) => (
          <TextField key={kind} meta={fields[kind]} inputMode="numeric" label={t(`pairings.kind.${kind}`)} />
        ))}
      </fieldset>
      <TextAreaField meta={fields.note} label={t("pairings.field.note")} rows={3} />
      <button type="submit" className="btn-primary w-full">
        {t("pairings.propose")}
      </button>
    </Form>
  );
}

/** 工作报告 of a half year: what was achieved per commitment, the work in words, photos. */
export function PairingReportForm({
  commitments,
  year,
  lastResult,
}: {
  commitments: { id: string; kind: (typeof COMMITMENT_KINDS)[number] }[];
  year: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useT();
  const [form, fields] = useSchemaForm({
    id: "pairing-report",
    schema: PairingReportSchema,
    lastResult,
    defaultValue: { year: String(year), figures: commitments.map((c) => ({ commitmentId: c.id })) },
  });
  const rows = fields.figures.getFieldList();
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card space-y-4">
      <FormErrors errors={form.errors} />
      <TextField meta={fields.year} inputMode="numeric" label={t("pairings.report.year")} />
      <SelectField
        meta={fields.half}
        label={t("pairings.report.half")}
        placeholder={t("pairings.field.choose")}
        options={[
          { value: "1", label: t("pairings.report.half1") },
          { value: "2", label: t("pairings.report.half2") },
        ]}
      />
      <fieldset className="space-y-3">
        <legend className="font-semibold">{t("pairings.report.figures")}</legend>
        {rows.map((row, index) => {
          const cells = row.getFieldset();
          const commitment = commitments[index];
          if (!commitment) return null;
          return (
            <div key={row.key}>
              <input type="hidden" name={cells.commitmentId.name} value={commitment.id} />
              <TextField
                meta={cells.achieved}
                inputMode="numeric"
                label={t(`pairings.kind.${commitment.kind}`)}
              />
            </div>
          );
        })}
      </fieldset>
      <TextAreaField meta={fields.narrative} label={t("pairings.report.narrative")} rows={5} />
      <PhotosField label={t("pairings.report.photos")} />
      <button type="submit" className="btn-primary w-full">
        {t("pairings.detail.fileReport")}
      </button>
    </Form>
  );
}
