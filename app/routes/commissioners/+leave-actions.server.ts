import { parseWithZod } from "@conform-to/zod/v4";
import { changeLeaveEnd } from "~/modules/commissioners/leave-changes.server";
import { recordLeave, refuseLeave, verifyLeave } from "~/modules/commissioners/leaves.server";
import { LeaveIntentSchema } from "~/modules/commissioners/ventures.schema";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import type { SessionUser } from "~/modules/users/session.server";
import { isDomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/** Whether a posted form is about 停薪留职 (the profile and the bureau page also take other intents). */
export function isLeaveIntent(intent: unknown) {
  return ["recordLeave", "verifyLeave", "refuseLeave", "changeLeaveEnd"].includes(String(intent));
}

/** Record (commissioner or bureau), verify or refuse (bureau) a leave period; errors come back as a toast. */
export async function leaveAction(user: SessionUser, formData: FormData, backTo: string, meta: RequestMeta) {
  const submission = parseWithZod(formData, { schema: LeaveIntentSchema });
  if (submission.status !== "success") {
    const message = Object.values(submission.error ?? {}).flat()[0] ?? "errors.required";
    return redirectWithToast(backTo, { message, type: "error" });
  }
  const value = submission.value;
  try {
    if (value.intent === "verifyLeave") {
      await verifyLeave(user, value.leaveId, meta);
      return redirectWithToast(backTo, { message: "leaves.toast.verified" });
    }
    if (value.intent === "changeLeaveEnd") {
      await changeLeaveEnd(user, value.leaveId, value, meta);
      return redirectWithToast(backTo, { message: "leaves.toast.changed" });
    }
    if (value.intent === "refuseLeave") {
      await refuseLeave(user, value.leaveId, value.reason, meta);
      return redirectWithToast(backTo, { message: "leaves.toast.refused" });
    }
    const { intent: _intent, userId, ...fields } = value;
    const evidence = formData.get("evidence");
    await recordLeave(user, userId, fields, evidence instanceof File ? evidence : null, meta);
    return redirectWithToast(backTo, { message: "leaves.toast.recorded" });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const params = Object.fromEntries(
      Object.entries(error.params ?? {}).filter((entry): entry is [string, string | number] =>
        ["string", "number"].includes(typeof entry[1]),
      ),
    );
    return redirectWithToast(backTo, { message: error.messageKey, params, type: "error" });
  }
}

/** Reads a posted form that may carry the leave's evidence photo. */
export async function readLeaveForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return request.formData();
  return parseUploadForm(request, { maxFiles: 1, maxFileBytes: MAX_IMAGE_BYTES });
}
