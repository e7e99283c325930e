import { parseWithZod } from "@conform-to/zod/v4";
import { getLocale } from "~/i18n/i18n.server";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { ModerationSchema } from "./profiles.schema";
import { moderateProfile, type ModerationTarget } from "./profiles.server";

const PROFILE_PATH = { organisation: "/orgs", expert: "/experts" } as const;

/** The action of a public profile page: bureau staff hide it with a reason, or show it again. */
export async function profileModerationAction(
  request: Request,
  context: { clientIp?: string },
  target: ModerationTarget,
) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ModerationSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await moderateProfile({
      actor: user,
      target,
      moderation: submission.value,
      meta: requestMeta(request, context),
    });
    return redirectWithToast(`${PROFILE_PATH[target.kind]}/${target.id}`, {
      message: submission.value.intent === "hide" ? "profiles.toast.hidden" : "profiles.toast.unhidden",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}
