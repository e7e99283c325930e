import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/i18n/i18n.server";
import { translate, type Params } from "~/i18n/i18n";
import {
  MAX_SUBMISSION_FILES,
  MilestoneActionSchema,
  type MilestoneAction,
} from "~/modules/escrow/escrow.schema";
import {
  acceptMilestone,
  disputeMilestone,
  fundMilestone,
  rejectMilestone,
  resolveDispute,
  submitMilestone,
} from "~/modules/escrow/escrow.server";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";
import type { Actor } from "~/modules/users/permissions";
import { isDomainError } from "~/utils/errors";
import { firstErrorKey, jsonAsForm } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/*
 * The milestone forms of the agreement page post here. The route has no page of its own: every
 * answer, refusals included, is a redirect back to the agreement with a toast, so the forms work
 * the same with JavaScript off (a resource route's data could not be shown on that page).
 *
 * The same actions as JSON (a mini-program, a script): `Content-Type: application/json`, the
 * fields of the form in the body and the key in an `Idempotency-Key` header; the answer is JSON.
 */

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/agreements/${encodeURIComponent(params.id ?? "")}`);
}

const DONE = {
  fund: "escrow.toast.funded",
  submit: "escrow.toast.submitted",
  accept: "escrow.toast.accepted",
  reject: "escrow.toast.rejected",
  dispute: "escrow.toast.disputed",
  resolve: "escrow.toast.resolved",
} as const satisfies Record<MilestoneAction["intent"], string>;

function perform(actor: Actor, milestoneId: string, value: MilestoneAction, meta: { ip: string }) {
  switch (value.intent) {
    case "fund":
      return fundMilestone(actor, milestoneId, value.idempotencyKey, meta);
    case "submit":
      return submitMilestone(actor, milestoneId, { note: value.note, files: value.files }, meta);
    case "accept":
      return acceptMilestone(actor, milestoneId, value.idempotencyKey, meta);
    case "reject":
      return rejectMilestone(actor, milestoneId, value.reason, meta);
    case "dispute":
      return disputeMilestone(actor, milestoneId, value.reason, meta);
    case "resolve":
      return resolveDispute(
        actor,
        milestoneId,
        { payeeFen: value.payeeYuan, note: value.note },
        value.idempotencyKey,
        meta,
      );
  }
}

async function jsonAction(request: Request, actor: Actor, milestoneId: string, meta: { ip: string }) {
  const locale = await getLocale(request);
  const refuse = (status: number, error: string, message: string) =>
    data({ ok: false as const, error, message }, { status });
  const form = await jsonAsForm(request);
  if (!form) return refuse(400, "invalid_json", translate(locale, "errors.invalid_input"));
  const submission = parseWithZod(form, { schema: MilestoneActionSchema });
  if (submission.status !== "success") {
    return refuse(400, "invalid_input", translate(locale, firstErrorKey(submission.error)));
  }
  try {
    const result = await perform(actor, milestoneId, submission.value, meta);
    return data({ ok: true as const, intent: submission.value.intent, result: result ?? null });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return refuse(error.status, error.code, translate(locale, error.messageKey, error.params));
  }
}

// With JavaScript, files go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    return jsonAction(request, user, params.milestoneId ?? "", requestMeta(request, context));
  }
  const back = `/agreements/${encodeURIComponent(params.id ?? "")}`;
  const refuse = (message: string, messageParams?: Params) =>
    redirectWithToast(back, { type: "error", message, params: messageParams });
  try {
    const formData = await parseUploadForm(request, {
      maxFiles: MAX_SUBMISSION_FILES,
      maxFileBytes: MAX_IMAGE_BYTES,
    });
    const submission = parseWithZod(formData, { schema: MilestoneActionSchema });
    if (submission.status !== "success") return refuse(firstErrorKey(submission.error));
    await perform(user, params.milestoneId ?? "", submission.value, requestMeta(request, context));
    return redirectWithToast(back, { message: DONE[submission.value.intent] });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return refuse(error.messageKey, error.params);
  }
}
