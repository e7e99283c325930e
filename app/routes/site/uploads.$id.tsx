import type { LoaderFunctionArgs } from "@remix-run/node";
import { imageVariant, isPrivateUpload, readUpload } from "~/modules/uploads/uploads.server";

/**
 * Serves a stored upload (photos of needs are public). An id's content never changes, so the
 * response may be cached for a year and a revalidation is answered with 304.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const variant = imageVariant(request.url);
  const etag = `"${params.id}-${variant}"`;
  const cacheHeaders = {
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  };
  // Chat images, delivered work and revenue evidence are served to the people concerned under
  // /messages/… and /agreements/… only.
  const id = params.id ?? "";
  if (await isPrivateUpload(id))
    throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const stored = await readUpload(params.id ?? "", variant);
  if (!stored) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  if (request.headers.get("if-none-match") === etag) {
    await stored.stream.cancel();
    return new Response(null, { status: 304, headers: cacheHeaders });
  }
  return new Response(stored.stream, {
    headers: { ...cacheHeaders, "Content-Type": stored.mimeType, "Content-Length": String(stored.size) },
  });
}
