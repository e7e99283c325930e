import type { LoaderFunctionArgs } from "@remix-run/node";
import { rollUpAttachment, rollUpXlsx } from "~/modules/reports/reports-export.server";
import { rollUp } from "~/modules/reports/rollup.server";
import { isPeriodKey, lastEndedPeriodKey, periodOf } from "~/modules/reports/reports.periods";
import { PeriodQuerySchema } from "~/modules/reports/reports.schema";
import { requirePermission } from "~/modules/users/guards.server";

/** /bureau/reports/roll-up.xlsx — the roll-up page's period as one Excel sheet (reports-export.server.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "report.rollup");
  const query = PeriodQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const key =
    query.periodKey && isPeriodKey(query.periodKind, query.periodKey)
      ? query.periodKey
      : lastEndedPeriodKey(query.periodKind);
  const view = await rollUp(periodOf(query.periodKind, key));
  return new Response(await rollUpXlsx(view), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": rollUpAttachment(view),
      "Cache-Control": "private, no-store",
    },
  });
}
