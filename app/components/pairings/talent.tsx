import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { RecordTalentSchema, TALENT_ROLES, TALENT_STATUSES } from "~/modules/pairings/pairings.schema";
import type { TalentCandidate, TalentRow } from "~/modules/pairings/talent.server";
import { COUNTIES, countyName, localName } from "~/modules/reference/reference";

type Village = { id: string; name: string; township: string; countyCode: string };

function VillageSelect({ villages, countyCode }: { villages: Village[]; countyCode?: string }) {
  const { t } = useT();
  return (
    <select
      name="villageId"
      aria-label={t("pairings.talent.field.village")}
      className="w-full"
      defaultValue=""
    >
      <option value="">{t("pairings.talent.field.village")}</option>
      {villages
        .filter((v) => !countyCode || v.countyCode === countyCode)
        .map((v) => (
          <option key={v.id} value={v.id}>
            {v.township} {v.name}
          </option>
        ))}
    </select>
  );
}

/** The officer's queue: attended trainees of held trainings, to confirm into the register or set aside. */
export function CandidateQueue({
  candidates,
  villages,
}: {
  candidates: TalentCandidate[];
  villages: Village[];
}) {
  const { t, locale } = useT();
  if (candidates.length === 0) return <p className="text-stone-600">{t("pairings.talent.queueEmpty")}</p>;
  return (
    <ul className="space-y-3">
      {candidates.map((c) => (
        <li key={`${c.trainingId}:${c.userId}`} className="card space-y-2 p-3">
          <p className="font-medium">{c.displayName}</p>
          <p className="text-sm text-stone-600">
            {countyName(c.countyCode, locale)} ·{" "}
            {t("pairings.talent.trainedAt", { title: c.trainingTitle, date: formatDate(locale, c.startsAt) })}
          </p>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="trainingId" value={c.trainingId} />
            <input type="hidden" name="userId" value={c.userId} />
            <VillageSelect villages={villages} countyCode={c.countyCode} />
            <div className="grid grid-cols-2 gap-2">
              <button type="submit" name="intent" value="confirm" className="btn-primary">
                {t("pairings.talent.confirm")}
              </button>
              <button type="submit" name="intent" value="dismiss" className="btn-secondary">
                {t("pairings.talent.dismiss")}
              </button>
            </div>
          </Form>
        </li>
      ))}
    </ul>
  );
}

function ServeForm({ talentId }: { talentId: string }) {
  const { t } = useT();
  return (
    <Form method="post" className="space-y-2">
      <input type="hidden" name="talentId" value={talentId} />
      <select name="role" aria-label={t("pairings.talent.field.role")} className="w-full" defaultValue="">
        <option value="">{t("pairings.talent.field.role")}</option>
        {TALENT_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`pairings.talent.role.${role}`)}
          </option>
        ))}
      </select>
      <input
        name="work"
        aria-label={t("pairings.talent.field.work")}
        placeholder={t("pairings.talent.field.work")}
        className="w-full"
      />
      <button type="submit" name="intent" value="serve" className="btn-secondary w-full">
        {t("pairings.talent.serve")}
      </button>
    </Form>
  );
}

/** The register: masked names and phones of people without an account, with a logged reveal for officers. */
export function TalentRegister({ rows, officer }: { rows: TalentRow[]; officer: boolean }) {
  const { t, locale } = useT();
  if (rows.length === 0) return <p className="text-stone-600">{t("pairings.talent.empty")}</p>;
  return (
    <ul className="space-y-3">
      {rows.map((row) => (
        <li key={row.id} className="card space-y-1 p-3">
          <p className="font-medium">
            {row.name}
            {row.phone ? <span className="ml-2 text-sm text-stone-600">{row.phone}</span> : null}
            {row.hasAccount ? (
              <span className="ml-2 text-sm text-stone-600">{t("pairings.talent.account")}</span>
            ) : null}
          </p>
          {officer && !row.hasAccount && !row.revealed ? (
            <Link to={`?reveal=${row.id}`} className="text-sm text-emerald-800 underline">
              {t("pairings.talent.reveal")}
            </Link>
          ) : null}
          {row.revealed ? <p className="text-sm text-amber-800">{t("pairings.talent.revealed")}</p> : null}
          <p className="text-sm">
            {countyName(row.countyCode, locale)}
            {row.village ? ` · ${row.village.township} ${row.village.name}` : ""} ·{" "}
            {t(`pairings.talent.status.${row.status}`)}
            {row.role ? ` · ${t(`pairings.talent.role.${row.role}`)}` : ""}
          </p>
          {row.work ? <p className="text-sm">{row.work}</p> : null}
          {row.skills ? <p className="text-sm text-stone-600">{row.skills}</p> : null}
          <p className="text-sm text-stone-600">
            {t("pairings.talent.trainings")}:{" "}
            {row.trainings.length === 0
              ? t("pairings.talent.noTrainings")
              : row.trainings.map((x) => `${x.title}（${formatDate(locale, x.startsAt)}）`).join("、")}
          </p>
          {row.status === "TRAINED" ? <ServeForm talentId={row.id} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** A person without an account, recorded by hand; the county is asked of city staff and commissioners. */
export function RecordTalentForm({
  askCounty,
  villages,
  lastResult,
}: {
  askCounty: boolean;
  villages: Village[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, locale } = useT();
  const [form, fields] = useSchemaForm({ id: "record-talent", schema: RecordTalentSchema, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3">
      <h2 className="text-lg font-semibold">{t("pairings.talent.record")}</h2>
      <FormErrors errors={form.errors} />
      <TextField meta={fields.name} label={t("pairings.talent.field.name")} autoComplete="off" />
      <TextField meta={fields.phone} type="tel" inputMode="tel" label={t("pairings.talent.field.phone")} />
      {askCounty ? (
        <SelectField
          meta={fields.countyCode}
          label={t("pairings.talent.field.county")}
          placeholder={t("pairings.field.choose")}
          options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
        />
      ) : null}
      <SelectField
        meta={fields.villageId}
        label={t("pairings.talent.field.village")}
        placeholder={t("pairings.field.choose")}
        options={villages.map((v) => ({
          value: v.id,
          label: `${countyName(v.countyCode, locale) ?? ""} · ${v.township} ${v.name}`,
        }))}
      />
      <TextField meta={fields.skills} label={t("pairings.talent.field.skills")} />
      <SelectField
        meta={fields.status}
        label={t("pairings.talent.field.status")}
        options={TALENT_STATUSES.map((s) => ({ value: s, label: t(`pairings.talent.status.${s}`) }))}
      />
      <SelectField
        meta={fields.role}
        label={t("pairings.talent.field.role")}
        placeholder={t("pairings.field.choose")}
        options={TALENT_ROLES.map((r) => ({ value: r, label: t(`pairings.talent.role.${r}`) }))}
      />
      <TextField meta={fields.work} label={t("pairings.talent.field.work")} />
      <button type="submit" name="intent" value="record" className="btn-primary w-full">
        {t("pairings.talent.record")}
      </button>
    </Form>
  );
}
