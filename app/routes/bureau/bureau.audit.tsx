import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { searchAuditLog } from "~/modules/audit/audit-log.server";
import { AUDIT_CSV_LIMIT, parseAuditFilters } from "~/modules/audit/audit.schema";
import { requirePermission } from "~/modules/users/guards.server";
import { AuditFilterForm, AuditRow, auditQuery } from "~/components/audit/audit-log";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "audit.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit.read");
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  const [result, locale] = await Promise.all([searchAuditLog(filters), getLocale(request)]);
  return { ...result, filters, locale };
}

export default function AuditPage() {
  const { rows, total, pages, filters } = useLoaderData<typeof loader>();
  const { t } = useT();
  const { page, ...kept } = filters;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("audit.title")}</h1>
      <p className="text-stone-600">{t("audit.hint")}</p>
      <AuditFilterForm filters={filters} />

      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-stone-600">{t("audit.count", { total })}</span>
        {/* A plain link: the browser downloads the file, no JavaScript needed. */}
        <a href={`/bureau/audit.csv${auditQuery(kept)}`} className="link ml-auto" download>
          {t("audit.export", { limit: AUDIT_CSV_LIMIT })}
        </a>
      </div>

      {rows.length === 0 ? <p className="card text-stone-600">{t("audit.empty")}</p> : null}
      <ol className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {rows.map((row) => (
          <AuditRow key={row.id} row={row} />
        ))}
      </ol>

      {pages > 1 ? (
        <nav
          className="flex items-center justify-between gap-2"
          aria-label={t("audit.page", { page, pages })}
        >
          {page > 1 ? (
            <Link to={auditQuery({ ...kept, page: page - 1 })} className="btn-secondary">
              {t("audit.prev")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-stone-600">{t("audit.page", { page, pages })}</span>
          {page < pages ? (
            <Link to={auditQuery({ ...kept, page: page + 1 })} className="btn-secondary">
              {t("audit.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
