import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { formatDateTime } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { AUDIT_SUBJECT_TYPES, type AuditFilters } from "~/modules/audit/audit.schema";

/** A query string with the given filters (empty ones dropped), "" when there are none. */
export function auditQuery(
  filters: Partial<Record<keyof AuditFilters, string | number | undefined>>,
): string {
  const entries = Object.entries(filters).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== "",
  );
  const text = new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString();
  return text ? `?${text}` : "";
}

/** The GET filter form: works without JavaScript, and its URL can be bookmarked or shared. */
export function AuditFilterForm({ filters }: { filters: AuditFilters }) {
  const { t } = useT();
  // Lengths match AuditFiltersSchema: a longer value would be ignored there.
  const field = (
    name: "actor" | "action" | "subjectType" | "subjectId",
    maxLength: number,
    hint?: string,
    list?: string,
  ) => (
    <label className="block text-sm">
      <span className="text-stone-700">{t(`audit.filter.${name}`)}</span>
      <input
        type="text"
        name={name}
        defaultValue={filters[name] ?? ""}
        placeholder={hint}
        list={list}
        maxLength={maxLength}
        className="input mt-1"
      />
    </label>
  );
  return (
    <Form method="get" action="/bureau/audit" className="card grid gap-3 sm:grid-cols-3 sm:items-end">
      {field("actor", 60, t("audit.filter.actorHint"))}
      {field("action", 60, t("audit.filter.actionHint"))}
      {field("subjectType", 40, undefined, "audit-subject-types")}
      <datalist id="audit-subject-types">
        {AUDIT_SUBJECT_TYPES.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      {field("subjectId", 100)}
      <label className="block text-sm">
        <span className="text-stone-700">{t("audit.filter.from")}</span>
        <input type="date" name="from" defaultValue={filters.from ?? ""} className="input mt-1" />
      </label>
      <label className="block text-sm">
        <span className="text-stone-700">{t("audit.filter.to")}</span>
        <input type="date" name="to" defaultValue={filters.to ?? ""} className="input mt-1" />
      </label>
      <div className="flex gap-2 sm:col-span-3">
        <button type="submit" className="btn-primary flex-1 sm:flex-none">
          {t("audit.filter.apply")}
        </button>
        <Link to="/bureau/audit" className="btn-secondary">
          {t("audit.filter.reset")}
        </Link>
      </div>
    </Form>
  );
}

export interface AuditRowData {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  subjectHref: string | null;
  ip: string | null;
  changes: { key: string; before: string; after: string }[];
}

/** One audit entry: when, who, what, on which subject, and the changed keys behind a <details>. */
export function AuditRow({ row }: { row: AuditRowData }) {
  const { t, locale } = useT();
  const subject = `${row.subjectType} · ${row.subjectId}`;
  return (
    <li className="space-y-1 px-3 py-2">
      <p className="flex flex-wrap items-baseline gap-x-2">
        <code className="font-semibold">{row.action}</code>
        <span className="text-sm text-stone-600">{row.actorName ?? t("audit.system")}</span>
        <time dateTime={row.at} className="ml-auto text-sm text-stone-600">
          {formatDateTime(locale, row.at)}
        </time>
      </p>
      <p className="break-all text-sm">
        {row.subjectHref ? (
          <Link to={row.subjectHref} className="link">
            {subject}
          </Link>
        ) : (
          <span>{subject}</span>
        )}
        {row.ip ? <span className="text-stone-500"> · {row.ip}</span> : null}
      </p>
      {row.changes.length === 0 ? (
        <p className="text-sm text-stone-500">{t("audit.noChanges")}</p>
      ) : (
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-800">
            {t("audit.changes", { count: row.changes.length })}
          </summary>
          <dl className="mt-1 space-y-1">
            {row.changes.map((change) => (
              <div key={change.key} className="rounded bg-stone-50 px-2 py-1">
                <dt className="font-medium">{change.key || t("audit.diff.value")}</dt>
                <dd className="break-all font-mono text-xs text-red-800">
                  {t("audit.diff.before")}: {change.before || t("audit.diff.absent")}
                </dd>
                <dd className="break-all font-mono text-xs text-brand-800">
                  {t("audit.diff.after")}: {change.after || t("audit.diff.absent")}
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </li>
  );
}
