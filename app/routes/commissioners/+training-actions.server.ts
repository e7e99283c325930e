import { parseWithZod } from "@conform-to/zod/v4";
import { TrainingActionSchema } from "~/modules/commissioners/commissioners.schema";
import {
  cancelSignup,
  cancelTraining,
  markAttendance,
  signUp,
} from "~/modules/commissioners/commissioners.server";
import type { SessionUser } from "~/modules/users/session.server";
import { isDomainError } from "~/utils/errors";
import { redirectWithToast } from "~/utils/toast.server";

/** Sign up, cancel, record attendance or call off; shared by the training list and detail pages. */
export async function trainingAction(
  user: SessionUser,
  formData: FormData,
  backTo: string,
  meta: { ip?: string | null },
) {
  const submission = parseWithZod(formData, { schema: TrainingActionSchema });
  if (submission.status !== "success") {
    // The only field a person types here is the reason for calling a training off.
    if (submission.payload.intent === "cancelTraining")
      return redirectWithToast(backTo, { message: "commissioners.errors.reason_required", type: "error" });
    throw new Response("Bad Request", { status: 400 });
  }
  const value = submission.value;
  try {
    if (value.intent === "signUp") await signUp(user, value.trainingId);
    else if (value.intent === "cancel") await cancelSignup(user, value.trainingId);
    else if (value.intent === "attendance") await markAttendance(user, value.trainingId, value.userIds, meta);
    else await cancelTraining(user, value.trainingId, value.reason, meta);
  } catch (error) {
    // Full, closed, already signed up: the page comes back with the reason as a toast.
    if (!isDomainError(error)) throw error;
    return redirectWithToast(backTo, { message: error.messageKey, type: "error" });
  }
  const done = {
    signUp: "commissioners.toast.signedUp",
    cancel: "commissioners.toast.cancelled",
    attendance: "commissioners.toast.attendance",
    cancelTraining: "commissioners.toast.trainingCancelled",
  } as const;
  return redirectWithToast(backTo, { message: done[value.intent] });
}
