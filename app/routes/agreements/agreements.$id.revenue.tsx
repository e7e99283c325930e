import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Params } from "~/i18n/i18n";
import { MAX_EVIDENCE_FILES, RevenueActionSchema } from "~/modules/revenue/revenue.schema";
import { reportRevenue, settleRevenueReport } from "~/modules/revenue/revenue.server";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";
import { isDomainError } from "~/utils/errors";
import { firstErrorKey } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/*
 * The revenue panel's forms (report a period, settle a share) post here. There is no page: every
 * answer, refusals included, redirects back to the agreement with a toast, so the forms work the
 * same with JavaScript off.
 */

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/agreements/${encodeURIComponent(params.id ?? "")}`);
}

// With JavaScript, files go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const agreementId = params.id ?? "";
  const back = `/agreements/${encodeURIComponent(agreementId)}`;
  const refuse = (message: string, messageParams?: Params) =>
    redirectWithToast(back, { type: "error", message, params: messageParams });
  const meta = requestMeta(request, context);
  try {
    // One file more than allowed is read, so "too many photos" comes from the schema's message.
    const formData = await parseUploadForm(request, {
      maxFiles: MAX_EVIDENCE_FILES + 1,
      maxFileBytes: MAX_IMAGE_BYTES,
    });
    const submission = parseWithZod(formData, { schema: RevenueActionSchema });
    if (submission.status !== "success") return refuse(firstErrorKey(submission.error));
    const value = submission.value;
    if (value.intent === "report") {
      await reportRevenue(
        user,
        agreementId,
        {
          component: value.component,
          periodStart: value.periodStart,
          baseFen: value.base,
          note: value.note,
          evidence: value.evidence,
        },
        meta,
      );
      return redirectWithToast(back, { message: "revenue.report.done" });
    }
    await settleRevenueReport(user, value.reportId, value.idempotencyKey, meta);
    return redirectWithToast(back, { message: "revenue.settle.done" });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return refuse(error.messageKey, error.params);
  }
}
