import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewAgreementSchema } from "~/modules/agreements/agreements.schema";
import {
  createAgreementFromApplication,
  createAgreementFromOffer,
} from "~/modules/agreements/agreements.server";
import { requireUser } from "~/modules/users/guards.server";
import { isDomainError } from "~/utils/errors";
import { requestMeta, safeRedirect } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/** POST only: the "起草协议" buttons of an accepted application or an offer land here. */
export function loader() {
  return redirect("/agreements");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: NewAgreementSchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  const meta = requestMeta(request, context);
  const value = submission.value;
  try {
    const { id, created } =
      value.source === "application"
        ? await createAgreementFromApplication(user, value.applicationId, meta)
        : await createAgreementFromOffer(user, value.offerId, meta);
    // A new draft opens at its terms; an existing one (a second tap, the other side first) at its page.
    return created
      ? redirectWithToast(`/agreements/${id}/edit`, { message: "agreements.toast.created" })
      : redirect(`/agreements/${id}`);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    // Back to the page the button was on, saying why.
    const back = safeRedirect(formData.get("redirectTo"), "/agreements");
    return redirectWithToast(back, { type: "error", message: error.messageKey, params: error.params });
  }
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
