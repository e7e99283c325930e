import type { LoaderFunctionArgs } from "@remix-run/node";
import { mayReadEvidence } from "~/modules/linkage/linkage.server";
import { privateImageResponse } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";

/** A payment's evidence photo, for the organisation's members and the household's overseers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const uploadId = params.uploadId ?? "";
  if (!(await mayReadEvidence(user, params.id ?? "", uploadId)))
    throw new Response("Not found", { status: 404 });
  return privateImageResponse(uploadId, request);
}
