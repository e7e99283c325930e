import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { declineAssignment } from "~/modules/reach/triage.server";
import { DeclineSchema } from "~/modules/reach/reach.schema";
import { requireUser } from "~/modules/users/guards.server";
import { isDomainError } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/** The assignee declines a triage assignment, from their workspace. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: DeclineSchema });
  if (submission.status !== "success")
    return redirectWithToast("/workspace", { type: "error", message: "reach.errors.reason_required" });
  try {
    await declineAssignment(user, {
      assignmentId: params.id ?? "",
      reason: submission.value.reason,
      meta: requestMeta(request, context),
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return redirectWithToast("/workspace", {
      type: "error",
      message: error.messageKey,
      params: error.params,
    });
  }
  return redirectWithToast("/workspace", { message: "reach.tasks.declined" });
}

export function loader() {
  return redirect("/workspace");
}
