import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/i18n/i18n.server";
import { auditCsv } from "~/modules/audit/audit-log.server";
import { parseAuditFilters } from "~/modules/audit/audit.schema";
import { requirePermission } from "~/modules/users/guards.server";

/** /bureau/audit.csv — the filtered audit log (same filters as /bureau/audit) for Excel or WPS. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit.read");
  const { page: _page, ...filters } = parseAuditFilters(new URL(request.url).searchParams);
  const csv = await auditCsv(filters, await getLocale(request));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="audit-log.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
