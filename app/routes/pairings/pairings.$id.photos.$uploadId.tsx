import type { LoaderFunctionArgs } from "@remix-run/node";
import { mayViewPairingPhoto } from "~/modules/pairings/pairings.queries.server";
import { privateImageResponse } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";

/** A pairing report's photo, for the institution's accounts and the officers of the pairing's county. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const uploadId = params.uploadId ?? "";
  if (!(await mayViewPairingPhoto(user, params.id ?? "", uploadId)))
    throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return privateImageResponse(uploadId, request);
}
