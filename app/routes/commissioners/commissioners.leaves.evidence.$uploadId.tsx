import type { LoaderFunctionArgs } from "@remix-run/node";
import { leaveEvidenceVisible } from "~/modules/commissioners/leaves.server";
import { privateImageResponse } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";

/** The photo evidencing a 停薪留职 period: for its commissioner and the city bureau only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const uploadId = params.uploadId ?? "";
  if (!(await leaveEvidenceVisible(viewer, uploadId)))
    throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return privateImageResponse(uploadId, request);
}
