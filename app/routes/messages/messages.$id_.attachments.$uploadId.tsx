import type { LoaderFunctionArgs } from "@remix-run/node";
import { isConversationAttachment, requireParticipant } from "~/modules/chat/chat.server";
import { privateImageResponse } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";

/**
 * An image sent in a conversation, for its participants only (never cached by shared caches).
 * Anything else — another conversation's image, a need photo's id — answers 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const conversationId = params.id ?? "";
  const uploadId = params.uploadId ?? "";
  try {
    await requireParticipant(user.id, conversationId);
  } catch (error) {
    throw domainErrorResponse(error);
  }
  const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  if (!(await isConversationAttachment(conversationId, uploadId))) throw notFound();
  return privateImageResponse(uploadId, request);
}
