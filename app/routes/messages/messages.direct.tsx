import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { DirectFormSchema } from "~/modules/chat/chat.schema";
import { openDirectConversation } from "~/modules/chat/chat.server";
import { requirePermission } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";

/** "Send a message" on a profile: the direct conversation with that person, opened on first use. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "chat.use");
  const parsed = DirectFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  try {
    const conversation = await openDirectConversation(user, parsed.data.userId);
    return redirect(`/messages/${conversation.id}`);
  } catch (error) {
    throw domainErrorResponse(error);
  }
}
