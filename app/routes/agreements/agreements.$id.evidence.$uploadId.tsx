import type { LoaderFunctionArgs } from "@remix-run/node";
import { canReadRevenueEvidence } from "~/modules/revenue/revenue.server";
import { privateImageResponse } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";

/** A photo of revenue evidence, for the agreement's parties and bureau staff only; 404 to anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const uploadId = params.uploadId ?? "";
  if (!(await canReadRevenueEvidence(user, params.id ?? "", uploadId)))
    throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return privateImageResponse(uploadId, request);
}
