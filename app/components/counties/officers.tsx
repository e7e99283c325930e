import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "~/components/form";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { OfficerRow } from "~/modules/counties/officers.server";
import { COUNTIES, countyName, localName } from "~/modules/reference/reference";
import { useForm } from "~/utils/use-form";

/** A row as the page receives it (dates arrive as text). */
type Officer = Omit<OfficerRow, "grantedAt"> & { grantedAt: Date | string | null };

/** The city bureau's form: an existing account, the role, and the county of a county officer. */
export function GrantOfficerForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t, locale } = useT();
  const [form, fields] = useForm({ id: "grant", lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <h2 className="text-lg font-semibold">{t("counties.officers.grant")}</h2>
      <FormErrors errors={form.errors} />
      <TextField meta={fields.identifier} label={t("counties.officers.identifier")} autoComplete="off" />
      <SelectField
        meta={fields.role}
        label={t("counties.officers.role")}
        options={(["COUNTY", "FINANCE"] as const).map((role) => ({
          value: role,
          label: t(`counties.role.${role}`),
        }))}
      />
      <SelectField
        meta={fields.countyCode}
        label={t("counties.officers.county")}
        placeholder={t("counties.officers.countyNone")}
        options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
      />
      <button type="submit" name="intent" value="grant" className="btn-primary">
        {t("counties.officers.grant")}
      </button>
    </Form>
  );
}

function OfficerItem({ officer }: { officer: Officer }) {
  const { t, locale } = useT();
  return (
    <li className="card flex flex-wrap items-center gap-2 p-3">
      <span className="font-medium">{officer.displayName}</span>
      {officer.countyCode ? <span className="text-sm">{countyName(officer.countyCode, locale)}</span> : null}
      <span className="text-sm text-stone-600">
        {officer.grantedAt
          ? t("counties.officers.grantedAt", { date: formatDate(locale, officer.grantedAt) })
          : t("counties.officers.noGrant")}
      </span>
      {officer.grantId ? (
        <Form method="post" className="ml-auto">
          <input type="hidden" name="grantId" value={officer.grantId} />
          <button type="submit" name="intent" value="revoke" className="btn-secondary min-h-9 py-1 text-sm">
            {t("counties.officers.revoke")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}

/** Current officers: county officers in county order, then the finance bureau's. */
export function OfficerLists({ officers }: { officers: Officer[] }) {
  const { t } = useT();
  const lists = [
    {
      key: "county",
      title: t("counties.officers.countyTitle"),
      rows: officers.filter((o) => o.role === "COUNTY"),
    },
    {
      key: "finance",
      title: t("counties.officers.financeTitle"),
      rows: officers.filter((o) => o.role === "FINANCE"),
    },
  ];
  return (
    <>
      {lists.map((list) => (
        <section key={list.key} className="space-y-2" aria-labelledby={`${list.key}-officers`}>
          <h2 id={`${list.key}-officers`} className="text-xl font-semibold">
            {list.title}
          </h2>
          {list.rows.length === 0 ? (
            <p className="card text-stone-600">{t("counties.officers.none")}</p>
          ) : null}
          <ul className="space-y-2">
            {list.rows.map((officer) => (
              <OfficerItem key={officer.userId} officer={officer} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
