import type { LoaderFunctionArgs } from "@remix-run/node";
import { getNeedForViewer } from "~/modules/needs/needs.queries.server";
import { voiceNoteOf } from "~/modules/reach/informants.server";
import { readUpload } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";

const NOT_FOUND = { status: 404, headers: { "Cache-Control": "no-store" } };

/** The farmer's voice note of a proxy-posted need: logged-in people who may see the need. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  await getNeedForViewer(params.id ?? "", viewer).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  const uploadId = await voiceNoteOf(params.id ?? "");
  const stored = uploadId ? await readUpload(uploadId) : null;
  if (!stored) throw new Response("Not found", NOT_FOUND);
  return new Response(stored.stream, {
    headers: {
      "Cache-Control": "private, max-age=3600",
      "Content-Type": stored.mimeType,
      "Content-Length": String(stored.size),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
