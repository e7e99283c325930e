import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import type { MessageKey } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * The action of a form that saves and then moves on: parse the form with its schema, save, then
 * redirect where the save says with its toast. A form that does not parse answers 400 with its
 * errors; a refusal from the service answers with its status and translated message.
 */
export async function saveForm<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  save: (value: z.output<Schema>) => Promise<{ redirectTo: string; message: MessageKey }>,
) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const { redirectTo, message } = await save(submission.value);
    return redirectWithToast(redirectTo, { message });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}
