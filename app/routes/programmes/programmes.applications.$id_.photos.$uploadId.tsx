import type { LoaderFunctionArgs } from "@remix-run/node";
import { mayReadMonitoringPhoto } from "~/modules/monitoring/monitoring.server";
import { privateImageResponse } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";

/** A progress report's or site visit's photo: for whoever may see the project; 404 to anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const uploadId = params.uploadId ?? "";
  if (!(await mayReadMonitoringPhoto(user, params.id ?? "", uploadId)))
    throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return privateImageResponse(uploadId, request);
}
