import type { LoaderFunctionArgs } from "@remix-run/node";
import { returnAttachment, returnXlsx } from "~/modules/reports/reports-export.server";
import { requireReportReader } from "~/modules/reports/reports-guard.server";
import { getReturn } from "~/modules/reports/reports.server";
import { domainErrorResponse } from "~/utils/errors";

/** /bureau/reports/<id>/return.xlsx — one return in the stable Excel layout (reports-export.server.ts). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireReportReader(request);
  const view = await getReturn(user, params.id ?? "").catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return new Response(await returnXlsx(view), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": returnAttachment(view),
      "Cache-Control": "private, no-store",
    },
  });
}
