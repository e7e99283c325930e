import type { LoaderFunctionArgs } from "@remix-run/node";
import { canReadEvidence } from "~/modules/programmes/programmes.queries.server";
import { privateImageResponse } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";

/** An evidence photo of a completion report: for the applying organisation and the bureau; 404 to anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const uploadId = params.uploadId ?? "";
  if (!(await canReadEvidence(user, params.id ?? "", uploadId)))
    throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return privateImageResponse(uploadId, request);
}
