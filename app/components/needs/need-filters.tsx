import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { useT } from "~/i18n/use-t";
import { ARRANGEMENT_TYPES } from "~/modules/marketplace/arrangements";
import { NEED_KINDS } from "~/modules/needs/needs.constants";
import type { NeedFilters } from "~/modules/needs/needs.schema";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
}) {
  const { t } = useT();
  return (
    <label className="block text-sm">
      <span className="text-stone-700">{label}</span>
      <select name={name} defaultValue={value ?? ""} className="input mt-1">
        <option value="">{t("needs.filter.all")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The needs list's keyword search and filters, as a GET form that works without JavaScript. */
export function NeedFilterForm({ filters }: { filters: NeedFilters }) {
  const { t, locale } = useT();
  const activeFilters =
    [
      filters.industry,
      filters.county,
      filters.arrangement,
      filters.kind,
      filters.status,
      filters.verified,
    ].filter(Boolean).length + (filters.sort !== "newest" ? 1 : 0);
  return (
    <Form method="get" className="card space-y-3" role="search">
      <div className="flex items-end gap-2">
        <label className="block flex-1 text-sm">
          <span className="text-stone-700">{t("needs.filter.keyword")}</span>
          <input type="search" name="q" defaultValue={filters.q ?? ""} className="input mt-1" />
        </label>
        <button type="submit" className="btn-primary">
          {t("needs.filter.search")}
        </button>
      </div>
      {/* Collapsed on a phone until used, so the results are not a screen away; no JS needed. */}
      <details open={activeFilters > 0} className="group">
        <summary className="cursor-pointer py-2 text-sm font-medium text-brand-800">
          {t("needs.filter.more")}
          {activeFilters > 0 ? ` (${activeFilters})` : ""}
        </summary>
        <div className="grid gap-3 pt-2 sm:grid-cols-3">
          <Select
            name="industry"
            label={t("needs.field.industry")}
            value={filters.industry}
            options={INDUSTRIES.map((i) => ({ value: i.code, label: localName(i, locale) }))}
          />
          <Select
            name="county"
            label={t("needs.field.county")}
            value={filters.county}
            options={COUNTIES.map((c) => ({ value: c.code, label: localName(c, locale) }))}
          />
          <Select
            name="arrangement"
            label={t("needs.field.arrangements")}
            value={filters.arrangement}
            options={ARRANGEMENT_TYPES.map((a) => ({
              value: a,
              label: t(`arrangement.${a}`),
            }))}
          />
          <Select
            name="kind"
            label={t("needs.kind")}
            value={filters.kind}
            options={NEED_KINDS.map((k) => ({ value: k, label: t(`needs.kind.${k}`) }))}
          />
          <Select
            name="status"
            label={t("needs.filter.status")}
            value={filters.status}
            options={(["OPEN", "IN_PROGRESS", "COMPLETED"] as const).map((s) => ({
              value: s,
              label: t(`needs.status.${s}`),
            }))}
          />
          <label className="block text-sm">
            <span className="text-stone-700">{t("needs.sort")}</span>
            <select name="sort" defaultValue={filters.sort} className="input mt-1">
              {(["newest", "deadline", "budget"] as const).map((sort) => (
                <option key={sort} value={sort}>
                  {t(`needs.sort.${sort}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="verified"
              value="1"
              defaultChecked={filters.verified === "1"}
              className="h-5 w-5 accent-brand-700"
            />
            {t("needs.filter.verifiedOnly")}
          </label>
          <div className="flex gap-2 sm:col-span-2 sm:justify-end">
            <Link to="/needs" className="btn-secondary">
              {t("needs.filter.reset")}
            </Link>
            <button type="submit" className="btn-primary">
              {t("needs.filter.apply")}
            </button>
          </div>
        </div>
      </details>
    </Form>
  );
}
