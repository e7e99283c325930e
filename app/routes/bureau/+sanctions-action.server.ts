import { parseWithZod } from "@conform-to/zod/v4";
import type { Locale } from "~/i18n/i18n";
import { SanctionActionSchema } from "~/modules/sanctions/sanctions.schema";
import { collectOwed, lift } from "~/modules/sanctions/sanctions.server";
import type { SessionUser } from "~/modules/users/session.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

/** Lift a suspension or ban, or collect what a claw-back left owed; shared by the list and detail pages. */
export async function sanctionAction(
  user: SessionUser,
  formData: FormData,
  backTo: string,
  locale: Locale,
  meta: { ip?: string },
) {
  const submission = parseWithZod(formData, { schema: SanctionActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const value = submission.value;
  try {
    if (value.intent === "lift") await lift(user, value.sanctionId, value.reason, meta);
    else await collectOwed(user, value.sanctionId, meta);
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
  return redirectWithToast(backTo, {
    message: value.intent === "lift" ? "sanctions.toast.lifted" : "sanctions.toast.collected",
  });
}
