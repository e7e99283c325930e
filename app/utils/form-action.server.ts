import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { getLocale } from "~/i18n/i18n.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { redirectWithToast, type Toast } from "~/utils/toast.server";

/**
 * The usual path of a form's action once the user is known: parse the form with its schema and
 * answer 400 with the field errors, or run the command and redirect with a toast; a command the
 * rules refuse answers with its translated message on the form.
 */
export async function submitForm<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  run: (value: z.output<Schema>) => Promise<{ redirectTo: string; toast: Toast }>,
) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const done = await run(submission.value);
    return redirectWithToast(done.redirectTo, done.toast);
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}
