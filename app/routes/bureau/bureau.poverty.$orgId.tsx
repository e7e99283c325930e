import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { setPovertyVillage } from "~/modules/reach/poverty.server";
import { PovertySchema } from "~/modules/reach/reach.schema";
import { requirePermission } from "~/modules/users/guards.server";
import { isDomainError } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/** Marks or unmarks a poverty village; posted from the organisation's page (/orgs/:id). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "reach.manage");
  const organisationId = params.orgId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: PovertySchema });
  // The page's form requires a reason; a post without one goes back with a notice.
  if (submission.status !== "success")
    return redirectWithToast(`/orgs/${organisationId}`, {
      type: "error",
      message: "reach.errors.reason_required",
    });
  try {
    await setPovertyVillage(user, {
      organisationId,
      mark: submission.value.intent === "mark",
      reason: submission.value.reason,
      meta: requestMeta(request, context),
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return redirectWithToast(`/orgs/${organisationId}`, {
      type: "error",
      message: error.messageKey,
      params: error.params,
    });
  }
  return redirectWithToast(`/orgs/${organisationId}`, {
    message: submission.value.intent === "mark" ? "reach.poverty.marked" : "reach.poverty.unmarked",
  });
}

export function loader({ params }: { params: { orgId?: string } }) {
  return redirect(`/orgs/${params.orgId ?? ""}`);
}
