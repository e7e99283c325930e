import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { isMessageKey, translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { isDomainError } from "./errors";

interface Replyable {
  reply: (options?: {
    formErrors?: string[];
    fieldErrors?: Record<string, string[]>;
    hideFields?: string[];
  }) => SubmissionResult<string[]>;
}

/**
 * Turns a refusal from a service into the form's reply: the message on the field it concerns
 * (or the whole form), with the status of the rule. Anything else is rethrown.
 */
export function replyWithDomainError(
  submission: Replyable,
  error: unknown,
  locale: Locale,
  hideFields: string[] = [],
) {
  if (!isDomainError(error)) throw error;
  const message = translate(locale, error.messageKey, error.params);
  const reply = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [message] }, hideFields })
    : submission.reply({ formErrors: [message], hideFields });
  return data(reply, { status: error.status });
}

export function replyInvalid(submission: Replyable, hideFields: string[] = []) {
  return data(submission.reply({ hideFields }), { status: 400 });
}

/** The first message of a form that did not parse; schema messages are message keys. */
export function firstErrorKey(errors: Record<string, string[] | null> | null | undefined): MessageKey {
  const message = Object.values(errors ?? {}).flatMap((list) => list ?? [])[0];
  return message && isMessageKey(message) ? message : "errors.invalid_input";
}

/** A JSON body as the form would have sent it, so both go through one schema; null if not an object. */
export async function jsonAsForm(request: Request): Promise<FormData | null> {
  const body: unknown = await request.json().catch(() => null);
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const form = new FormData();
  for (const [name, value] of Object.entries(body))
    if (["string", "number"].includes(typeof value)) form.set(name, String(value));
  const key = request.headers.get("idempotency-key");
  if (key) form.set("idempotencyKey", key);
  return form;
}
