import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/i18n/i18n.server";
import { StatementFiltersSchema } from "~/modules/ledger/ledger.schema";
import { requireUser } from "~/modules/users/guards.server";
import { statementCsv } from "~/modules/wallet/wallet.server";
import { domainErrorResponse } from "~/utils/errors";

/** /wallet/:accountId/statement.csv — the filtered statement as a CSV file for Excel or WPS. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const accountId = params.accountId ?? "";
  const { page: _page, ...filters } = StatementFiltersSchema.parse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  const csv = await statementCsv(user, accountId, filters, await getLocale(request)).catch(
    (error: unknown) => {
      throw domainErrorResponse(error);
    },
  );
  const name = `statement-${accountId.replace(/[^\w-]+/g, "-")}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
