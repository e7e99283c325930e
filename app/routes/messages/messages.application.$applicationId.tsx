import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { openApplicationConversation } from "~/modules/chat/chat.server";
import { requirePermission } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";

/**
 * "Chat about this application": opens (creating on first use) the application's conversation
 * and goes there. A POST, since it may create it; a GET (an old link) does the same for a
 * participant, because opening an existing conversation changes nothing.
 */
async function open(request: Request, applicationId: string) {
  const user = await requirePermission(request, "chat.use");
  try {
    const conversation = await openApplicationConversation(user, applicationId);
    return redirect(`/messages/${conversation.id}`);
  } catch (error) {
    throw domainErrorResponse(error);
  }
}

export const action = ({ request, params }: ActionFunctionArgs) => open(request, params.applicationId ?? "");
export const loader = ({ request, params }: LoaderFunctionArgs) => open(request, params.applicationId ?? "");
