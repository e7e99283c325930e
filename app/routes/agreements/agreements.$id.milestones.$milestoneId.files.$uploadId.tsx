import type { LoaderFunctionArgs } from "@remix-run/node";
import { canReadMilestoneFile } from "~/modules/escrow/escrow.server";
import { privateImageResponse } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";

/**
 * A photo delivered for a milestone, for the agreement's parties and bureau staff only (never
 * cached by shared caches). Anything else — another milestone's file, a need photo — answers 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const uploadId = params.uploadId ?? "";
  if (!(await canReadMilestoneFile(user.id, params.id ?? "", params.milestoneId ?? "", uploadId)))
    throw notFound();
  return privateImageResponse(uploadId, request);
}
