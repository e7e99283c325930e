import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { openAgreementConversation } from "~/modules/chat/chat.server";
import { requirePermission } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";

/** "Chat with all parties" of an agreement: opens (creating on first use) its conversation. */
async function open(request: Request, agreementId: string) {
  const user = await requirePermission(request, "chat.use");
  try {
    const conversation = await openAgreementConversation(user, agreementId);
    return redirect(`/messages/${conversation.id}`);
  } catch (error) {
    throw domainErrorResponse(error);
  }
}

export const action = ({ request, params }: ActionFunctionArgs) => open(request, params.agreementId ?? "");
export const loader = ({ request, params }: LoaderFunctionArgs) => open(request, params.agreementId ?? "");
