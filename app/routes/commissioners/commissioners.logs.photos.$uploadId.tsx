import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { privateImageResponse } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";

/** A photo from a commissioner's service log: for logged-in users (like the report it sits on). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const uploadId = params.uploadId ?? "";
  const log = await db.serviceLog.findFirst({ where: { photoIds: { has: uploadId } }, select: { id: true } });
  if (!log) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return privateImageResponse(uploadId, request);
}
