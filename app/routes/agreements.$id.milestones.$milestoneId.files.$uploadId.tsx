import type { LoaderFunctionArgs } from "@remix-run/node";
import { canReadMilestoneFile } from "~/modules/escrow/escrow.server";
import { readUpload } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";

/**
 * A photo delivered for a milestone, for the agreement's parties and bureau staff only (never
 * cached by shared caches). Anything else — another milestone's file, a need photo — answers 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const uploadId = params.uploadId ?? "";
  if (!(await canReadMilestoneFile(user.id, params.id ?? "", params.milestoneId ?? "", uploadId))) throw notFound();
  const variant = new URL(request.url).searchParams.get("v") === "thumb" ? "thumb" : "full";
  const stored = await readUpload(uploadId, variant);
  if (!stored) throw notFound();
  return new Response(stored.stream, {
    headers: {
      "Cache-Control": "private, max-age=31536000, immutable",
      "Content-Type": stored.mimeType,
      "Content-Length": String(stored.size),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
